import { AbortError } from "../errors/abortError";

/**
 * Time for the server-side writers: a seam, so tests of rate limits and
 * backoff run on virtual time instead of waiting.
 *
 * @example
 * ```ts
 * let now = 0;
 * const clock: ServerClock = { now: () => now, sleep: async (ms) => { now += ms; } };
 * createCallsApiWriter({ accessToken, clock });
 * ```
 */
export interface ServerClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with `AbortError` when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The real clock: `Date.now()` and `setTimeout`, looked up at call time.
 *
 * @example
 * ```ts
 * await systemClock().sleep(1_000, signal);
 * ```
 */
export function systemClock(): ServerClock {
  return {
    now: () => Date.now(),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(new AbortError("a retry delay", signal.reason));
        const onAbort = () => {
          globalThis.clearTimeout(handle);
          reject(new AbortError("a retry delay", signal?.reason));
        };
        const handle = globalThis.setTimeout(() => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        }, Math.max(0, ms));
        signal?.addEventListener("abort", onAbort, { once: true });
      }),
  };
}
