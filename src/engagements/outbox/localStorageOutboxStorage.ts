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
 * (`hubspot-calling-kit:outbox:<name>:<externalCallId>`, the name
 * URI-encoded so that outboxes such as `"sales"` and `"sales:eu"` never
 * share keys). Survives reloads; shared by the tabs of one origin. Used when
 * IndexedDB is unavailable.
 *
 * @example
 * ```ts
 * const outbox = withOutbox(writer, { storage: localStorageOutboxStorage() });
 * ```
 */
export function localStorageOutboxStorage(options: LocalStorageOutboxOptions = {}): OutboxStorage {
  // Encoded, the name holds no ":", so a key belongs to exactly one outbox.
  const prefix = `hubspot-calling-kit:outbox:${encodeURIComponent(options.name ?? "calls")}:`;
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
      // Only entries stored under their own key: not a copy or a stray value.
      return keys.flatMap((key) => {
        const entry = read(key);
        return entry && key === prefix + entry.id ? [entry] : [];
      });
    },
    get: async (id) => read(prefix + id),
    put: async (entry) => {
      store().setItem(prefix + entry.id, JSON.stringify(copyEntry(entry)));
    },
    delete: async (id) => {
      store().removeItem(prefix + id);
    },
    // localStorage runs synchronously: no other tab's write can come between
    // the read and the change.
    compareAndSet: async (id, revision, next) => {
      const value = next && JSON.stringify(copyEntry(next));
      if (read(prefix + id)?.revision !== revision) return false;
      if (value !== undefined) store().setItem(prefix + id, value);
      else store().removeItem(prefix + id);
      return true;
    },
  };
}
