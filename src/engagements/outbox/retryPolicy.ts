import { isCallingError } from "../../errors/callingError";

/**
 * How an outbox retries: exponential backoff with full jitter, capped, and
 * which errors are worth another attempt.
 *
 * @example
 * ```ts
 * withOutbox(writer, { retry: { baseDelayMs: 2_000, maxDelayMs: 120_000, maxAttempts: 50 } });
 * ```
 */
export interface RetryOptions {
  /** Delay cap of the first retry, doubled for each further one (default 1,000 ms). */
  baseDelayMs?: number;
  /** Longest delay between attempts, except when the error asks for longer (default 60,000 ms). */
  maxDelayMs?: number;
  /** Attempts before a record is moved to `failed()` (default: unlimited). */
  maxAttempts?: number;
  /** Source of jitter in [0, 1) (default `Math.random`); fix it in tests. */
  random?: () => number;
  /** Decides whether an error is worth another attempt (default {@link isRetryableError}). */
  isRetryable?: (error: unknown) => boolean;
}

/**
 * The delay before attempt `attempt + 1`, "full jitter" style: a random
 * value between 0 and `min(maxDelayMs, baseDelayMs * 2^(attempt - 1))`, so
 * many clients that failed together do not retry together.
 *
 * @example
 * ```ts
 * backoffDelay(1, { baseDelayMs: 1_000, random: () => 0.5 }); // 500
 * backoffDelay(4, { baseDelayMs: 1_000, random: () => 0.5 }); // 4_000
 * ```
 */
export function backoffDelay(attempt: number, options: RetryOptions = {}): number {
  const base = options.baseDelayMs ?? 1_000;
  const cap = options.maxDelayMs ?? 60_000;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return Math.floor((options.random ?? Math.random)() * ceiling);
}

/**
 * The default retry decision: an error that says whether it is `retryable`
 * (`HubSpotApiError`, `RelayError`) is believed; invalid input
 * (`INVALID_INPUT`) is never retried; anything else is retried, because
 * giving up on an unknown failure would lose the call.
 *
 * @example
 * ```ts
 * isRetryableError(new RelayError("down", { status: 503 })); // true
 * isRetryableError(new RelayError("bad record", { status: 400 })); // false
 * ```
 */
export function isRetryableError(error: unknown): boolean {
  const retryable = (error as { retryable?: unknown } | null)?.retryable;
  if (typeof retryable === "boolean") return retryable;
  return !isCallingError(error, "INVALID_INPUT");
}

/**
 * The longest wait taken from a server's `Retry-After` (one hour): a header
 * asking for days (a bug, a misconfigured proxy) must not park calls that long.
 *
 * @internal
 */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * The wait an error asks for (`retryAfterMs`), if any, at most
 * {@link MAX_RETRY_AFTER_MS}.
 *
 * @internal
 */
export function requestedDelay(error: unknown): number {
  const value = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof value === "number" && value > 0 ? Math.min(value, MAX_RETRY_AFTER_MS) : 0;
}
