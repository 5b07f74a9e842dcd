import { AbortError } from "../errors/abortError";
import type { ServerClock } from "./serverClock";

/**
 * A client-side limit on requests per rolling window.
 *
 * @internal
 */
export interface RateLimiter {
  /** Waits for a slot; call the returned function once the response is read. */
  acquire(signal: AbortSignal): Promise<() => void>;
  /** Holds every new request back for `ms` (HubSpot said the window is full). */
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
export function createRateLimiter(max: number, windowMs: number, clock: ServerClock): RateLimiter {
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

  return {
    async acquire(signal) {
      // One waiter at a time, first come first served.
      const mine = turn.then(() => take(signal));
      turn = mine.catch(() => undefined);
      await mine;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight--;
        if (Number.isFinite(max)) ended.push(clock.now());
        slotFreed?.();
        slotFreed = undefined;
      };
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, clock.now() + ms);
    },
  };
}
