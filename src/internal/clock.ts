/**
 * Time seam: the client reads time and sets timers only through a clock, so
 * tests can use a fake one. The default wraps the globals at call time
 * (never stores references to them), so test tools that replace
 * `setTimeout` later still apply.
 *
 * @example
 * ```ts
 * import { createFakeClock } from "hubspot-calling-kit/testing";
 *
 * const clock: Clock = createFakeClock(); // time moves only with clock.advance(ms)
 * createCallingClient({ provider, transport, clock });
 * ```
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` after `ms`; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a timer from `setTimeout`. */
  clearTimeout(handle: unknown): void;
}

/**
 * The real clock.
 *
 * @example
 * ```ts
 * systemClock.now(); // Date.now()
 * ```
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
