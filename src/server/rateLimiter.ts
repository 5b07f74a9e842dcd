import { MAX_RETRY_AFTER_MS } from "../engagements/outbox/retryPolicy";
import { AbortError } from "../errors/abortError";
import { raceSignal } from "../internal/anySignal";
import type { ServerClock } from "./serverClock";

/**
 * A client-side limit on requests per rolling window.
 *
 * @internal
 */
export interface RateLimiter {
  /**
   * Waits for a slot; call the returned function once the response is read,
   * with what HubSpot's `X-HubSpot-RateLimit-*` headers said when they came.
   * Rejects as soon as `signal` aborts.
   */
  acquire(signal: AbortSignal): Promise<(seen?: RateLimitSeen) => void>;
  /** Holds every new request back for `ms`, at most an hour (HubSpot said the window is full). */
  pause(ms: number): void;
}

/**
 * What an answer's headers said: `remaining` requests left in the next
 * `intervalMs` (for this account, counting every client).
 *
 * @internal
 */
export interface RateLimitSeen {
  remaining: number;
  intervalMs: number;
}

/**
 * A request occupies its slot from the moment it is sent until `windowMs`
 * after its response arrived. HubSpot counts a request when it arrives,
 * somewhere between those two moments, so no rolling window on HubSpot's
 * side can ever see more than `max` of them, however slow the network.
 *
 * @internal
 */
export function createRateLimiter(
  max: number,
  windowMs: number,
  clock: Pick<ServerClock, "now" | "sleep">,
): RateLimiter {
  let inFlight = 0;
  const ended: number[] = [];
  let pausedUntil = 0;
  // HubSpot's own count (X-HubSpot-RateLimit-Remaining): at most `left`
  // more requests until `budgetUntil`, whatever this limiter's count says.
  let left = Number.POSITIVE_INFINITY;
  let budgetUntil = 0;
  let turn: Promise<unknown> = Promise.resolve();
  let slotFreed: (() => void) | undefined;

  const waitForSlot = (signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(new AbortError("a rate-limit slot", signal.reason));
      slotFreed = () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      };
      signal.addEventListener("abort", onAbort, { once: true });
    });

  async function take(signal: AbortSignal): Promise<void> {
    for (;;) {
      if (signal.aborted) throw new AbortError("a rate-limit slot", signal.reason);
      const now = clock.now();
      while (ended.length > 0 && (ended[0] as number) <= now - windowMs) ended.shift();
      if (now >= budgetUntil) left = Number.POSITIVE_INFINITY;
      if (now < pausedUntil) await clock.sleep(pausedUntil - now, signal);
      else if (left <= 0) await clock.sleep(budgetUntil - now, signal);
      else if (inFlight + ended.length < max) {
        inFlight++;
        left--;
        return;
      }
      else if (ended.length > 0) await clock.sleep((ended[0] as number) + windowMs - now, signal);
      else await waitForSlot(signal);
    }
  }

  const free = (seen?: RateLimitSeen) => {
    inFlight--;
    if (Number.isFinite(max)) ended.push(clock.now());
    if (seen && Number.isFinite(seen.remaining) && seen.intervalMs > 0) {
      // Requests still in flight were sent after HubSpot counted this one.
      left = Math.max(0, seen.remaining - inFlight);
      budgetUntil = clock.now() + Math.min(seen.intervalMs, MAX_RETRY_AFTER_MS);
    }
    slotFreed?.();
    slotFreed = undefined;
  };

  return {
    async acquire(signal) {
      // One waiter at a time, first come first served; a waiter whose signal
      // aborts leaves the queue at once (take() skips it when its turn comes).
      const mine = turn.then(() => take(signal));
      turn = mine.catch(() => undefined);
      try {
        await raceSignal(mine, signal);
      } catch (error) {
        // Got the slot in the same moment as the abort: give it back.
        mine.then(() => free(), () => undefined);
        throw signal.aborted ? new AbortError("a rate-limit slot", signal.reason) : error;
      }
      let released = false;
      return (seen) => {
        if (released) return;
        released = true;
        free(seen);
      };
    },
    pause(ms) {
      const wait = Number.isNaN(ms) ? 0 : Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
      pausedUntil = Math.max(pausedUntil, clock.now() + wait);
    },
  };
}
