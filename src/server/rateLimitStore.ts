/**
 * What {@link RateLimitStore.acquire} answers: a slot (send the request now)
 * or how long to wait before asking again.
 *
 * @example
 * ```ts
 * const answer: RateLimitGrant = { granted: false, retryInMs: 250 };
 * ```
 */
export type RateLimitGrant =
  | {
      /** A slot is yours: send the request, then `release` it. */
      granted: true;
      /** Names the slot, for `release` and `observe`. */
      slot: string;
    }
  | {
      /** The window is full, or HubSpot said it is. */
      granted: false;
      /** When asking again may succeed (the limiter asks sooner when a slot may be freed earlier). */
      retryInMs: number;
    };

/**
 * Counts requests to HubSpot in a rolling window for every writer that shares
 * it, so several calls writers (instances of a relay, a relay restarted)
 * together stay under one account's limit. {@link memoryRateLimitStore} is
 * the in-process default; {@link redisRateLimitStore} shares it between
 * processes and survives their restarts.
 *
 * The contract, per `key`: a slot counts from `acquire` (before the request
 * is sent) until `windowMs` after `release` (once its answer is read), or,
 * for a holder that never releases (it crashed), until `windowMs` after
 * `leaseMs` has passed. HubSpot counts a request when it arrives, somewhere
 * in between, so no window at HubSpot can see more than `max` of them.
 * `observe` records what HubSpot's headers said: at most `remaining` more
 * requests in the next `intervalMs`, less those in flight; `remaining: 0`
 * holds every writer back for `intervalMs` (a 429).
 *
 * @example
 * ```ts
 * const store: RateLimitStore = redisRateLimitStore({ redis: { sendCommand: (args) => client.sendCommand(args) } });
 * createCallsApiWriter({ accessToken, rateLimit: { store, key: `portal:${portalId}` } });
 * ```
 */
export interface RateLimitStore {
  /** Takes a slot in `key`'s window if one is free (atomically across every user of the store). */
  acquire(request: { key: string; max: number; windowMs: number; leaseMs: number }): Promise<RateLimitGrant>;
  /** The request of `slot` got its answer (or failed): it counts for `windowMs` more. */
  release(request: { key: string; slot: string }): Promise<void>;
  /** HubSpot said `remaining` requests are left in the next `intervalMs` (`slot` is the request that learned it). */
  observe(request: { key: string; remaining: number; intervalMs: number; slot?: string }): Promise<void>;
}
