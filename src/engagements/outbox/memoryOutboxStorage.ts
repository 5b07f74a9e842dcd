import { copyEntry, type OutboxEntry, type OutboxStorage } from "./outboxStorage";

/**
 * Keeps outbox records in memory: nothing survives a reload. The fallback
 * when neither IndexedDB nor localStorage works, and the storage for Node
 * and tests.
 *
 * @example
 * ```ts
 * const outbox = withOutbox(relayWriter({ url }), { storage: memoryOutboxStorage() });
 * ```
 */
export function memoryOutboxStorage(): OutboxStorage {
  const entries = new Map<string, OutboxEntry>();
  return {
    kind: "memory",
    list: async () => [...entries.values()].map(copyEntry),
    get: async (id) => {
      const entry = entries.get(id);
      return entry && copyEntry(entry);
    },
    put: async (entry) => {
      entries.set(entry.id, copyEntry(entry));
    },
    delete: async (id) => {
      entries.delete(id);
    },
    // Check and change run in one synchronous step: nothing can come between.
    compareAndSet: async (id, revision, next) => {
      if (entries.get(id)?.revision !== revision) return false;
      if (next) entries.set(id, copyEntry(next));
      else entries.delete(id);
      return true;
    },
  };
}
