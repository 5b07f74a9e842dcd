import { copyEntry, isOutboxEntry, type OutboxEntry, type OutboxStorage } from "./outboxStorage";

/**
 * Options of {@link localStorageOutboxStorage}.
 *
 * @example
 * ```ts
 * localStorageOutboxStorage({ name: "calls", storage: window.localStorage });
 * ```
 */
export interface LocalStorageOutboxOptions {
  /** Separates outboxes of one origin (default `"calls"`). */
  name?: string;
  /** The Storage to use; defaults to `globalThis.localStorage`, looked up at use. */
  storage?: Storage;
}

/**
 * Keeps outbox records in `localStorage`, one key per record
 * (`hubspot-calling-kit:outbox:<name>:<externalCallId>`). Survives reloads;
 * shared by the tabs of one origin. Used when IndexedDB is unavailable.
 *
 * @example
 * ```ts
 * const outbox = withOutbox(writer, { storage: localStorageOutboxStorage() });
 * ```
 */
export function localStorageOutboxStorage(options: LocalStorageOutboxOptions = {}): OutboxStorage {
  const prefix = `hubspot-calling-kit:outbox:${options.name ?? "calls"}:`;
  const store = (): Storage => options.storage ?? globalThis.localStorage;
  const read = (key: string): OutboxEntry | undefined => {
    try {
      const value: unknown = JSON.parse(store().getItem(key) ?? "null");
      return isOutboxEntry(value) ? value : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    kind: "localStorage",
    list: async () => {
      const storage = store();
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(prefix)) keys.push(key);
      }
      return keys.flatMap((key) => read(key) ?? []);
    },
    get: async (id) => read(prefix + id),
    put: async (entry) => {
      store().setItem(prefix + entry.id, JSON.stringify(copyEntry(entry)));
    },
    delete: async (id) => {
      store().removeItem(prefix + id);
    },
  };
}
