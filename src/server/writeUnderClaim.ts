import type { EngagementWriteResult } from "../engagements/engagementWriter";
import { TimeoutError } from "../errors/timeoutError";
import { raceSignal, scopedSignal } from "../internal/anySignal";
import type { Clock } from "../internal/clock";
import type { IdempotencyStore } from "./idempotencyStore";

/**
 * What a write under a claim came to: the writer's result, or what the
 * writer (or the timeout) threw.
 *
 * @internal
 */
export type ClaimedWriteOutcome =
  | { ok: true; result: EngagementWriteResult | undefined }
  | { ok: false; error: unknown };

/**
 * What {@link writeUnderClaim} needs: the claim it writes under, the write
 * itself, and how long the answer may wait for it.
 *
 * @internal
 */
export interface ClaimedWrite {
  /** The store the claim was taken from. */
  store: IdempotencyStore;
  /** The claimed key. */
  key: string;
  /** The revision of the record, noted when the write completes. */
  revision: string;
  /** The token of this request's claim. */
  token: string;
  /** The record's `externalCallId`, for the timeout's message. */
  externalCallId: string;
  /** Runs the writer with the given signal. */
  write(signal: AbortSignal): Promise<EngagementWriteResult | undefined>;
  /** Milliseconds the answer waits for the write. */
  timeoutMs: number;
  /** Timers for `timeoutMs`. */
  clock: Clock;
  /** Told when the store fails to note a completed write. */
  onCompleteError(error: unknown): void;
}

/**
 * Runs a write under an idempotency claim, and resolves with its outcome or
 * a timeout once `timeoutMs` passed. The write runs to its end even when the
 * answer cannot wait for it: its claim is completed or released only then,
 * so a retry that arrives meanwhile gets 409 and cannot write the record a
 * second time.
 *
 * @internal
 */
export async function writeUnderClaim({
  store,
  key,
  revision,
  token,
  externalCallId,
  write,
  timeoutMs,
  clock,
  onCompleteError,
}: ClaimedWrite): Promise<ClaimedWriteOutcome> {
  const scope = scopedSignal([], {
    ms: timeoutMs,
    clock,
    reason: () => new TimeoutError(`the writer to log call ${externalCallId}`, timeoutMs),
  });
  const writing: Promise<ClaimedWriteOutcome> = Promise.resolve()
    .then(() => write(scope.signal))
    .then(
      async (result) => {
        // The call is logged: answer 202 even if the store fails to note it
        // (a retry then reaches the writer, which is idempotent by externalCallId).
        const written = result?.engagementId;
        await store
          .complete(key, { ...(written !== undefined ? { engagementId: written } : {}), revision }, token)
          .catch((error: unknown) => onCompleteError(error));
        return { ok: true as const, result };
      },
      async (error: unknown) => {
        await store.release(key, token).catch(() => undefined);
        return { ok: false as const, error };
      },
    );
  let outcome: ClaimedWriteOutcome;
  try {
    outcome = await raceSignal(writing, scope.signal);
  } catch (timeout) {
    outcome = { ok: false, error: timeout };
  } finally {
    scope.dispose();
  }
  return outcome;
}
