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
  /** Written keys kept, oldest forgotten first (default 100,000). */
  maxEntries?: number;
  /** A claim not completed or released within this time is given up (default 120,000 ms). */
  leaseMs?: number;
  /** Clock, for tests (default `Date.now`). */
  now?: () => number;
}

type Slot = { state: "busy"; until: number } | { state: "done"; engagementId?: HubSpotId };

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
  return {
    async claim(key): Promise<IdempotencyClaim> {
      const slot = slots.get(key);
      if (slot?.state === "done") {
        return slot.engagementId === undefined ? { state: "done" } : { state: "done", engagementId: slot.engagementId };
      }
      if (slot?.state === "busy" && slot.until > now()) return { state: "busy" };
      slots.set(key, { state: "busy", until: now() + leaseMs });
      return { state: "claimed" };
    },
    async complete(key, result) {
      slots.delete(key);
      slots.set(key, result.engagementId === undefined ? { state: "done" } : { state: "done", engagementId: result.engagementId });
      // Maps iterate in insertion order: the first keys are the oldest.
      for (const oldest of slots.keys()) {
        if (slots.size <= maxEntries) break;
        slots.delete(oldest);
      }
    },
    async release(key) {
      if (slots.get(key)?.state === "busy") slots.delete(key);
    },
  };
}
