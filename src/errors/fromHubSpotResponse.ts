// Turns HubSpot's failed HTTP answers into HubSpotApiError. Shared by every
// client of HubSpot's HTTP APIs (settings, CRM writer); uses only `fetch`'s
// standard types so it runs in browsers and Node alike.
import { HubSpotApiError, type HubSpotErrorBody } from "./hubSpotApiError";

/**
 * HubSpot's rate-limit headers (`X-HubSpot-RateLimit-*`), as numbers. A
 * header that is absent or not a number is left out.
 *
 * @example
 * ```ts
 * const limit = readRateLimitHeaders(response.headers);
 * if (limit.remaining === 0) await sleep(limit.intervalMs ?? 10_000);
 * ```
 */
export interface HubSpotRateLimit {
  /** `X-HubSpot-RateLimit-Max`: requests allowed per rolling window. */
  max?: number;
  /** `X-HubSpot-RateLimit-Remaining`: requests left in the current window. */
  remaining?: number;
  /** `X-HubSpot-RateLimit-Interval-Milliseconds`: length of the rolling window. */
  intervalMs?: number;
  /** `X-HubSpot-RateLimit-Daily`: requests allowed per day. */
  daily?: number;
  /** `X-HubSpot-RateLimit-Daily-Remaining`: requests left today. */
  dailyRemaining?: number;
}

const RATE_LIMIT_HEADERS = {
  max: "x-hubspot-ratelimit-max",
  remaining: "x-hubspot-ratelimit-remaining",
  intervalMs: "x-hubspot-ratelimit-interval-milliseconds",
  daily: "x-hubspot-ratelimit-daily",
  dailyRemaining: "x-hubspot-ratelimit-daily-remaining",
} as const satisfies Record<keyof HubSpotRateLimit, string>;

// HubSpot's ten-secondly window, used when a 429 names no interval.
const DEFAULT_INTERVAL_MS = 10_000;

/**
 * Reads HubSpot's `X-HubSpot-RateLimit-*` headers from any response.
 *
 * @example
 * ```ts
 * const response = await fetch(url);
 * console.log(readRateLimitHeaders(response.headers).remaining);
 * ```
 */
export function readRateLimitHeaders(headers: Headers): HubSpotRateLimit {
  const limit: HubSpotRateLimit = {};
  for (const [field, header] of Object.entries(RATE_LIMIT_HEADERS)) {
    const value = headers.get(header);
    const parsed = value === null || value.trim() === "" ? Number.NaN : Number(value);
    if (Number.isFinite(parsed) && parsed >= 0) limit[field as keyof HubSpotRateLimit] = parsed;
  }
  return limit;
}

/**
 * Parses a `Retry-After` header (delay in seconds, or an HTTP date) into
 * milliseconds from `now`; undefined when absent or unreadable.
 *
 * @example
 * ```ts
 * parseRetryAfter("3"); // 3000
 * ```
 */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const STRING_FIELDS = [
  "status",
  "message",
  "correlationId",
  "category",
  "errorType",
  "policyName",
] as const satisfies readonly (keyof HubSpotErrorBody)[];

// HubSpot's body is outside input: keep only fields of the expected types.
function toErrorBody(value: unknown): HubSpotErrorBody | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const body: { -readonly [K in keyof HubSpotErrorBody]: HubSpotErrorBody[K] } = {};
  for (const field of STRING_FIELDS) {
    const fieldValue = record[field];
    if (typeof fieldValue === "string") body[field] = fieldValue;
  }
  if (Array.isArray(record.errors)) {
    body.errors = record.errors
      .filter(
        (entry): entry is Record<string, unknown> => typeof entry === "object" && entry !== null,
      )
      .map((entry) => {
        const detail: { message?: string; in?: string; code?: string } = {};
        if (typeof entry.message === "string") detail.message = entry.message;
        if (typeof entry.in === "string") detail.in = entry.in;
        if (typeof entry.code === "string") detail.code = entry.code;
        return detail;
      });
  }
  return body;
}

async function readBody(response: Response): Promise<HubSpotErrorBody | undefined> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    return undefined;
  }
  try {
    return toErrorBody(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function retryDelay(response: Response, body: HubSpotErrorBody | undefined): number | undefined {
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
  if (retryAfter !== undefined) return retryAfter;
  if (response.status !== 429) return undefined;
  // A daily limit lasts until HubSpot's midnight in the account's time zone,
  // which the response does not tell; no retry delay can be promised.
  if (body?.policyName === "DAILY") return undefined;
  return readRateLimitHeaders(response.headers).intervalMs ?? DEFAULT_INTERVAL_MS;
}

/**
 * Builds a {@link HubSpotApiError} from a HubSpot response that was not OK:
 * reads HubSpot's JSON error body (message, correlationId, category,
 * policyName, errors), `Retry-After` and the rate-limit headers. Never
 * throws, even when the body is not JSON. `what` names the request in the
 * message, e.g. `"Creating calling settings"`.
 *
 * @example
 * ```ts
 * const response = await fetch(url, init);
 * if (!response.ok) throw await hubSpotErrorFromResponse(response, "Creating a call");
 * ```
 */
export async function hubSpotErrorFromResponse(
  response: Response,
  what: string,
): Promise<HubSpotApiError> {
  const body = await readBody(response);
  const detail = body?.message ?? (response.statusText || "no error message");
  const validation = (body?.errors ?? [])
    .map((entry) => entry.message)
    .filter((message): message is string => message !== undefined && message !== detail);
  const message = `${what} failed (HTTP ${response.status}): ${[detail, ...validation].join("; ")}`;
  const retryAfterMs = retryDelay(response, body);
  return new HubSpotApiError(message, {
    status: response.status,
    ...(body ? { body } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/**
 * Builds a {@link HubSpotApiError} (code `NETWORK_ERROR`, status 0) for a
 * request that got no response: DNS, refused connection, TLS, reset.
 * `cause` is what `fetch` threw; it is kept as `cause`.
 *
 * @example
 * ```ts
 * const response = await fetch(url, init).catch((cause) => {
 *   throw networkError(cause, "Creating a call");
 * });
 * ```
 */
export function networkError(cause: unknown, what: string): HubSpotApiError {
  const reason = describeCause(cause);
  return new HubSpotApiError(`${what} failed: HubSpot could not be reached (${reason})`, {
    status: 0,
    cause,
  });
}

// Node's fetch says only "fetch failed" and keeps the reason (ECONNREFUSED,
// ENOTFOUND) in `cause`; surface it, it is what people need to see.
function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return typeof cause === "string" ? cause : "unknown error";
  const inner: unknown = cause.cause;
  if (inner instanceof Error) {
    const code = (inner as { code?: unknown }).code;
    return `${cause.message}: ${typeof code === "string" ? code : inner.message}`;
  }
  return cause.message;
}
