import { AbortError } from "../errors/abortError";
import { parseRetryAfter } from "../errors/fromHubSpotResponse";
import { RelayError } from "../errors/relayError";
import { TimeoutError } from "../errors/timeoutError";
import { ValidationError } from "../errors/validationError";
import { raceSignal, scopedSignal } from "../internal/anySignal";
import { type Clock, systemClock } from "../internal/clock";
import type { CallRecord } from "./callRecord";
import type { EngagementWriter } from "./engagementWriter";
import { DEFAULT_RELAY_MAX_BODY_BYTES, externalCallIdProblem, toRelayRecord } from "./relayRecord";

/**
 * Options of {@link relayWriter}.
 *
 * @example
 * ```ts
 * const options: RelayWriterOptions = {
 *   url: "https://calls.example.com/hubspot/relay",
 *   getHeaders: async () => ({ authorization: `Bearer ${await session.token()}` }),
 * };
 * ```
 */
export interface RelayWriterOptions {
  /** The vendor's relay endpoint (a `createRelayHandler` on the backend). Redirects are not followed. */
  url: string | URL;
  /** Headers sent with every record, e.g. a static API key. */
  headers?: Record<string, string>;
  /** Headers computed per record (a fresh session token); merged over `headers`. Counts against `timeout`. */
  getHeaders?: (context: RelayHeadersContext) => Record<string, string> | Promise<Record<string, string>>;
  /** `fetch`'s credentials mode, e.g. `"include"` for cookie sessions on another origin. */
  credentials?: RequestCredentials;
  /** Milliseconds before one POST (with `getHeaders`) is given up as a network failure (default 30,000). */
  timeout?: number;
  /**
   * Largest body sent, in bytes (default 524,288, the relay's default
   * `maxBodyBytes`); a larger record is refused before sending with a
   * `ValidationError`, which an outbox does not retry.
   */
  maxBodyBytes?: number;
  /** Time and timers for `timeout` (default {@link systemClock}). */
  clock?: Clock;
  /** The `fetch` to use; defaults to the global one, looked up at call time. */
  fetch?: typeof fetch;
}

/**
 * What {@link RelayWriterOptions.getHeaders} receives.
 *
 * @example
 * ```ts
 * relayWriter({ url, getHeaders: ({ call }) => ({ "x-portal-id": String(call.portalId) }) });
 * ```
 */
