import { MAX_RETRY_AFTER_MS } from "../engagements/outbox/retryPolicy";
import { AbortError } from "../errors/abortError";
import type { RateLimiter } from "./rateLimiter";
import type { RateLimitStore } from "./rateLimitStore";
import type { ServerClock } from "./serverClock";

// A full window may free a slot before the store's estimate (a request in
// flight answers early): look again at least this often.
const POLL_MS = 100;

/** @internal */
export interface SharedRateLimiterOptions {
  store: RateLimitStore;
  key: string;
  max: number;
  windowMs: number;
  /** How long an unreleased slot (its holder crashed) counts as in flight. */
  leaseMs: number;
  clock: Pick<ServerClock, "now" | "sleep">;
}

/**
 * The {@link RateLimiter} of a calls writer whose count lives in a
 * {@link RateLimitStore}, shared with every writer using the same store and
 * key. Store failures reject the request (never sent uncounted).
 *
 * @internal
 */
export function createSharedRateLimiter(options: SharedRateLimiterOptions): RateLimiter {
  const { store, key, max, windowMs, leaseMs, clock } = options;
  let pausedUntil = 0;
  const quietly = (promise: Promise<void>) => void promise.catch(() => undefined);

  return {
    async acquire(signal) {
      for (;;) {
        if (signal.aborted) throw new AbortError("a rate-limit slot", signal.reason);
        const now = clock.now();
        if (now < pausedUntil) {
          await clock.sleep(pausedUntil - now, signal);
          continue;
        }
        const grant = await store.acquire({ key, max, windowMs, leaseMs });
        if (grant.granted) {
          if (signal.aborted) {
            quietly(store.release({ key, slot: grant.slot }));
            throw new AbortError("a rate-limit slot", signal.reason);
          }
          let released = false;
          return (seen) => {
            if (released) return;
            released = true;
            const { slot } = grant;
            quietly(
              (seen ? store.observe({ key, slot, ...seen }) : Promise.resolve()).then(() => store.release({ key, slot })),
            );
          };
        }
        const wait = Number.isFinite(grant.retryInMs) ? Math.max(1, grant.retryInMs) : POLL_MS;
        await clock.sleep(Math.min(wait, POLL_MS), signal);
      }
    },
    pause(ms) {
      const wait = Number.isNaN(ms) ? 0 : Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
      pausedUntil = Math.max(pausedUntil, clock.now() + wait);
      if (wait > 0) quietly(store.observe({ key, remaining: 0, intervalMs: wait }));
    },
  };
}
