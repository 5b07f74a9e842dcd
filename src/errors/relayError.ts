import { CallingError, type CallingErrorOptions } from "./callingError";
import type { ValidationIssue } from "./validationError";

/**
 * Details of a failed request to the vendor's relay.
 *
 * @example
 * ```ts
 * const details: RelayErrorDetails = { status: 503, retryAfterMs: 30_000 };
 * ```
 */
export interface RelayErrorDetails extends CallingErrorOptions {
  /** HTTP status, or 0 when no response arrived. */
  status: number;
  /** Problems the relay found in the record (HTTP 400/422). */
  issues?: readonly ValidationIssue[];
  /** Milliseconds to wait before retrying, from `Retry-After`. */
  retryAfterMs?: number;
  /** HubSpot's correlation id, when the relay passed on HubSpot's refusal. */
  correlationId?: string;
  /** Overrides the decision made from `status` (e.g. a 200 that was not the relay's acknowledgement). */
  retryable?: boolean;
}

// Statuses after which the same request may succeed later: no answer, a
// redirect (usually to a login page), an expired session (401/403), timeouts,
// a concurrent duplicate still in progress, rate limits, and server failures.
const RETRYABLE = [0, 401, 403, 408, 409, 425, 429];

/**
 * The vendor's relay (see {@link relayWriter}) refused a call record or could
 * not be reached. `retryable` tells an outbox whether to try again: true for
 * network failures, redirects, 401/403 (sessions expire; `relayWriter` then
 * asks for a wait of at least a minute), 408/409/425/429 and 5xx, and for a
 * 2xx that was not the relay's acknowledgement of this call; false for a
 * record the relay refused (400, 413, 415, 422...), which an outbox keeps in
 * its `failed()` list instead.
 *
 * @example
 * ```ts
 * outbox.subscribe((event) => {
 *   if (event.type === "writeFailed" && event.error instanceof RelayError) {
 *     console.log(event.error.status, event.error.retryable, event.error.issues);
 *   }
 * });
 * ```
 */
export class RelayError extends CallingError<"WRITER_ERROR"> {
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  /** Problems the relay found in the record, when it listed them. */
  readonly issues: readonly ValidationIssue[];
  /** Suggested wait before a retry: `Retry-After`, or a minute after 401/403. */
  readonly retryAfterMs: number | undefined;
  /** HubSpot's correlation id, when HubSpot refused the write behind the relay. */
  readonly correlationId: string | undefined;
  readonly #retryable: boolean;

  /** @internal */
  constructor(message: string, details: RelayErrorDetails) {
    super("WRITER_ERROR", message, "cause" in details ? { cause: details.cause } : {});
    this.name = "RelayError";
    this.status = details.status;
    this.issues = details.issues ?? [];
    this.retryAfterMs = details.retryAfterMs;
    this.correlationId = details.correlationId;
    this.#retryable =
      details.retryable ??
      (RETRYABLE.includes(details.status) || (details.status >= 300 && details.status < 400) || details.status >= 500);
  }

  /** True when the same record may be accepted on a later attempt. */
  get retryable(): boolean {
    return this.#retryable;
  }
}
