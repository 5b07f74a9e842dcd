import type { HubSpotId } from "../sdk/messages";

/**
 * What {@link IdempotencyStore.claim} answers for a key: yours to write, being
 * written by another request right now, or written already.
 *
 * @example
 * ```ts
 * const claim: IdempotencyClaim = { state: "claimed", token: crypto.randomUUID(), engagementId: 123 };
 * ```
 */
export type IdempotencyClaim =
  | {
      /**
       * Yours to write: nobody wrote this record yet, or an earlier revision
       * of it was written. The caller must `complete` or `release` it, with
       * its `token`.
       */
      state: "claimed";
      /**
       * Names this claim and no other (unique per claim, not per key): pass it
       * to `complete` and `release`, so that a claimant whose lease lapsed
       * cannot give away or overwrite a newer request's claim on the key.
       */
      token: string;
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
 * relay passes a fingerprint of what the record says) is written as an
 * update. The default, {@link memoryIdempotencyStore}, lives in one process
 * and forgets on restart: deployments with several instances, or that
 * restart while browsers retry, need a shared, durable implementation, and
 * must keep finished keys for as long as browsers may retry (days).
 *
 * The contract. A key holds what was written (the last completed result, if
 * any) and at most one live claim; a claim is live until it is completed,
 * released, or its lease lapses (a lapsed claim counts as released).
 *
 * - `claim(key, revision)` atomically answers `done` when what was written
 *   has the same revision (or `revision` is undefined), `busy` while a claim
 *   on the key is live, and otherwise takes a new claim and answers
 *   `claimed` with a fresh `token` (and the engagement of what was written,
 *   if any).
 * - `release(key, token)` ends the claim named by `token` if it still holds
 *   the key, leaving what was written untouched; with any other token
 *   (the claim lapsed, and perhaps another request claimed the key since) it
 *   does nothing.
 * - `complete(key, result, token)` records `result` as what was written,
 *   and ends the claim named by `token` if it still holds the key. It never
 *   ends another request's claim: when a newer claim is live, `result`
 *   still becomes what was written (the write did happen), so it is what
 *   that claim's `release` leaves behind, and that claim's own `complete`
 *   replaces it; the newer claim stays live and copies keep getting `busy`.
 *   The last `complete` to arrive wins.
 *
 * The token is what makes a slow writer safe: without it, a writer whose
 * lease lapsed would release (or complete) the claim of the request that
 * took the key over, and a third copy could then be written concurrently.
 *
 * @example
 * ```ts
 * // Redis: a lock key holding the claim's token serialises requests for one
 * // call; a done key remembers what was written.
 * // Deletes the lock only while it still holds `token`, atomically.
 * const UNLOCK = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`;
 * const unlock = (key: string, token: string) => redis.eval(UNLOCK, { keys: [`relay:lock:${key}`], arguments: [token] });
 *
 * const redisStore: IdempotencyStore = {
 *   async claim(key, revision) {
 *     const token = crypto.randomUUID();
 *     if (!(await redis.set(`relay:lock:${key}`, token, { NX: true, PX: 120_000 }))) return { state: "busy" };
 *     const done = JSON.parse((await redis.get(`relay:done:${key}`)) ?? "null");
 *     if (done && (revision === undefined || done.revision === revision)) {
 *       await unlock(key, token);
 *       return { state: "done", engagementId: done.engagementId };
 *     }
 *     return { state: "claimed", token, engagementId: done?.engagementId };
 *   },
 *   async complete(key, result, token) {
 *     // Always recorded (the write happened); a newer claim's lock is left alone.
 *     await redis.set(`relay:done:${key}`, JSON.stringify(result), { EX: 30 * 86_400 });
 *     await unlock(key, token);
 *   },
 *   release: async (key, token) => void (await unlock(key, token)),
 * };
 * ```
 */
export interface IdempotencyStore {
  /** Claims `key` for writing `revision` of the record, atomically (see the contract above). */
  claim(key: string, revision?: string): Promise<IdempotencyClaim>;
  /**
   * Records what a writer reported and the revision written, and ends the
   * claim named by `token` (the one `claim` answered) if it still holds the
   * key; a newer claim on the key stays live (see the contract above).
   */
  complete(key: string, result: { engagementId?: HubSpotId; revision?: string }, token: string): Promise<void>;
  /**
   * Gives the claim named by `token` back after a failed write, so a retry
   * can write it; what was written stays. Does nothing when that claim no
   * longer holds the key.
   */
  release(key: string, token: string): Promise<void>;
}