export interface RelayHeadersContext {
  /** The call about to be sent. */
  call: CallRecord;
  /** Aborted when the write is cancelled or times out. */
  signal: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 30_000;
// A relay that refuses the session (401/403) is usually waiting for the user
// to log in again: retry, but not at the pace of a network failure.
const SESSION_RETRY_MS = 60_000;

async function readJson(response: Response): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse(await response.text());
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

// The relay's body is outside input: keep only well-formed issues.
function readIssues(body: Record<string, unknown> | undefined): { path: string; message: string }[] {
  const errors = body?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((entry: unknown) => {
    const item = entry as { path?: unknown; message?: unknown } | null;
    return typeof item?.path === "string" && typeof item.message === "string"
      ? [{ path: item.path, message: item.message }]
      : [];
  });
}

function engagementIdOf(body: Record<string, unknown> | undefined): { engagementId?: number } {
  const id = body?.engagementId;
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0 ? { engagementId: id } : {};
}

// Names the first header fetch would refuse, checked before sending:
// fetch's TypeError quotes the value, which may be a session token, and an
// error message ends up in logs.
function refusedHeader(headers: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    try {
      new Headers([[name, value]]);
    } catch {
      return /^[!#$%&'*+.^\w`|~-]{1,256}$/.test(name) ? `the value of header "${name}"` : "a header name";
    }
  }
  return undefined;
}

/**
 * A writer that POSTs each call as JSON ({@link RelayRecord}) to the vendor's
 * own backend, which logs it in HubSpot with `createRelayHandler` from
 * `hubspot-calling-kit/server`. The `Idempotency-Key` header carries the
 * `externalCallId`, so a repeated POST is acknowledged, not written twice.
 *
 * A write counts as delivered only when the relay acknowledges it: HTTP 202,
 * or another 2xx whose JSON body says `accepted`/`duplicate` for this
 * `externalCallId` (a login page or a catch-all route answering 200 is not an
 * acknowledgement). Redirects are not followed. Failures reject with
 * {@link RelayError} (`retryable` tells an outbox what to do); a record over
 * `maxBodyBytes`, or whose `externalCallId` cannot travel as a header (it
 * must be printable ASCII without a space at either end), rejects with
 * `ValidationError` before anything is sent. A header value that `fetch`
 * refuses (from `headers` or `getHeaders`) fails as a retryable
 * `RelayError` that names the header but never quotes its value.
 * Wrap it in {@link withOutbox} so nothing is lost.
 *
 * @example
 * ```ts
 * const writer = withOutbox(
 *   relayWriter({ url: "/hubspot/relay", headers: { authorization: `Bearer ${token}` } }),
 * );
 * const client = createCallingClient({ provider, writer });
 * ```
 */
export function relayWriter(options: RelayWriterOptions): EngagementWriter {
  if (!options?.url) {
    throw new ValidationError("relayWriter options", [{ path: "url", message: "is required" }]);
  }
  const url = String(options.url);
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_RELAY_MAX_BODY_BYTES;
  const clock = options.clock ?? systemClock;
  return {
    async write({ call, engagementId, properties, signal }) {
      const idProblem = externalCallIdProblem(String(call?.externalCallId ?? ""));
      if (idProblem !== undefined) {
        throw new ValidationError("call record", [{ path: "call.externalCallId", message: idProblem }]);
      }
      const body = JSON.stringify(toRelayRecord({ call, engagementId, properties }));
      const bytes = new TextEncoder().encode(body).byteLength;
      if (bytes > maxBodyBytes) {
        throw new ValidationError("call record", [
          { path: "", message: `is ${bytes} bytes, over the relay's limit of ${maxBodyBytes} (maxBodyBytes)` },
        ]);
      }
      const scope = scopedSignal([signal], {
        ms: timeout,
        clock,
        reason: () => new TimeoutError(`the relay at ${url}`, timeout),
      });
      let response: Response;
      let answer: Record<string, unknown> | undefined;
      try {
        const extra = options.getHeaders
          ? await raceSignal(Promise.resolve().then(() => options.getHeaders?.({ call, signal: scope.signal }) ?? {}), scope.signal)
          : {};
        const headers: Record<string, string> = {
          ...options.headers,
          ...extra,
          "content-type": "application/json",
          "idempotency-key": call.externalCallId,
        };
        const refused = refusedHeader(headers);
        if (refused !== undefined) {
          // No cause: fetch's message would quote the value. A fresh session
          // token may be fine, so retry at the pace of a refused session.
          throw new RelayError(
            `Could not send call ${call.externalCallId} to the relay at ${url}: ${refused} is not allowed in HTTP (printable ASCII, no line breaks); it is not shown here`,
            { status: 0, retryable: true, retryAfterMs: SESSION_RETRY_MS },
          );
        }
        // fetch and its body honour the signal.
        response = await (options.fetch ?? globalThis.fetch)(url, {
          method: "POST",
          headers,
          body,
          signal: scope.signal,
          redirect: "manual",
          ...(options.credentials ? { credentials: options.credentials } : {}),
        });
        answer = await readJson(response);
      } catch (cause) {
        if (signal.aborted) throw new AbortError("the relay", signal.reason);
        if (cause instanceof RelayError) throw cause;
        const reason = scope.signal.aborted ? `no answer within ${timeout} ms` : String((cause as Error)?.message ?? cause);
        throw new RelayError(`Could not reach the relay at ${url}: ${reason}`, { status: 0, cause });
      } finally {
        scope.dispose();
      }

      const id = call.externalCallId;
      const { status } = response;
      // A redirect (opaque in browsers) leads to a login page or a wrong URL.
      if (response.type === "opaqueredirect" || (status >= 300 && status < 400)) {
        throw new RelayError(`The relay at ${url} redirected call ${id}`, { status });
      }
      if (response.ok) {
        const named = answer?.externalCallId;
        // 202 is the relay's own answer; any other 2xx must say it is the
        // relay's acknowledgement of this call (not a page that answers 200).
        if (
          named === id
            ? status === 202 || answer?.status === "accepted" || answer?.status === "duplicate"
            : named === undefined && status === 202
        ) {
          return engagementIdOf(answer);
        }
        throw new RelayError(`The relay at ${url} did not acknowledge call ${id} (HTTP ${status})`, {
          status,
          retryable: true,
        });
      }
      const retryAfterMs =
        parseRetryAfter(response.headers.get("retry-after"), clock.now()) ??
        (status === 401 || status === 403 ? SESSION_RETRY_MS : undefined);
      const message = typeof answer?.message === "string" ? answer.message : response.statusText;
      const correlationId = typeof answer?.correlationId === "string" ? answer.correlationId : undefined;
      throw new RelayError(`The relay refused call ${id} (HTTP ${status}): ${message}`, {
        status,
        issues: readIssues(answer),
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        ...(correlationId !== undefined ? { correlationId } : {}),
      });
    },
  };
}
