import { buildEngagementProperties } from "../engagements/engagementProperties";
import type { EngagementWriteResult, EngagementWriter } from "../engagements/engagementWriter";
import { MAX_RETRY_AFTER_MS } from "../engagements/outbox/retryPolicy";
import {
  DEFAULT_RELAY_MAX_BODY_BYTES,
  parseRelayRecord,
  type RelayErrorBody,
  type RelayRecord,
} from "../engagements/relayRecord";
import { isCallingError } from "../errors/callingError";
import { HubSpotApiError } from "../errors/hubSpotApiError";
import { TimeoutError } from "../errors/timeoutError";
import { ValidationError } from "../errors/validationError";
import { raceSignal, scopedSignal } from "../internal/anySignal";
import { type Clock, systemClock } from "../internal/clock";
import type { HubSpotId } from "../sdk/messages";
import type { IdempotencyClaim, IdempotencyStore } from "./idempotencyStore";
import { memoryIdempotencyStore } from "./memoryIdempotencyStore";
import { recordRevision } from "./recordRevision";
import { readLimitedBody } from "./readLimitedBody";

/**
 * Who sent a record, as `authenticate` decided. `tenant` scopes idempotency
 * keys (two customers may use the same call ids) and is given to a writer
 * factory.
 *
 * @example
 * ```ts
 * authenticate: async (request) => {
 *   const session = await sessions.verify(request.headers.get("authorization"));
 *   return session ? { tenant: String(session.portalId) } : false;
 * }
 * ```
 */
export interface RelayPrincipal {
  /** The account the record belongs to, e.g. the HubSpot portal id. */
  tenant?: string;
  /**
   * The HubSpot owner id of the signed-in user. When given, a record that
   * would log the call for another owner (`call.ownerId` or
   * `properties.hubspot_owner_id`) gets 400 and nothing reaches HubSpot.
   * Without it the relay cannot tell who the user is and takes the owner
   * the record names.
   */
  ownerId?: HubSpotId;
}

/**
 * What a writer factory (see {@link RelayHandlerOptions.writer}) receives.
 *
 * @example
 * ```ts
 * writer: ({ principal }: RelayWriteContext) => writersByPortal.get(principal.tenant!)!,
 * ```
 */
export interface RelayWriteContext {
  /** Who sent the record. */
  principal: RelayPrincipal;
  /** The validated record. */
  record: RelayRecord;
  /** The HTTP request. */
  request: Request;
}

/**
 * What {@link RelayHandlerOptions.onError} receives: something failed that
 * the browser was told about with a 5xx or 422 (never a crash).
 *
 * @example
 * ```ts
 * onError: ({ error, record }) => log.warn({ err: error, call: record?.call.externalCallId }),
 * ```
 */
export interface RelayErrorEvent {
  /** What failed: the writer, `authenticate`, or the idempotency store. */
  error: unknown;
  /** The HTTP request. */
  request: Request;
  /** The record, once it was parsed. */
  record?: RelayRecord;
  /** The HTTP status the relay answered with. */
  status: number;
}

/**
 * Options of {@link createRelayHandler}.
 *
 * @example
 * ```ts
 * const options: RelayHandlerOptions = {
 *   writer: createCallsApiWriter({ accessToken }),
 *   authenticate: (request) => request.headers.get("authorization") === `Bearer ${secret}`,
 * };
 * ```
 */
