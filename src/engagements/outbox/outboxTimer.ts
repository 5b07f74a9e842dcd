/**
 * The clock and timers of an outbox: a seam, so tests can run retries
 * without waiting.
 *
 * @example
 * ```ts
 * let now = 0;
 * const timers: { at: number; run: () => void }[] = [];
 * const timer: OutboxTimer = {
 *   now: () => now,
 *   setTimeout: (run, ms) => { const t = { at: now + ms, run }; timers.push(t); return () => timers.splice(timers.indexOf(t), 1); },
 * };
 * ```
 */
export interface OutboxTimer {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` after `delayMs`; returns a function that cancels it. */
  setTimeout(callback: () => void, delayMs: number): () => void;
}

// setTimeout overflows above 2^31 - 1 ms and then fires at once.
const MAX_DELAY_MS = 2_147_483_647;

/**
 * The real clock and timers. Looks the globals up on every call (never
 * keeps references), so fake timers installed later still apply.
 *
 * @example
 * ```ts
 * withOutbox(writer, { timer: systemTimer() }); // the default
 * ```
 */
export function systemTimer(): OutboxTimer {
  return {
    now: () => Date.now(),
    setTimeout: (callback, delayMs) => {
      const handle = globalThis.setTimeout(callback, Math.min(Math.max(0, delayMs), MAX_DELAY_MS));
      return () => globalThis.clearTimeout(handle);
    },
  };
}
