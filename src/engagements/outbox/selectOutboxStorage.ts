import { indexedDbOutboxStorage } from "./indexedDbOutboxStorage";
import { localStorageOutboxStorage } from "./localStorageOutboxStorage";
import { memoryOutboxStorage } from "./memoryOutboxStorage";
import type { OutboxStorage } from "./outboxStorage";

/**
 * Options of {@link selectOutboxStorage}. The factories default to the
 * globals; pass `null` to rule one out.
 *
 * @example
 * ```ts
 * await selectOutboxStorage({ name: "calls", indexedDB: null }); // localStorage or memory
 * ```
 */
export interface SelectOutboxStorageOptions {
  /** Separates outboxes of one origin (default `"calls"`). */
  name?: string;
  /** The IDBFactory to try first; `null` skips IndexedDB. */
  indexedDB?: IDBFactory | null;
  /** The Storage to try next; `null` skips localStorage. */
  localStorage?: Storage | null;
}

// Reading a global such as `localStorage` throws in some sandboxed iframes.
function lookUp<T>(read: () => T | undefined): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/**
 * Picks the outbox storage at run time: IndexedDB when it opens, else
 * localStorage when it accepts a write, else memory. This is what
 * {@link withOutbox} uses when given no `storage`; call it yourself to see
 * which one a browser gets (`storage.kind`).
 *
 * @example
 * ```ts
 * const storage = await selectOutboxStorage();
 * console.log(storage.kind); // "indexedDB" in current browsers
 * ```
 */
export async function selectOutboxStorage(
  options: SelectOutboxStorageOptions = {},
): Promise<OutboxStorage> {
  const name = options.name ?? "calls";
  const idb = options.indexedDB === null ? undefined : (options.indexedDB ?? lookUp(() => globalThis.indexedDB));
  if (idb) {
    const storage = indexedDbOutboxStorage({ name, indexedDB: idb });
    try {
      await storage.list();
      return storage;
    } catch {
      // Private modes and blocked storage: try the next one.
    }
  }
  const local =
    options.localStorage === null ? undefined : (options.localStorage ?? lookUp(() => globalThis.localStorage));
  if (local) {
    try {
      const probe = "hubspot-calling-kit:probe";
      local.setItem(probe, "1");
      local.removeItem(probe);
      return localStorageOutboxStorage({ name, storage: local });
    } catch {
      // Quota zero or access denied: fall through to memory.
    }
  }
  return memoryOutboxStorage();
}
