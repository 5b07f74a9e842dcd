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
  /** A claim not completed or released within this time is given up (default 120,000 ms). */
  leaseMs?: number;
  /** Clock, for tests (default `Date.now`). */
  now?: () => number;
}

type Done = { state: "done"; engagementId?: HubSpotId; revision?: string };
// A claim keeps what was written before it, to restore on release.
type Slot = { state: "busy"; until: number; previous?: Done } | Done;

/**
 * An in-process {@link IdempotencyStore}: right for one server process. It
 * forgets on restart and is not shared between instances; use a shared store
 * for anything larger.
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
      slots.set(key, { state: "busy", until: now() + leaseMs, ...(written ? { previous: written } : {}) });
      return written?.engagementId === undefined ? { state: "claimed" } : { state: "claimed", engagementId: written.engagementId };
    },
    async complete(key, result) {
      slots.delete(key);
      slots.set(key, {
        state: "done",
        ...(result.engagementId !== undefined ? { engagementId: result.engagementId } : {}),
        ...(result.revision !== undefined ? { revision: result.revision } : {}),
      });
      evict();
    },
    async release(key) {
      const slot = slots.get(key);
      if (slot?.state !== "busy") return;
      if (slot.previous) slots.set(key, slot.previous);
      else slots.delete(key);
    },
  };
}
