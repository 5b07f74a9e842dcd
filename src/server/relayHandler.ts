import { buildEngagementProperties } from "../engagements/engagementProperties";
import { DEFAULT_RELAY_MAX_BODY_BYTES, parseRelayRecord, type RelayRecord } from "../engagements/relayRecord";
import { ValidationError } from "../errors/validationError";
import { systemClock } from "../internal/clock";
import type { HubSpotId } from "../sdk/messages";
import type { IdempotencyClaim } from "./idempotencyStore";
import { memoryIdempotencyStore } from "./memoryIdempotencyStore";
import { ownerIssue } from "./ownerIssue";
import { recordRevision } from "./recordRevision";
import { readLimitedBody } from "./readLimitedBody";
import type { RelayErrorEvent, RelayHandlerOptions, RelayPrincipal, RelayWarning } from "./relayHandlerOptions";
import { downstreamFailure, refuse, reply } from "./relayReplies";
import { writeUnderClaim } from "./writeUnderClaim";

const MEMORY_STORE_WARNING =
  "hubspot-calling-kit relay: running in production on the default memory idempotency store. It forgets on every restart and is not shared between instances: records retried across a restart are written again (as updates when the calls writer's searchBeforeCreate finds the call; a custom writer may duplicate them). Pass a durable, shared store as `idempotency` (see the call-logging guide), or pass memoryIdempotencyStore() explicitly to silence this warning.";

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

    const outcome = await writeUnderClaim({
      store,
      key,
      revision,
      token,
      externalCallId: id,
      write: async (signal) => {
        const writer =
          typeof options.writer === "function" ? await options.writer({ principal, record, request }) : options.writer;
        return writer.write({
          call: record.call,
          engagementId: record.engagementId ?? record.call.engagementId ?? writtenBefore,
          properties: buildEngagementProperties(record.call, record.properties),
          signal,
        });
      },
      timeoutMs: writeTimeoutMs,
      clock,
      onCompleteError: (error) => report({ error, request, record, status: 202 }),
    });
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
