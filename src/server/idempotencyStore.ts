import type { HubSpotId } from "../sdk/messages";

/**
 * What {@link IdempotencyStore.claim} answers for a key: yours to write, being
 * written by another request right now, or written already.
 *
 * @example
 * ```ts
 * const claim: IdempotencyClaim = { state: "done", engagementId: 123 };
 * ```
 */
export type IdempotencyClaim =
  | {
      /** Nobody wrote this record yet; the caller must `complete` or `release` it. */
      state: "claimed";
    }
  | {
      /** Another request holds the claim (a concurrent duplicate). */
      state: "busy";
    }
  | {
      /** The record was written already. */
      state: "done";
      /** The engagement it was written to, when known. */
      engagementId?: HubSpotId;
    };

/**
 * Remembers which call records the relay has written, so a repeated record
 * is acknowledged instead of written twice, and two copies arriving at once
 * cannot both be written. The default, {@link memoryIdempotencyStore}, lives
 * in one process: deployments with several instances need a shared
 * implementation (e.g. Redis `SET key value NX PX lease`, or a database row
 * with a unique key), and must keep finished keys for as long as browsers
 * may retry.
 *
 * @example
 * ```ts
 * const redisStore: IdempotencyStore = {
 *   async claim(key) {
 *     if (await redis.set(`relay:${key}`, "busy", { NX: true, PX: 120_000 })) return { state: "claimed" };
 *     const value = await redis.get(`relay:${key}`);
 *     return value === "busy" ? { state: "busy" } : { state: "done", ...JSON.parse(value) };
 *   },
 *   complete: (key, result) => redis.set(`relay:${key}`, JSON.stringify(result), { EX: 30 * 86_400 }),
 *   release: (key) => redis.del(`relay:${key}`),
 * };
 * ```
 */
export interface IdempotencyStore {
  /** Claims `key` for writing, atomically. */
  claim(key: string): Promise<IdempotencyClaim>;
  /** Marks a claimed key written, with what the writer reported. */
  complete(key: string, result: { engagementId?: HubSpotId }): Promise<void>;
  /** Gives a claim back after a failed write, so a retry can write it. */
  release(key: string): Promise<void>;
}
