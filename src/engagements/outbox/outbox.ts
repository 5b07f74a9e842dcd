import type { Clock } from "../../internal/clock";
import type {
  EngagementWriteRequest,
  EngagementWriteResult,
  EngagementWriter,
  EngagementWriterContext,
  EngagementWriterEvent,
} from "../engagementWriter";
import type { OutboxLock } from "./outboxLock";
import type { OutboxEntry, OutboxStorage } from "./outboxStorage";
import type { RetryOptions } from "./retryPolicy";

/**
 * Options of {@link withOutbox}.
 *
 * @example
 * ```ts
 * withOutbox(relayWriter({ url }), {
 *   retry: { baseDelayMs: 1_000, maxDelayMs: 60_000 },
 *   concurrency: 4,
 * });
 * ```
 */
export interface OutboxOptions {
  /** Where records are kept; default: IndexedDB, else localStorage, else memory, chosen at first use. */
  storage?: OutboxStorage;
  /** Separates outboxes of one origin: storage names and the Web Lock (default `"calls"`). */
  name?: string;
  /** Backoff and retry decisions. */
  retry?: RetryOptions;
  /** Records delivered at once during a pass (default 4). */
  concurrency?: number;
  /**
   * An attempt still running after this many ms is aborted and retried
   * (default 60,000), even if the wrapped writer ignores its signal.
   */
  attemptTimeoutMs?: number;
  /** Time and timers (default {@link systemClock}); a fake clock runs retries without waiting. */
  clock?: Clock;
  /** Keeps tabs from delivering the same record twice (default {@link webLocksLock}). */
  lock?: OutboxLock;
}

/**
 * A durable outbox around a writer (see {@link withOutbox}). It is an
 * {@link EngagementWriter} itself, plus ways to look at what is waiting.
 *
 * @example
 * ```ts
 * const outbox = withOutbox(relayWriter({ url }));
 * const waiting = await outbox.pending();
 * const refused = await outbox.failed();
 * await outbox.retry(refused[0].id);
 * ```
 */
export interface Outbox extends EngagementWriter {
  /**
   * Stores the record durably, then starts delivering it; resolves
   * `{ queued: true }` once stored. Events report the outcome.
   */
  write(request: EngagementWriteRequest): Promise<EngagementWriteResult>;
  /** Starts delivering stored records (also those left by an earlier page load). */
  start(context: EngagementWriterContext): void;
  /** Reports every delivery and every failed attempt. Returns an unsubscribe function. */
  subscribe(listener: (event: EngagementWriterEvent) => void): () => void;
  /** Records waiting for delivery (including ones another tab stored), oldest first. */
  pending(): Promise<OutboxEntry[]>;
  /** Records refused for good (a non-retryable error or `maxAttempts`), oldest first. */
  failed(): Promise<OutboxEntry[]>;
  /** Delivers what is due now; resolves when the pass is over. */
  flush(): Promise<void>;
  /** Moves a failed record back to pending and tries it now. False when unknown. */
  retry(externalCallId: string): Promise<boolean>;
  /** Removes a record without delivering it. False when unknown. */
  discard(externalCallId: string): Promise<boolean>;
  /** Stops timers and aborts attempts in flight; records stay stored. `start()` resumes. */
  stop(): void;
}
