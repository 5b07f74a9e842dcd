import type { EngagementProperties, HubSpotId } from "../../sdk/messages";
import type { CallRecord } from "../callRecord";

/**
 * One call record held by an outbox until it is delivered: plain JSON, so any
 * {@link OutboxStorage} can keep it across reloads.
 *
 * @example
 * ```ts
 * for (const entry of await outbox.pending()) {
 *   console.log(entry.id, entry.attempts, new Date(entry.nextAttemptAt), entry.lastError?.message);
 * }
 * ```
 */
export interface OutboxEntry {
  /** The call's `externalCallId`: one entry per call. */
  id: string;
  /** The call. */
  call: CallRecord;
  /** The engagement to update, when HubSpot created one. */
  engagementId?: HubSpotId;
  /** The engagement properties to write. */
  properties: EngagementProperties;
  /** Passed on to the wrapped writer (see `EngagementWriteRequest.hideWidget`). */
  hideWidget?: boolean;
  /** `pending` while it will be tried again; `failed` once refused for good (see `retry()`). */
  status: "pending" | "failed";
  /** Attempts made so far. */
  attempts: number;
  /** When the call was first handed to the outbox (ms since the epoch). */
  createdAt: number;
  /** Earliest time of the next attempt (ms since the epoch). */
  nextAttemptAt: number;
  /** Changes whenever the call is written again, so an older delivery never removes a newer version. */
  revision: string;
  /** Why the last attempt failed. */
  lastError?: {
    /** The error's `code`, when it had one. */
    code?: string;
    /** The error's message. */
    message: string;
  };
}

/**
 * Where an outbox keeps its records. Three ship: {@link indexedDbOutboxStorage},
 * {@link localStorageOutboxStorage} and {@link memoryOutboxStorage};
 * {@link selectOutboxStorage} picks the first that works at run time.
 * Implementations must store copies (callers may mutate what they passed).
 * A storage shared by several tabs (or processes) should also implement
 * {@link OutboxStorage.compareAndSet}, so that recording the outcome of an
 * attempt never overwrites a correction another tab stored meanwhile.
 *
 * @example
 * ```ts
 * const outbox = withOutbox(writer, { storage: memoryOutboxStorage() });
 * ```
 */
export interface OutboxStorage {
  /** What backs it, e.g. `"indexedDB"`, `"localStorage"` or `"memory"`. */
  readonly kind: string;
  /** Every entry, in no particular order. */
  list(): Promise<OutboxEntry[]>;
  /** One entry by id. */
  get(id: string): Promise<OutboxEntry | undefined>;
  /** Adds or replaces an entry (by `id`). */
  put(entry: OutboxEntry): Promise<void>;
  /** Removes an entry; no error when it is absent. */
  delete(id: string): Promise<void>;
  /**
   * Replaces the entry `id` with `next` (removes it when `next` is
   * `undefined`) only if the stored entry's `revision` is still `revision`,
   * as one atomic step: no other write to that entry may come between the
   * check and the change, from this tab or another. Resolves `true` when it
   * changed the entry, `false` (changing nothing) when the entry is absent
   * or has another revision.
   *
   * The outbox uses it to record the outcome of an attempt, so that a call
   * written again meanwhile (a correction) is neither deleted nor replaced
   * by the older version. Optional, so that storages written for earlier
   * versions keep working: without it the outbox reads, compares and writes
   * in separate steps, which is safe within one tab (the outbox serialises
   * its own steps per record) but not across tabs sharing the storage.
   *
   * @example
   * ```ts
   * // A Map-backed storage: synchronous, hence atomic.
   * const entries = new Map<string, OutboxEntry>();
   * const storage: OutboxStorage = {
   *   kind: "map",
   *   list: async () => [...entries.values()],
   *   get: async (id) => entries.get(id),
   *   put: async (entry) => void entries.set(entry.id, structuredClone(entry)),
   *   delete: async (id) => void entries.delete(id),
   *   compareAndSet: async (id, revision, next) => {
   *     if (entries.get(id)?.revision !== revision) return false;
   *     if (next) entries.set(id, structuredClone(next));
   *     else entries.delete(id);
   *     return true;
   *   },
   * };
   * ```
   */
  compareAndSet?(id: string, revision: string, next: OutboxEntry | undefined): Promise<boolean>;
}

/**
 * True when a value read back from persistent storage still looks like an
 * entry (older versions, other code or a user may have changed it).
 *
 * @internal
 */
export function isOutboxEntry(value: unknown): value is OutboxEntry {
  const entry = value as Partial<OutboxEntry> | null;
  return (
    typeof entry === "object" &&
    entry !== null &&
    typeof entry.id === "string" &&
    typeof entry.call === "object" &&
    entry.call !== null &&
    entry.call.externalCallId === entry.id &&
    typeof entry.properties === "object" &&
    (entry.status === "pending" || entry.status === "failed") &&
    Number.isFinite(entry.attempts) &&
    Number.isFinite(entry.createdAt) &&
    Number.isFinite(entry.nextAttemptAt) &&
    typeof entry.revision === "string"
  );
}

/**
 * A deep copy through JSON: detaches the caller's objects and drops what
 * cannot be stored (functions, `undefined`).
 *
 * @internal
 */
export function copyEntry(entry: OutboxEntry): OutboxEntry {
  return JSON.parse(JSON.stringify(entry)) as OutboxEntry;
}