export interface RelayHandlerOptions {
  /**
   * Writes accepted records: one writer, or a function choosing one per
   * record (per portal, say). A factory must hand out the same writer for a
   * tenant every time (create each once and keep it): a calls writer keeps
   * its rate limit and its memory of creates per instance.
   */
  writer:
    | EngagementWriter
    | ((context: RelayWriteContext) => EngagementWriter | Promise<EngagementWriter>);
  /**
   * Required. Decides whether a request may log calls: `true`, or a
   * {@link RelayPrincipal}, to accept; `false` to answer 401. Runs before
   * the body is read.
   */
  authenticate: (request: Request) => boolean | RelayPrincipal | Promise<boolean | RelayPrincipal>;
  /** Largest body accepted, in bytes (default 524,288, as `relayWriter`'s check); larger ones get 413. */
  maxBodyBytes?: number;
  /**
   * Remembers written records (default {@link memoryIdempotencyStore}: one
   * process, forgotten on restart). With `NODE_ENV=production` and no store
   * given, the relay warns at creation (see `onWarning`): a restarted relay
   * then writes a repeated record again (an update of the call the calls
   * writer finds, with its default `searchBeforeCreate`), and two instances
   * do not see each other's claims.
   */
  idempotency?: IdempotencyStore;
  /**
   * Told about a configuration that is unsafe for production (default:
   * `console.warn` of the message). Called at most once per handler.
   */
  onWarning?: (warning: RelayWarning) => void;
  /**
   * Milliseconds the writer gets per record before the relay answers 503
   * (default 25,000; keep it above the calls writer's `timeoutMs`). A writer
   * still running then keeps its claim until it ends, so a retry meanwhile
   * gets 409 and never writes the record a second time; only past the
   * store's lease (2 minutes in {@link memoryIdempotencyStore}) may a retry
   * take the claim over, and the slow writer's claim token then keeps it
   * from ending the retry's claim.
   */
  writeTimeoutMs?: number;
  /** Timers for `writeTimeoutMs` (default the system clock); a fake clock makes timeouts testable. */
  clock?: Clock;
  /** Told about failures behind 5xx and 422 answers, for your logs. */
  onError?: (event: RelayErrorEvent) => void;
}

/**
 * What {@link RelayHandlerOptions.onWarning} receives.
 *
 * @example
 * ```ts
 * onWarning: ({ code, message }: RelayWarning) => log.warn({ code }, message),
 * ```
 */
export interface RelayWarning {
  /** `MEMORY_IDEMPOTENCY_IN_PRODUCTION`: no `idempotency` store was given while `NODE_ENV` is `production`. */
  code: "MEMORY_IDEMPOTENCY_IN_PRODUCTION";
  /** What is wrong and what to do, for people. */
  message: string;
}

const MEMORY_STORE_WARNING =
  "hubspot-calling-kit relay: running in production on the default memory idempotency store. It forgets on every restart and is not shared between instances: records retried across a restart are written again (as updates when the calls writer's searchBeforeCreate finds the call; a custom writer may duplicate them). Pass a durable, shared store as `idempotency` (see the call-logging guide), or pass memoryIdempotencyStore() explicitly to silence this warning.";

// A user may log calls only as themself: the owner the record would write
// (the call's, or a hubspot_owner_id property over it) must be theirs.
function ownerIssue(record: RelayRecord, principal: RelayPrincipal): { path: string; message: string } | undefined {
  if (principal.ownerId === undefined) return undefined;
  const mine = String(principal.ownerId);
  const named = record.properties.hubspot_owner_id;
  if (named !== undefined && named !== mine) {
    return { path: "properties.hubspot_owner_id", message: "must be the signed-in user's owner id" };
  }
  if (record.call.ownerId !== undefined && String(record.call.ownerId) !== mine && named === undefined) {
    return { path: "call.ownerId", message: "must be the signed-in user's owner id" };
  }
  return undefined;
}

const isProduction = () =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.NODE_ENV === "production";

/**
 * A standard fetch-API handler, mountable in any server that speaks
 * `Request`/`Response` (Hono, Bun, Deno, Next.js route handlers) and in
 * `node:http` or Express through {@link toNodeListener}.
 *
 * @example
 * ```ts
 * const handler: RelayHandler = createRelayHandler({ writer, authenticate });
 * const response = await handler(new Request("http://localhost/relay", { method: "POST", body }));
 * ```
 */
export type RelayHandler = (request: Request) => Promise<Response>;

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

