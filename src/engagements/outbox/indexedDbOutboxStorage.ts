import { copyEntry, isOutboxEntry, type OutboxEntry, type OutboxStorage } from "./outboxStorage";

/**
 * Options of {@link indexedDbOutboxStorage}.
 *
 * @example
 * ```ts
 * indexedDbOutboxStorage({ name: "calls" });
 * ```
 */
export interface IndexedDbOutboxOptions {
  /** Separates outboxes of one origin (default `"calls"`); names the database. */
  name?: string;
  /** The IDBFactory to use; defaults to `globalThis.indexedDB`, looked up at use. */
  indexedDB?: IDBFactory;
}

const STORE = "entries";

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Keeps outbox records in IndexedDB (database
 * `hubspot-calling-kit:outbox:<name>`, committed with strict durability).
 * Survives reloads and browser restarts; shared by the tabs of one origin.
 * The database opens on first use, never at import.
 *
 * @example
 * ```ts
 * const outbox = withOutbox(writer, { storage: indexedDbOutboxStorage() });
 * ```
 */
export function indexedDbOutboxStorage(options: IndexedDbOutboxOptions = {}): OutboxStorage {
  const databaseName = `hubspot-calling-kit:outbox:${options.name ?? "calls"}`;
  let opening: Promise<IDBDatabase> | undefined;

  const open = (): Promise<IDBDatabase> =>
    (opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = (options.indexedDB ?? globalThis.indexedDB).open(databaseName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "id" });
      request.onsuccess = () => {
        const db = request.result;
        // Another tab upgrading, or the browser closing the connection: open
        // again on next use instead of failing forever.
        db.onversionchange = () => {
          db.close();
          opening = undefined;
        };
        db.onclose = () => {
          opening = undefined;
        };
        resolve(db);
      };
      // `blocked` needs no handler: other tabs close on `versionchange`,
      // then `success` follows.
      request.onerror = () => reject(request.error);
    }).catch((error: unknown) => {
      opening = undefined;
      throw error;
    }));

  // One readwrite transaction: IndexedDB runs overlapping readwrite
  // transactions one after the other, across tabs too, so what `change`
  // reads and writes inside it is one atomic step.
  const write = async (change: (store: IDBObjectStore) => void): Promise<void> => {
    const tx = (await open()).transaction(STORE, "readwrite", { durability: "strict" });
    change(tx.objectStore(STORE));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
    });
  };
  const read = async <T>(query: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> =>
    settle(query((await open()).transaction(STORE, "readonly").objectStore(STORE)));

  return {
    kind: "indexedDB",
    list: async () => (await read((store) => store.getAll())).filter(isOutboxEntry),
    get: async (id) => {
      const value: unknown = await read((store) => store.get(id));
      return isOutboxEntry(value) ? value : undefined;
    },
    put: (entry: OutboxEntry) => write((store) => store.put(copyEntry(entry))),
    delete: (id) => write((store) => store.delete(id)),
    compareAndSet: async (id, revision, next) => {
      // Copied before the transaction: a throw inside a request's handler
      // would abort it with a less helpful error.
      const value = next && copyEntry(next);
      let changed = false;
      await write((store) => {
        const request = store.get(id);
        request.onsuccess = () => {
          const current: unknown = request.result;
          if (!isOutboxEntry(current) || current.revision !== revision) return;
          changed = true;
          if (value) store.put(value);
          else store.delete(id);
        };
      });
      return changed;
    },
  };
}
