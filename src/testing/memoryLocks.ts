import { AbortError } from "../errors/abortError";
import type { SurfaceLocks } from "../surfaces/ownership";

/**
 * An in-memory lock manager with the Web Locks API's rules, for tests in
 * Node (which has no `navigator.locks`): requests per name are granted in
 * order; an exclusive lock waits until nothing is held, shared locks share;
 * `ifAvailable` answers `null` at once unless the lock is free and nobody is
 * waiting; a `signal` aborts a request still waiting; a lock is released
 * when its callback's promise settles. `held()` tells what is held now.
 *
 * @example
 * ```ts
 * import { coordinateSurfaces } from "hubspot-calling-kit";
 * import { createMemoryLocks } from "hubspot-calling-kit/testing";
 *
 * const locks = createMemoryLocks(); // one per simulated browser
 * const remote = createCallingClient({ provider, transport: remoteHost.transport, surfaces: coordinateSurfaces({ locks }) });
 * const window = createCallingClient({ provider, transport: windowHost.transport, surfaces: coordinateSurfaces({ locks }) });
 * ```
 */
export interface MemoryLocks extends SurfaceLocks {
  /** The locks held now: their names and modes, in the order granted. */
  held(): HeldLock[];
}

/**
 * One lock a {@link MemoryLocks} holds.
 *
 * @example
 * ```ts
 * const [first]: HeldLock[] = locks.held();
 * first?.name; // "acme-phone:owner"
 * ```
 */
export interface HeldLock {
  /** The lock's name, as requested. */
  name: string;
  /** `exclusive` (one holder) or `shared` (many). */
  mode: "exclusive" | "shared";
}

type Waiting = {
  name: string;
  mode: "exclusive" | "shared";
  grant: () => void;
};

/**
 * Creates a {@link MemoryLocks}.
 *
 * @example
 * ```ts
 * const locks = createMemoryLocks();
 * await locks.request("a", {}, async () => {
 *   locks.held(); // [{ name: "a", mode: "exclusive" }]
 * });
 * ```
 */
export function createMemoryLocks(): MemoryLocks {
  const held: HeldLock[] = [];
  const queue: Waiting[] = [];

  const conflicts = (name: string, mode: "exclusive" | "shared") =>
    held.some((lock) => lock.name === name && (mode === "exclusive" || lock.mode === "exclusive"));

  const process = () => {
    // Requests are granted from the front of each name's queue only.
    for (let index = 0; index < queue.length; ) {
      const request = queue[index] as Waiting;
      const first = queue.findIndex((other) => other.name === request.name) === index;
      if (first && !conflicts(request.name, request.mode)) {
        queue.splice(index, 1);
        request.grant();
        index = 0;
      } else {
        index++;
      }
    }
  };

  return {
    held: () => held.map((lock) => ({ ...lock })),
    request(name, options, callback) {
      const mode = options.mode ?? "exclusive";
      const { signal } = options;
      return new Promise<unknown>((resolve, reject) => {
        if (signal?.aborted) return reject(new AbortError(`the lock ${name}`, signal.reason));
        // Held from the moment it is granted; the callback runs a moment later, as in browsers.
        const run = () => {
          const lock = { name, mode };
          held.push(lock);
          Promise.resolve()
            .then(() => callback(lock))
            .finally(() => {
              held.splice(held.indexOf(lock), 1);
              process();
            })
            .then(resolve, reject);
        };
        if (options.ifAvailable) {
          const free = !conflicts(name, mode) && !queue.some((other) => other.name === name);
          if (!free) {
            Promise.resolve()
              .then(() => callback(null))
              .then(resolve, reject);
            return;
          }
          return run();
        }
        const waiting: Waiting = {
          name,
          mode,
          grant: () => {
            signal?.removeEventListener("abort", onAbort);
            run();
          },
        };
        const onAbort = () => {
          const index = queue.indexOf(waiting);
          if (index < 0) return;
          queue.splice(index, 1);
          reject(new AbortError(`the lock ${name}`, signal?.reason));
          process();
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        queue.push(waiting);
        process();
      });
    },
  };
}
