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
  /** Waits for a slot; call the returned function once the response is read. Rejects as soon as `signal` aborts. */
  acquire(signal: AbortSignal): Promise<() => void>;
  /** Holds every new request back for `ms`, at most an hour (HubSpot said the window is full). */
  pause(ms: number): void;
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
      if (now < pausedUntil) await clock.sleep(pausedUntil - now, signal);
      else if (inFlight + ended.length < max) return void inFlight++;
      else if (ended.length > 0) await clock.sleep((ended[0] as number) + windowMs - now, signal);
      else await waitForSlot(signal);
    }
  }

  const free = () => {
    inFlight--;
    if (Number.isFinite(max)) ended.push(clock.now());
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
        mine.then(free, () => undefined);
        throw signal.aborted ? new AbortError("a rate-limit slot", signal.reason) : error;
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        free();
      };
    },
    pause(ms) {
      const wait = Number.isNaN(ms) ? 0 : Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
      pausedUntil = Math.max(pausedUntil, clock.now() + wait);
    },
  };
}