function reply(status: number, body: object, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

const refuse = (status: number, message: string, extra: Partial<RelayErrorBody> = {}, headers?: Record<string, string>) =>
  reply(status, { message, ...extra }, headers);

// A record HubSpot refused for what it is (400 validation, 404 unknown
// engagement, 409, 422) will be refused again: tell the browser not to retry.
// Anything else (auth, rate limits, outages, bugs) may pass later: 503.
function downstreamFailure(error: unknown): { status: number; body: RelayErrorBody; headers: Record<string, string> } {
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

/**
 * The server half of `relayWriter` (root entry): a fetch-API handler that checks
 * who is asking (`authenticate`, required), validates the record, and writes
 * it with `writer` once per `externalCallId`.
 *
 * Answers: 202 once the record is written (`status: "accepted"`), or when it
 * was written before (`status: "duplicate"`, nothing written again; a record
 * for the same call with other content, i.e. corrected notes, is written
 * again as an update); 400 with
 * `{ errors: [{ path, message }] }` for a malformed body, a property value
 * HubSpot would refuse or misread (`hs_call_duration` not whole
 * non-negative milliseconds, `hs_timestamp` neither milliseconds nor an ISO
 * date, an unknown `hs_call_direction`, an `Object.prototype` member such
 * as `constructor` as a name), or an owner other than the principal's
 * `ownerId`; 401 when
 * `authenticate` refuses; 405 for anything but POST; 409 while the same
 * record is being written by a concurrent request; 413 above
 * `maxBodyBytes` (read incrementally, never buffered past the limit); 415
 * for a body that is not JSON; 422 when HubSpot refused the record itself;
 * 503 with `Retry-After` when the write failed for a reason that may pass.
 * The record is written before 202 is answered, so a browser outbox that
 * gets anything but 2xx keeps the record and retries: nothing is lost.
 * The writer gets `buildEngagementProperties(call, properties)`: the wire
 * record leaves out what the call itself gives. The handler never throws.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { createCallsApiWriter, createRelayHandler, toNodeListener } from "hubspot-calling-kit/server";
 *
 * const relay = createRelayHandler({
 *   writer: createCallsApiWriter({ accessToken: process.env.HUBSPOT_TOKEN }),
 *   authenticate: (request) => request.headers.get("authorization") === `Bearer ${process.env.RELAY_SECRET}`,
 * });
 * createServer(toNodeListener(relay)).listen(8080);
 * ```
 */
export function createRelayHandler(options: RelayHandlerOptions): RelayHandler {
  if (typeof options?.authenticate !== "function") {
    throw new ValidationError("createRelayHandler options", [
      {
        path: "authenticate",
        message:
          "is required: the relay logs calls in HubSpot with your token, so it must only accept requests from your own users (return true or a principal to accept, false to refuse)",
      },
    ]);
  }
  if (!options.writer) {
    throw new ValidationError("createRelayHandler options", [{ path: "writer", message: "is required" }]);
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_RELAY_MAX_BODY_BYTES;
  const store = options.idempotency ?? memoryIdempotencyStore();
  if (options.idempotency === undefined && isProduction()) {
    const warning: RelayWarning = { code: "MEMORY_IDEMPOTENCY_IN_PRODUCTION", message: MEMORY_STORE_WARNING };
    try {
      (options.onWarning ?? ((event: RelayWarning) => console.warn(event.message)))(warning);
    } catch {
      // A logging hook must not keep the relay from starting.
    }
  }
  const writeTimeoutMs = options.writeTimeoutMs ?? 25_000;
  const clock = options.clock ?? systemClock;
  const report = (event: RelayErrorEvent) => {
    try {
      options.onError?.(event);
    } catch {
      // A logging hook must not turn an answer into a crash.
    }
  };

  async function handle(request: Request): Promise<Response> {
    if (request.method !== "POST") return refuse(405, "Use POST", {}, { allow: "POST" });

    let principal: RelayPrincipal;
    try {
      const verdict = await options.authenticate(request);
      if (verdict === false || verdict === null || typeof verdict !== "object" && verdict !== true) {
        return refuse(401, "Not authenticated");
      }
      principal = verdict === true ? {} : verdict;
    } catch (error) {
      report({ error, request, status: 503 });
      return refuse(503, "Authentication is unavailable; retry later", {}, { "retry-after": "5" });
    }

    if (!JSON_TYPE.test(request.headers.get("content-type") ?? "")) {
      return refuse(415, "Send the record as application/json");
    }
    const body = await readLimitedBody(request, maxBodyBytes);
    if (!body.ok) {
      return refuse(body.status, body.message, body.status === 400 ? { errors: [{ path: "", message: body.message }] } : {});
    }

    let record: RelayRecord;
    try {
      record = parseRelayRecord(JSON.parse(body.text));
    } catch (error) {
      const errors = error instanceof ValidationError ? [...error.issues] : [{ path: "", message: "is not valid JSON" }];
      return refuse(400, "Invalid call record", { errors });
    }
    const id = record.call.externalCallId;
    const header = request.headers.get("idempotency-key");
    if (header !== null && header !== id) {
      return refuse(400, "Invalid call record", {
        errors: [{ path: "call.externalCallId", message: "must equal the Idempotency-Key header" }],
      });
    }

    const ownerProblem = ownerIssue(record, principal);
    if (ownerProblem) return refuse(400, "Invalid call record", { errors: [ownerProblem] });

    const key = principal.tenant === undefined ? id : `${principal.tenant}\u0000${id}`;
    // What this version says: the same again is a repeat, anything else a correction.
    const revision = recordRevision(record);
    let claim: IdempotencyClaim;
    try {
      claim = await store.claim(key, revision);
    } catch (error) {
      report({ error, request, record, status: 503 });
      return refuse(503, "Could not log the call now; retry later", {}, { "retry-after": "1" });
    }
    if (claim.state === "done") {
      return reply(202, {
        status: "duplicate",
        externalCallId: id,
        ...(claim.engagementId !== undefined ? { engagementId: claim.engagementId } : {}),
      });
    }
    if (claim.state === "busy") {
      return refuse(409, "This call is being logged by another request", {}, { "retry-after": "1" });
    }
    // The token names this request's claim: should its lease lapse while the
    // writer runs and another request take the key over, ending the claim
    // below leaves the newer one alone.
    const { token, engagementId: writtenBefore } = claim;

    // The write runs to its end even when the answer cannot wait for it: its
    // claim is completed or released only then, so a retry that arrives
    // meanwhile gets 409 and cannot write the record a second time.
    const scope = scopedSignal([], {
      ms: writeTimeoutMs,
      clock,
      reason: () => new TimeoutError(`the writer to log call ${id}`, writeTimeoutMs),
    });
    const writing: Promise<{ ok: true; result: EngagementWriteResult | undefined } | { ok: false; error: unknown }> =
      Promise.resolve()
        .then(async () => {
          const writer =
            typeof options.writer === "function" ? await options.writer({ principal, record, request }) : options.writer;
          return writer.write({
            call: record.call,
            engagementId: record.engagementId ?? record.call.engagementId ?? writtenBefore,
            properties: buildEngagementProperties(record.call, record.properties),
            signal: scope.signal,
          });
        })
        .then(
          async (result) => {
            // The call is logged: answer 202 even if the store fails to note it
            // (a retry then reaches the writer, which is idempotent by externalCallId).
            const written = result?.engagementId;
            await store
              .complete(key, { ...(written !== undefined ? { engagementId: written } : {}), revision }, token)
              .catch((error: unknown) => report({ error, request, record, status: 202 }));
            return { ok: true as const, result };
          },
          async (error: unknown) => {
            await store.release(key, token).catch(() => undefined);
            return { ok: false as const, error };
          },
        );
    let outcome: Awaited<typeof writing>;
    try {
      outcome = await raceSignal(writing, scope.signal);
    } catch (timeout) {
      outcome = { ok: false, error: timeout };
    } finally {
      scope.dispose();
    }
    if (!outcome.ok) {
      const failure = downstreamFailure(outcome.error);
      report({ error: outcome.error, request, record, status: failure.status });
      return reply(failure.status, failure.body, failure.headers);
    }
    const engagementId: HubSpotId | undefined = outcome.result?.engagementId;
    return reply(202, {
      status: "accepted",
      externalCallId: id,
      ...(engagementId !== undefined ? { engagementId } : {}),
    });
  }

  return async (request) => {
    try {
      return await handle(request);
    } catch (error) {
      report({ error, request, status: 500 });
      return refuse(500, "Internal error");
    }
  };
}
