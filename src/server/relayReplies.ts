import { MAX_RETRY_AFTER_MS } from "../engagements/outbox/retryPolicy";
import type { RelayErrorBody } from "../engagements/relayRecord";
import { isCallingError } from "../errors/callingError";
import { HubSpotApiError } from "../errors/hubSpotApiError";
import { ValidationError } from "../errors/validationError";

/**
 * A JSON answer of the relay, never cached.
 *
 * @internal
 */
export function reply(status: number, body: object, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/**
 * A refusal: a {@link RelayErrorBody} with `message` and `extra`.
 *
 * @internal
 */
export const refuse = (status: number, message: string, extra: Partial<RelayErrorBody> = {}, headers?: Record<string, string>) =>
  reply(status, { message, ...extra }, headers);

/**
 * How the relay answers a write that failed. A record HubSpot refused for
 * what it is (400 validation, 404 unknown engagement, 409, 422) will be
 * refused again: 422 tells the browser not to retry. Anything else (auth,
 * rate limits, outages, bugs) may pass later: 503 with `Retry-After`.
 *
 * @internal
 */
export function downstreamFailure(error: unknown): { status: number; body: RelayErrorBody; headers: Record<string, string> } {
  if (error instanceof ValidationError || isCallingError(error, "INVALID_INPUT")) {
    const issues = (error as ValidationError).issues ?? [];
    return { status: 422, body: { message: (error as Error).message, errors: [...issues] }, headers: {} };
  }
  if (error instanceof HubSpotApiError && [400, 404, 409, 422].includes(error.status)) {
    return {
      status: 422,
      body: {
        message: error.message,
        errors: [{ path: "", message: error.body?.message ?? error.message }],
        ...(error.correlationId ? { correlationId: error.correlationId } : {}),
      },
      headers: {},
    };
  }
  const daily = error instanceof HubSpotApiError && error.policyName === "DAILY";
  const wait = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  const seconds = daily
    ? 3_600
    : typeof wait === "number" && wait > 0
      ? Math.ceil(Math.min(wait, MAX_RETRY_AFTER_MS) / 1_000)
      : 1;
  return {
    status: 503,
    // Only the code: messages of arbitrary writers may hold internals.
    body: { message: `Could not log the call now; retry later${isCallingError(error) ? ` (${error.code})` : ""}` },
    headers: { "retry-after": String(seconds) },
  };
}
