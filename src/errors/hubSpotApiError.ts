import { CallingError, type CallingErrorOptions } from "./callingError";

/**
 * What HubSpot's HTTP APIs put in an error body (all fields optional).
 *
 * @example
 * ```ts
 * const body: HubSpotErrorBody = { status: "error", message: "Property values were not valid", correlationId: "b5e…", category: "VALIDATION_ERROR" };
 * ```
 */
export interface HubSpotErrorBody {
  /** HubSpot's status word (`error`). */
  status?: string;
  /** A human-readable message. */
  message?: string;
  /** HubSpot's id for the request, for support. */
  correlationId?: string;
  /** HubSpot's error category, e.g. `VALIDATION_ERROR`. */
  category?: string;
  /** The error type, e.g. `RATE_LIMIT`. */
  errorType?: string;
  /** The rate-limit policy, e.g. `TEN_SECONDLY_ROLLING`. */
  policyName?: string;
  /** Field-level details. */
  errors?: readonly {
    /** What is wrong with this field. */
    message?: string;
    /** Which field, e.g. `properties.hs_timestamp`. */
    in?: string;
    /** HubSpot's code for the problem. */
    code?: string;
  }[];
}

/** Details of a failed HubSpot API request. */
export interface HubSpotApiErrorDetails extends CallingErrorOptions {
  /** HTTP status, or 0 when no response arrived. */
  status: number;
  /** HubSpot's error body when it sent JSON. */
  body?: HubSpotErrorBody;
  /** Milliseconds to wait before retrying, from `Retry-After` or the rate-limit policy. */
  retryAfterMs?: number;
}

/**
 * A HubSpot HTTP API answered with an error, or could not be reached.
 * `code` is `RATE_LIMITED` for 429, `NETWORK_ERROR` when no response
 * arrived, `HUBSPOT_API_ERROR` otherwise. HubSpot's `message`,
 * `correlationId` and `category` are kept for support requests.
 *
 * @example
 * ```ts
 * const client = createSettingsClient({ apiKey });
 * await client.getSettings({ appId: 1234 }).catch((error) => {
 *   if (error instanceof HubSpotApiError) console.log(error.status, error.correlationId);
 * });
 * ```
 */
export class HubSpotApiError extends CallingError<
  "HUBSPOT_API_ERROR" | "RATE_LIMITED" | "NETWORK_ERROR"
> {
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  /** HubSpot's correlation id, quoted when asking HubSpot support. */
  readonly correlationId: string | undefined;
  /** HubSpot's error category, e.g. `VALIDATION_ERROR` or `RATE_LIMITS`. */
  readonly category: string | undefined;
  /** The rate-limit policy on a 429: `TEN_SECONDLY_ROLLING` or `DAILY`. */
  readonly policyName: string | undefined;
  /** Suggested wait before a retry, when known. */
  readonly retryAfterMs: number | undefined;
  /** The whole error body HubSpot sent, when it was JSON. */
  readonly body: HubSpotErrorBody | undefined;

  /** @internal */
  constructor(message: string, details: HubSpotApiErrorDetails) {
    const code =
      details.status === 0
        ? "NETWORK_ERROR"
        : details.status === 429
          ? "RATE_LIMITED"
          : "HUBSPOT_API_ERROR";
    super(code, message, "cause" in details ? { cause: details.cause } : {});
    this.name = "HubSpotApiError";
    this.status = details.status;
    this.body = details.body;
    this.correlationId = details.body?.correlationId;
    this.category = details.body?.category;
    this.policyName = details.body?.policyName;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** True for errors worth retrying: 429, 5xx and network failures. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}
