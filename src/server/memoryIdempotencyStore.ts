import type { HubSpotId } from "../sdk/messages";
import type { IdempotencyClaim, IdempotencyStore } from "./idempotencyStore";

/**
 * Options of {@link memoryIdempotencyStore}.
 *
 * @example
 * ```ts
 * memoryIdempotencyStore({ maxEntries: 500_000, leaseMs: 120_000 });
 * ```
 */
export interface MemoryIdempotencyOptions {
  /** Written keys kept, oldest forgotten first (default 100,000); claims in progress are never forgotten. */
  maxEntries?: number;
  /**
   * A claim not completed or released within this time is given up (default
   * 120,000 ms): the key can be claimed again, and the lapsed claimant's
   * `release` then does nothing and its `complete` ends no newer claim.
   */
  leaseMs?: number;
  /** Clock, for tests (default `Date.now`). */
  now?: () => number;
}

type Done = { state: "done"; engagementId?: HubSpotId; revision?: string };
// A claim keeps what was written before it, to restore on release, and the
// token that names it, so only its own claimant can end it.
type Claim = { state: "busy"; token: string; until: number; previous?: Done };
type Slot = Claim | Done;

/**
 * An in-process {@link IdempotencyStore}: right for one server process. It
 * forgets on restart and is not shared between instances; use a shared store
 * for anything larger. Tokens are `crypto.randomUUID()`.
 *
 * @example
 * ```ts
 * createRelayHandler({ writer, authenticate, idempotency: memoryIdempotencyStore({ maxEntries: 1_000_000 }) });
 * ```
 */
export function memoryIdempotencyStore(options: MemoryIdempotencyOptions = {}): IdempotencyStore {
  const maxEntries = options.maxEntries ?? 100_000;
  const leaseMs = options.leaseMs ?? 120_000;
  const now = options.now ?? (() => Date.now());
  const slots = new Map<string, Slot>();

  // Forgets the oldest written keys beyond maxEntries. Maps iterate in
  // insertion order, so the first keys are the oldest; live claims are kept.
  const evict = () => {
    for (const [key, slot] of slots) {
      if (slots.size <= maxEntries) break;
      if (slot.state === "done") slots.delete(key);
    }
  };

  return {
    async claim(key, revision): Promise<IdempotencyClaim> {
      const slot = slots.get(key);
      if (slot?.state === "busy" && slot.until > now()) return { state: "busy" };
      // A lapsed claim counts as given back.
      const written = slot?.state === "busy" ? slot.previous : slot;
      if (written && (revision === undefined || written.revision === revision)) {
        if (slot !== written) slots.set(key, written);
        return written.engagementId === undefined ? { state: "done" } : { state: "done", engagementId: written.engagementId };
      }
      const token = globalThis.crypto.randomUUID();
      slots.set(key, { state: "busy", token, until: now() + leaseMs, ...(written ? { previous: written } : {}) });
      return written?.engagementId === undefined
        ? { state: "claimed", token }
        : { state: "claimed", token, engagementId: written.engagementId };
    },
    async complete(key, result, token) {
      const slot = slots.get(key);
      const done: Done = {
        state: "done",
        ...(result.engagementId !== undefined ? { engagementId: result.engagementId } : {}),
        ...(result.revision !== undefined ? { revision: result.revision } : {}),
      };
      if (slot?.state === "busy" && slot.until > now() && slot.token !== token) {
        // A claimant whose lease lapsed finished after another request took
        // the key over: its write happened, so it is what the live claim
        // leaves behind if released, but that claim stays live.
        slot.previous = done;
        return;
      }
      slots.delete(key);
      slots.set(key, done);
      evict();
    },
    async release(key, token) {
      const slot = slots.get(key);
      if (slot?.state !== "busy" || slot.token !== token) return;
      if (slot.previous) slots.set(key, slot.previous);
      else slots.delete(key);
    },
  };
}
