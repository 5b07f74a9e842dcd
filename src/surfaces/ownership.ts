/**
 * The part of the Web Locks API (`navigator.locks`) the coordinator uses to
 * decide which instance holds calls. A lock is released when the callback's
 * promise settles, or by the browser when the page that holds it goes away
 * (a closed window, a reload): that is what makes ownership safe to hand
 * over. `createMemoryLocks()` from `hubspot-calling-kit/testing` implements
 * it in memory for tests.
 *
 * @example
 * ```ts
 * const locks: SurfaceLocks = navigator.locks;
 * await locks.request("my-lock", { ifAvailable: true }, async (lock) => {
 *   if (lock) console.log("held until this callback's promise settles");
 * });
 * ```
 */
export interface SurfaceLocks {
  /** Requests a lock: `callback` runs once granted (with `null` when `ifAvailable` could not have it at once). */
  request(
    name: string,
    options: { mode?: "exclusive" | "shared"; ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => unknown,
  ): Promise<unknown>;
}

/** `navigator.locks`, when the page has it (secure contexts: https, localhost). @internal */
export function defaultLocks(): SurfaceLocks | null {
  return (globalThis as { navigator?: { locks?: SurfaceLocks } }).navigator?.locks ?? null;
}

/**
 * Who holds the calls, on one exclusive lock:
 *
 * - `compete()` queues for it (the surfaces that should hold calls); once
 *   granted, `granted` runs and the lock is held until `release()`;
 * - `watch()` learns when nobody holds it any more and nobody is waiting
 *   for it (a shared request, granted only then, and released at once);
 * - `tryTake()` takes it only if it is free right now.
 *
 * Every request is aborted by `stop()`. @internal
 */
export class Ownership {
  #locks: SurfaceLocks;
  #name: string;
  #stop = new AbortController();
  #release: (() => void) | null = null;
  #watching = false;

  constructor(locks: SurfaceLocks, name: string) {
    this.#locks = locks;
    this.#name = name;
  }

  get held(): boolean {
    return this.#release !== null;
  }

  /** Queues for the lock; `granted` runs when this instance holds it. */
  compete(granted: () => void): void {
    this.#hold({ signal: this.#stop.signal }, granted);
  }

  /** Takes the lock only if it is free now; resolves whether it did (then `granted` has run). */
  tryTake(granted: () => void): Promise<boolean> {
    return this.#hold({ ifAvailable: true }, granted);
  }

  /** Calls `gone` once nobody holds the lock and nobody waits for it. Idempotent while watching. */
  watch(gone: () => void): void {
    if (this.#watching || this.#stop.signal.aborted) return;
    this.#watching = true;
    let granted = false;
    this.#locks
      // Released at once (the callback returns): a shared hold would keep the next owner out.
      .request(this.#name, { mode: "shared", signal: this.#stop.signal }, () => void (granted = true))
      .then(
        () => {
          this.#watching = false;
          // Told once the shared lock is released, so that `gone` may take the lock itself.
          if (granted && !this.#stop.signal.aborted) gone();
        },
        () => {
          this.#watching = false;
        },
      );
  }

  /** Gives the lock up (the next instance queued gets it). */
  release(): void {
    const release = this.#release;
    this.#release = null;
    release?.();
  }

  /** Aborts every request and gives the lock up. */
  stop(): void {
    this.#stop.abort();
    this.release();
  }

  #hold(options: { signal?: AbortSignal; ifAvailable?: boolean }, granted: () => void): Promise<boolean> {
    return new Promise<boolean>((answer) => {
      this.#locks
        .request(this.#name, { mode: "exclusive", ...options }, (lock) => {
          if (!lock || this.#stop.signal.aborted) return answer(false);
          answer(true);
          // Held until release(): the lock lives as long as this promise is pending.
          return new Promise<void>((resolve) => {
            this.#release = resolve;
            granted();
          });
        })
        .catch(() => answer(false));
    });
  }
}
