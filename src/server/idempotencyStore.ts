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
      /**
       * Yours to write: nobody wrote this record yet, or an earlier revision
       * of it was written. The caller must `complete` or `release` it.
       */
      state: "claimed";
      /** The engagement an earlier revision was written to: write this one as an update of it. */
      engagementId?: HubSpotId;
    }
  | {
      /** Another request holds the claim (a concurrent duplicate). */
      state: "busy";
    }
  | {
      /** This revision of the record (or, without a revision, the record) was written already. */
      state: "done";
      /** The engagement it was written to, when known. */
      engagementId?: HubSpotId;
    };

/**
 * Remembers which call records the relay has written, so a repeated record
 * is acknowledged instead of written twice, two copies arriving at once
 * cannot both be written, and a corrected version (another revision: the
 * relay passes a fingerprint of what the record says) is written as an update. The default, {@link memoryIdempotencyStore}, lives in
 * one process and forgets on restart: deployments with several instances, or
 * that restart while browsers retry, need a shared, durable implementation,
 * and must keep finished keys for as long as browsers may retry (days).
 *
 * The contract: `claim(key, revision)` atomically answers `done` when the key
 * was completed with the same revision (or `revision` is undefined), `busy`
 * while another claim on the key is live, and otherwise takes the claim and
 * answers `claimed` (with the engagement of the revision written before, if
 * any). `release` gives the claim back and leaves what was written before
 * untouched.
 *
 * @example
 * ```ts
 * // Redis: a lock key serialises requests for one call; a done key remembers what was written.
 * const redisStore: IdempotencyStore = {
 *   async claim(key, revision) {
 *     if (!(await redis.set(`relay:lock:${key}`, "1", { NX: true, PX: 120_000 }))) return { state: "busy" };
 *     const done = JSON.parse((await redis.get(`relay:done:${key}`)) ?? "null");
 *     if (done && (revision === undefined || done.revision === revision)) {
 *       await redis.del(`relay:lock:${key}`);
 *       return { state: "done", engagementId: done.engagementId };
 *     }
 *     return { state: "claimed", engagementId: done?.engagementId };
 *   },
 *   async complete(key, result) {
 *     await redis.set(`relay:done:${key}`, JSON.stringify(result), { EX: 30 * 86_400 });
 *     await redis.del(`relay:lock:${key}`);
 *   },
 *   release: async (key) => void (await redis.del(`relay:lock:${key}`)),
 * };
 * ```
 */
export interface IdempotencyStore {
  /** Claims `key` for writing `revision` of the record, atomically (see the contract above). */
  claim(key: string, revision?: string): Promise<IdempotencyClaim>;
  /** Marks a claimed key written, with what the writer reported and the revision written. */
  complete(key: string, result: { engagementId?: HubSpotId; revision?: string }): Promise<void>;
  /** Gives a claim back after a failed write, so a retry can write it; what was written before stays. */
  release(key: string): Promise<void>;
}
