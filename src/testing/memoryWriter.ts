import type { CallRecord } from "../engagements/callRecord";
import type { EngagementWriter } from "../engagements/engagementWriter";
import { AbortError } from "../errors/abortError";
import { CallingError } from "../errors/callingError";
import type { EngagementProperties, HubSpotId } from "../sdk/messages";

/**
 * Options of {@link memoryWriter}.
 *
 * @example
 * ```ts
 * memoryWriter({ failTimes: 2 }); // the first two writes reject, the third succeeds
 * ```
 */
export interface MemoryWriterOptions {
  /** How many writes fail before writes succeed (default 0). */
  failTimes?: number;
  /** The error failed writes reject with (default a `CallingError` with code `WRITER_ERROR`). */
  error?: Error;
  /** The id given to a call written without an engagement id (default 40_000_000_001, above 2^31 on purpose). */
  firstEngagementId?: HubSpotId;
}

/**
 * One call as the memory writer stored it.
 *
 * @example
 * ```ts
 * const stored: StoredEngagement | undefined = writer.get(call.id);
 * stored?.properties.hs_call_body; // the notes
 * ```
 */
export interface StoredEngagement {
  /** The engagement holding the call: the one HubSpot created, or one the writer made up. */
  engagementId: HubSpotId;
  /** The call as plain data, from the latest successful write. */
  call: CallRecord;
  /** The properties, from the latest successful write. */
  properties: EngagementProperties;
  /** How many successful writes this call had (more than 1 means it was written again, idempotently). */
  writes: number;
}

/**
 * One call to `write()`, successful or not, in order.
 *
 * @example
 * ```ts
 * writer.attempts.map((a: MemoryWriteAttempt) => `${a.externalCallId}: ${a.ok ? "ok" : a.error?.message}`);
 * ```
 */
export interface MemoryWriteAttempt {
  /** The call written. */
  externalCallId: string;
  /** Whether it succeeded. */
  ok: boolean;
  /** Why it failed, when it did. */
  error: Error | undefined;
}

/**
 * An {@link EngagementWriter} that keeps calls in memory, for unit tests of a
 * widget's call logging. It is idempotent by `externalCallId` (writing a call
 * again updates the same stored engagement) and can be told to fail.
 *
 * @example
 * ```ts
 * const writer = memoryWriter();
 * const client = createCallingClient({ provider, transport: host.transport, writer });
 * // ... make a call, then:
 * await call.complete({ notes: "Wants a demo" });
 * writer.get(call.id)?.properties.hs_call_body; // "Wants a demo"
 * ```
 */
export interface MemoryWriter extends EngagementWriter {
  /** Stored calls by `externalCallId`. */
  readonly records: ReadonlyMap<string, StoredEngagement>;
  /** Every write attempt, oldest first. */
  readonly attempts: readonly MemoryWriteAttempt[];
  /** The stored call, if it was written. */
  get(externalCallId: string): StoredEngagement | undefined;
  /** Makes the next `times` writes fail (with `error`, or the default error). */
  failNext(times: number, error?: Error): void;
  /** Forgets every stored call and attempt. */
  clear(): void;
}

/**
 * Creates a {@link MemoryWriter}.
 *
 * @example
 * ```ts
 * const writer = memoryWriter({ failTimes: 1 });
 * await expect(call.complete({ notes })).rejects.toThrow();
 * await call.complete({ notes }); // a retry succeeds and is stored once
 * writer.records.size; // 1
 * ```
 */
export function memoryWriter(options: MemoryWriterOptions = {}): MemoryWriter {
  const records = new Map<string, StoredEngagement>();
  const attempts: MemoryWriteAttempt[] = [];
  let failures = Math.max(0, options.failTimes ?? 0);
  let failWith = options.error;
  let nextEngagementId = options.firstEngagementId ?? 40_000_000_001;

  return {
    records,
    attempts,
    get: (externalCallId) => records.get(externalCallId),
    failNext(times, error) {
      failures = Math.max(0, times);
      failWith = error ?? options.error;
    },
    clear() {
      records.clear();
      attempts.length = 0;
    },
    async write({ call, engagementId, properties, signal }) {
      const externalCallId = call.externalCallId;
      if (signal?.aborted) {
        const error = new AbortError("the call to be logged", signal.reason);
        attempts.push({ externalCallId, ok: false, error });
        throw error;
      }
      if (failures > 0) {
        failures -= 1;
        const error =
          failWith ?? new CallingError("WRITER_ERROR", `memoryWriter: simulated failure (${failures} more to come)`);
        attempts.push({ externalCallId, ok: false, error });
        throw error;
      }
      const previous = records.get(externalCallId);
      const id = engagementId ?? previous?.engagementId ?? nextEngagementId++;
      // Copies, so later changes by the caller do not rewrite history.
      records.set(externalCallId, {
        engagementId: id,
        call: structuredClone(call),
        properties: { ...previous?.properties, ...properties },
        writes: (previous?.writes ?? 0) + 1,
      });
      attempts.push({ externalCallId, ok: true, error: undefined });
      return { engagementId: id };
    },
  };
}
