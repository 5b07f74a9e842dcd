import { AbortError } from "../errors/abortError";
import { MAX_TIMER_MS } from "../internal/anySignal";
import { type Clock, systemClock } from "../internal/clock";

/**
 * Time for the server-side writers: a seam, so tests of rate limits, backoff
 * and timeouts run on virtual time instead of waiting. It is the library's
 * {@link Clock} (`now`, and `setTimeout`/`clearTimeout` for request
 * timeouts) plus `sleep` for waits (backoff, rate limits), kept apart so a
 * test clock can skip waits without firing every timeout at once.
 *
 * @example
 * ```ts
 * let now = 0;
 * const clock: ServerClock = {
 *   now: () => now,
 *   sleep: async (ms) => { now += ms; },       // waits pass at once
 *   setTimeout: () => 0, clearTimeout: () => {}, // requests never time out
 * };
 * createCallsApiWriter({ accessToken, clock });
 * ```
 */
export interface ServerClock extends Clock {
  /** Resolves after `ms`; rejects with `AbortError` when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The real clock: `Date.now()` and `setTimeout`, looked up at call time.
 * Sleeps longer than `setTimeout` allows (2^31 - 1 ms, about 24.8 days) are
 * chained instead of overflowing into a 1 ms timer.
 *
 * @example
 * ```ts
 * await systemServerClock().sleep(1_000, signal);
 * ```
 */
export function systemServerClock(): ServerClock {
  return {
    ...systemClock,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(new AbortError("a retry delay", signal.reason));
        let left = Number.isNaN(ms) ? 0 : Math.max(0, ms);
        let handle: ReturnType<typeof setTimeout> | undefined;
        const onAbort = () => {
          globalThis.clearTimeout(handle);
          reject(new AbortError("a retry delay", signal?.reason));
        };
        const arm = () => {
          const step = Math.min(left, MAX_TIMER_MS);
          left -= step;
          handle = globalThis.setTimeout(() => {
            if (left > 0) return arm();
            signal?.removeEventListener("abort", onAbort);
            resolve();
          }, step);
        };
        arm();
        signal?.addEventListener("abort", onAbort, { once: true });
      }),
  };
}
