import { AbortError } from "../errors/abortError";
import { parseRetryAfter } from "../errors/fromHubSpotResponse";
import { ValidationError } from "../errors/validationError";
import type { CallRecord } from "./callRecord";
import type { EngagementWriter } from "./engagementWriter";
import { RelayError } from "./relayError";
import { toRelayRecord } from "./relayRecord";

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
  /** The vendor's relay endpoint (a `createRelayHandler` on the backend). */
  url: string | URL;
  /** Headers sent with every record, e.g. a static API key. */
  headers?: Record<string, string>;
  /** Headers computed per record (a fresh session token); merged over `headers`. */
  getHeaders?: (context: RelayHeadersContext) => Record<string, string> | Promise<Record<string, string>>;
  /** `fetch`'s credentials mode, e.g. `"include"` for cookie sessions on another origin. */
  credentials?: RequestCredentials;
  /** Milliseconds before one POST is given up as a network failure (default 30,000). */
  timeout?: number;
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
  /** Aborted when the write is cancelled. */
  signal: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 30_000;

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

/**
 * A writer that POSTs each call as JSON ({@link RelayRecord}) to the vendor's
 * own backend, which logs it in HubSpot with `createRelayHandler` from
 * `hubspot-calling-kit/server`. The `Idempotency-Key` header carries the
 * `externalCallId`, so a repeated POST is acknowledged, not written twice.
 * Failures reject with {@link RelayError} (`retryable` tells an outbox what to
 * do); wrap it in {@link withOutbox} so nothing is lost.
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
  return {
    async write({ call, engagementId, properties, signal }) {
      const combined = AbortSignal.any([signal, AbortSignal.timeout(timeout)]);
      const extra = options.getHeaders ? await options.getHeaders({ call, signal: combined }) : {};
      let response: Response;
      try {
        response = await (options.fetch ?? globalThis.fetch)(url, {
          method: "POST",
          headers: {
            ...options.headers,
            ...extra,
            "content-type": "application/json",
            "idempotency-key": call.externalCallId,
          },
          body: JSON.stringify(toRelayRecord({ call, engagementId, properties })),
          signal: combined,
          ...(options.credentials ? { credentials: options.credentials } : {}),
        });
      } catch (cause) {
        if (signal.aborted) throw new AbortError("the relay", signal.reason);
        const reason = combined.aborted ? `no answer within ${timeout} ms` : String((cause as Error)?.message ?? cause);
        throw new RelayError(`Could not reach the relay at ${url}: ${reason}`, { status: 0, cause });
      }
      const body = await readJson(response);
      if (response.ok) {
        const id = body?.engagementId;
        return typeof id === "number" && Number.isSafeInteger(id) && id >= 0 ? { engagementId: id } : {};
      }
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      const message = typeof body?.message === "string" ? body.message : response.statusText;
      const correlationId = typeof body?.correlationId === "string" ? body.correlationId : undefined;
      throw new RelayError(`The relay refused call ${call.externalCallId} (HTTP ${response.status}): ${message}`, {
        status: response.status,
        issues: readIssues(body),
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        ...(correlationId !== undefined ? { correlationId } : {}),
      });
    },
  };
}
