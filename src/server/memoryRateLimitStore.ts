import type { RateLimitGrant, RateLimitStore } from "./rateLimitStore";

/**
 * Options of {@link memoryRateLimitStore}.
 *
 * @example
 * ```ts
 * memoryRateLimitStore({ now: () => clock.now() });
 * ```
 */
export interface MemoryRateLimitOptions {
  /** Clock (default `Date.now`); give the writers' clock when they run on virtual time. */
  now?: () => number;
}

// A slot counts until `until`: the end of its lease while in flight, the
// moment it was released once its answer came.
type Window = { slots: Map<string, { until: number; inFlight: boolean }>; left?: number; budgetUntil: number };

/**
 * A {@link RateLimitStore} in this process: share one between the calls
 * writers of a process (one per HubSpot account, or a writer re-created
 * after a configuration change) so they count together. It forgets on
 * restart and is not shared between processes: for that, use
 * {@link redisRateLimitStore}.
 *
 * @example
 * ```ts
 * const rateLimit = { store: memoryRateLimitStore(), key: "portal:123" };
 * const a = createCallsApiWriter({ accessToken, rateLimit });
 * const b = createCallsApiWriter({ accessToken, rateLimit }); // a and b share 90 per 10 s
 * ```
 */
export function memoryRateLimitStore(options: MemoryRateLimitOptions = {}): RateLimitStore {
  const now = options.now ?? (() => Date.now());
  const windows = new Map<string, Window>();
  let next = 0;

  const windowOf = (key: string): Window => {
    let found = windows.get(key);
    if (!found) windows.set(key, (found = { slots: new Map(), budgetUntil: 0 }));
    return found;
  };

  return {
    async acquire({ key, max, windowMs, leaseMs }): Promise<RateLimitGrant> {
      const window = windowOf(key);
      const at = now();
      let earliest = Number.POSITIVE_INFINITY;
      for (const [slot, entry] of window.slots) {
        if (entry.until <= at - windowMs) window.slots.delete(slot);
        else earliest = Math.min(earliest, entry.until);
      }
      const budget = window.budgetUntil > at && window.left !== undefined;
      if (budget && (window.left as number) <= 0) return { granted: false, retryInMs: window.budgetUntil - at };
      if (window.slots.size >= max) return { granted: false, retryInMs: Math.max(1, earliest + windowMs - at) };
      const slot = String(++next);
      window.slots.set(slot, { until: at + leaseMs, inFlight: true });
      if (budget) window.left = (window.left as number) - 1;
      return { granted: true, slot };
    },
    async release({ key, slot }) {
      const entry = windows.get(key)?.slots.get(slot);
      if (entry?.inFlight) {
        entry.until = Math.min(entry.until, now());
        entry.inFlight = false;
      }
    },
    async observe({ key, remaining, intervalMs, slot }) {
      const window = windowOf(key);
      const at = now();
      let others = 0;
      for (const [id, entry] of window.slots) if (entry.inFlight && id !== slot && entry.until > at) others++;
      const left = Math.max(0, remaining - others);
      // A pause asked for earlier (a 429) is never shortened by a later answer.
      if (window.left === 0 && window.budgetUntil > at + intervalMs) return;
      window.left = left;
      window.budgetUntil = at + intervalMs;
    },
  };
}
