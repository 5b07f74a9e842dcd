import type { EngagementWriter, EngagementWriteRequest, EngagementWriteResult } from "../engagements/engagementWriter";
import { buildEngagementProperties } from "../engagements/engagementProperties";
import type { RetryOptions } from "../engagements/outbox/retryPolicy";
import type { CallRecord } from "../engagements/callRecord";
import { HubSpotApiError } from "../errors/hubSpotApiError";
import { ValidationError } from "../errors/validationError";
import type { EngagementProperties, HubSpotId } from "../sdk/messages";
import { CALL_ASSOCIATION_TYPE_IDS } from "./callAssociationTypes";
import { accessTokenProblem, createHubSpotClient, isAmbiguous, isRetryableHubSpotError } from "./hubSpotClient";
import { createRateLimiter } from "./rateLimiter";
import type { RateLimitStore } from "./rateLimitStore";
import { createSharedRateLimiter } from "./sharedRateLimiter";
import { systemServerClock, type ServerClock } from "./serverClock";

/**
 * Options of {@link createCallsApiWriter}. Give `accessToken` or
 * `getAccessToken`.
 *
 * @example
 * ```ts
 * const options: CallsApiWriterOptions = {
 *   getAccessToken: () => tokens.forPortal(portalId),
 *   appId: 1234567,
 *   maxPer10Seconds: 80,
 * };
 * ```
 */
export interface CallsApiWriterOptions {
  /**
   * A private app token or OAuth access token with `crm.objects.contacts.write`-level
   * scopes: printable ASCII without spaces (checked here; the message never quotes it).
   */
  accessToken?: string;
  /**
   * Returns a valid token for each request (refresh OAuth tokens here). A
   * token an HTTP header cannot carry (a stray space or newline) is refused
   * before sending with a non-retried `HubSpotApiError` of status 401, as
   * HubSpot refuses a bad token; its message never quotes the token.
   */
  getAccessToken?: () => string | Promise<string>;
  /** HubSpot's API host (default `https://api.hubapi.com`). */
  baseUrl?: string;
  /** The `fetch` to use; defaults to the global one, looked up at call time. */
  fetch?: typeof fetch;
  /** Your calling app's id: `hs_call_app_id` on calls this writer creates (needed for recordings). */
  appId?: string | number;
  /** Your account id for the user: `hs_call_external_account_id` on created calls. */
  externalAccountId?: string;
  /** Requests per rolling 10 s this writer allows itself (default 90, below HubSpot's 100). `Infinity` turns the limiter off. */
  maxPer10Seconds?: number;
  /**
   * Share the rate limit with other writers: with a `store`, every writer
   * using the same store and `key` counts against one window of
   * `maxPer10Seconds` (default key `default`; use one key per HubSpot
   * account). {@link memoryRateLimitStore} shares it within a process,
   * {@link redisRateLimitStore} between processes and across restarts.
   * Without a store each writer counts alone, in memory. Either way the
   * writer also keeps under what HubSpot's `X-HubSpot-RateLimit-Remaining`
   * says is left (other apps on the account count there too).
   */
  rateLimit?: {
    /** Where the count lives. */
    store?: RateLimitStore;
    /** Names the window in the store, e.g. `portal:123`. */
    key?: string;
    /** The window's length (default 10,000 ms, HubSpot's ten-secondly window). */
    windowMs?: number;
  };
  /** Attempts per HubSpot request, for 5xx, network errors and ten-secondly 429s (default 4, at least 1). */
  maxAttempts?: number;
  /** Backoff between attempts (default 500 ms doubling, capped at 10 s, full jitter). */
  retry?: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs" | "random">;
  /**
   * Milliseconds before one request counts as a network failure (default
   * 10,000: below the relay's `writeTimeoutMs`, so a slow HubSpot fails here
   * first, with room for a retry).
   */
  timeoutMs?: number;
  /**
   * Look for a call with the same `hs_call_external_id` before every create
   * (default `true`; costs one search request per created call). This is
   * what keeps a call from being created twice when the create's answer was
   * lost and the retry reaches another process: a relay restarted (crash or
   * deploy) or another instance. `false` searches only after a create whose
   * outcome this process saw go unknown, so a retry after a restart can
   * create the call a second time; turn it off only where one process
   * writes each call and never restarts while browsers retry.
   */
  searchBeforeCreate?: boolean;
  /**
   * How long HubSpot's search may take to list a call after creating it
   * (default 30,000 ms). After a create whose outcome is unknown, the writer
   * creates the call again only once a search made this long after the
   * failure still does not find it; until then a write of that call fails
   * with a retryable `NETWORK_ERROR` whose `retryAfterMs` says when to come
   * back (the relay answers 503 with that `Retry-After`). 0 trusts the first
   * search.
   */
  searchLagMs?: number;
  /** Association type ids by object type id, added to {@link CALL_ASSOCIATION_TYPE_IDS}. */
  associationTypeIds?: Record<string, number>;
  /** Clock for rate limits, backoff and timeouts (default {@link systemServerClock}). */
  clock?: ServerClock;
}

/**
 * Per-request options of the calls writer's methods.
 *
 * @example
 * ```ts
 * await writer.markRecordingReady(engagementId, { signal: AbortSignal.timeout(10_000) });
 * ```
 */
export interface CallsApiRequestOptions {
  /** Cancels the request (and its retries). */
  signal?: AbortSignal;
}

/**
 * A writer that logs calls through HubSpot's CRM API (see
 * {@link createCallsApiWriter}), plus the calls endpoints a backend needs.
 *
 * @example
 * ```ts
 * const writer: CallsApiWriter = createCallsApiWriter({ accessToken });
 * const { engagementId } = await writer.write({ call, engagementId: undefined, properties: {}, signal });
 * await writer.markRecordingReady(engagementId!);
 * ```
 */
export interface CallsApiWriter extends EngagementWriter {
  /** Updates the call's engagement, or creates it when HubSpot has none. */
  write(request: EngagementWriteRequest): Promise<EngagementWriteResult>;
  /** `PATCH /crm/v3/objects/calls/{id}` with `{ properties }`. */
  update(engagementId: HubSpotId, properties: EngagementProperties, options?: CallsApiRequestOptions): Promise<void>;
  /** `POST /crm/v3/extensions/calling/recordings/ready`: HubSpot may fetch the recording now. */
  markRecordingReady(engagementId: HubSpotId, options?: CallsApiRequestOptions): Promise<void>;
}

const CALLS = "/crm/v3/objects/calls";
// Calls whose engagement this process created, and creates whose outcome is
// unknown, by externalCallId: each map keeps at most this many (oldest go).
const REMEMBERED = 10_000;

function toEngagementId(value: unknown): HubSpotId | undefined {
  const id = typeof value === "string" && /^\d{1,16}$/.test(value) ? Number(value) : value;
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

function checkId(engagementId: unknown, what: string): HubSpotId {
  const id = toEngagementId(engagementId);
  if (id === undefined) throw new ValidationError(what, [{ path: "engagementId", message: "must be a positive integer" }]);
  return id;
}

/**
 * Logs calls through HubSpot's CRM calls API, from your backend (Node 20+,
 * no DOM). A call with an engagement (HubSpot created one when the call
 * started in HubSpot) is updated with `PATCH /crm/v3/objects/calls/{id}`;
 * a call that started elsewhere is created with `POST /crm/v3/objects/calls`
 * carrying `hs_timestamp`, the recording fields (`hs_call_external_id`,
 * `hs_call_external_account_id`, `hs_call_app_id`,
 * `hs_call_source = INTEGRATIONS_PLATFORM`) and the association to the
 * callee. Properties come from `buildEngagementProperties(call, properties)`.
 *
 * Rate limits: at most `maxPer10Seconds` requests per rolling 10 s, alone or
 * shared with other writers through `rateLimit.store`; HubSpot's
 * `X-HubSpot-RateLimit-Remaining` caps what is sent until its interval ends,
 * and 429 answers pause it (`Retry-After` when
 * present, else the ten-secondly window; a `DAILY` 429 surfaces as
 * `RATE_LIMITED` at once). 5xx and network errors are retried with backoff;
 * a 4xx (validation) is never retried and rejects with `HubSpotApiError`
 * carrying HubSpot's message and `correlationId`. Creates are idempotent by
 * `externalCallId`: before each create the writer looks the call up by
 * `hs_call_external_id` (`searchBeforeCreate`, on by default), so a retry
 * that reaches a restarted process or another instance updates the call
 * HubSpot already has instead of creating it again, once HubSpot's search
 * lists it. After a create whose answer this process lost (no answer, a
 * 5xx, a timeout, or an abort once the request was sent) it also waits
 * `searchLagMs` for the search to list the call before it would create it
 * again. The call-logging guide states what holds per configuration.
 *
 * @example
 * ```ts
 * import { createCallsApiWriter, createRelayHandler } from "hubspot-calling-kit/server";
 * const writer = createCallsApiWriter({ accessToken: process.env.HUBSPOT_TOKEN, appId: 1234567 });
 * const relay = createRelayHandler({ writer, authenticate: (request) => sessions.check(request) });
 * ```
 */
export function createCallsApiWriter(options: CallsApiWriterOptions): CallsApiWriter {
  const { accessToken, getAccessToken } = options ?? {};
  if (!getAccessToken && !accessToken) {
    throw new ValidationError("createCallsApiWriter options", [
      { path: "accessToken", message: "is required (or give getAccessToken)" },
    ]);
  }
  const tokenProblem = getAccessToken ? undefined : accessTokenProblem(accessToken);
  const maxPer10Seconds = options.maxPer10Seconds ?? 90;
  const maxAttempts = options.maxAttempts ?? 4;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const searchLagMs = options.searchLagMs ?? 30_000;
  const searchBeforeCreate = options.searchBeforeCreate ?? true;
  const windowMs = options.rateLimit?.windowMs ?? 10_000;
  // NaN passes every `<` test: a NaN maxAttempts would retry for ever, a NaN
  // timeout would time every request out at once. Say so instead.
  const issues = [
    ...(tokenProblem !== undefined ? [{ path: "accessToken", message: tokenProblem }] : []),
    ...(maxPer10Seconds >= 1 ? [] : [{ path: "maxPer10Seconds", message: "must be at least 1" }]),
    ...(typeof maxAttempts === "number" && maxAttempts >= 1
      ? []
      : [{ path: "maxAttempts", message: "must be a number of at least 1" }]),
    ...(typeof timeoutMs === "number" && timeoutMs > 0 ? [] : [{ path: "timeoutMs", message: "must be a positive number" }]),
    ...(typeof windowMs === "number" && windowMs > 0 ? [] : [{ path: "rateLimit.windowMs", message: "must be a positive number" }]),
    ...(options.rateLimit?.store === undefined || typeof options.rateLimit.store.acquire === "function"
      ? []
      : [{ path: "rateLimit.store", message: "must be a RateLimitStore (acquire, release, observe)" }]),
    ...(typeof searchLagMs === "number" && searchLagMs >= 0
      ? []
      : [{ path: "searchLagMs", message: "must be a number of at least 0" }]),
  ];
  if (issues.length > 0) throw new ValidationError("createCallsApiWriter options", issues);
  const clock = options.clock ?? systemServerClock();
  const http = createHubSpotClient({
    baseUrl: options.baseUrl ?? "https://api.hubapi.com",
    getAccessToken: getAccessToken ?? (() => accessToken as string),
    fetch: options.fetch,
    limiter:
      options.rateLimit?.store && Number.isFinite(maxPer10Seconds)
        ? createSharedRateLimiter({
            store: options.rateLimit.store,
            key: options.rateLimit.key ?? "default",
            max: maxPer10Seconds,
            windowMs,
            leaseMs: timeoutMs + 5_000,
            clock,
          })
        : createRateLimiter(maxPer10Seconds, windowMs, clock),
    clock,
    timeoutMs,
    maxAttempts,
    retry: { baseDelayMs: 500, maxDelayMs: 10_000, ...options.retry },
  });
  const associationTypeIds: Record<string, number> = { ...CALL_ASSOCIATION_TYPE_IDS, ...options.associationTypeIds };
  const created = new Map<string, HubSpotId>();
  // Calls whose create may have happened although no answer said so, with
  // the time of the last such failure.
  const uncertain = new Map<string, number>();
  // Errors that must reach the caller at once instead of being retried here.
  const final = new WeakSet<object>();

  const remember = <T>(map: Map<string, T>, key: string, value: T) => {
    map.delete(key);
    map.set(key, value);
    if (map.size > REMEMBERED) map.delete(map.keys().next().value as string);
  };

  const patch = (id: HubSpotId, properties: EngagementProperties, signal: AbortSignal) =>
    http.send({ method: "PATCH", path: `${CALLS}/${id}`, body: { properties }, what: `Updating call ${id}`, signal });

  async function find(key: string, signal: AbortSignal): Promise<HubSpotId | undefined> {
    const filters = [{ propertyName: "hs_call_external_id", operator: "EQ", value: key }];
    if (options.appId !== undefined) {
      filters.push({ propertyName: "hs_call_app_id", operator: "EQ", value: String(options.appId) });
    }
    const found = await http.send<{ results?: { id?: unknown }[] }>({
      method: "POST",
      path: `${CALLS}/search`,
      body: { filterGroups: [{ filters }], properties: ["hs_call_external_id"], limit: 1 },
      what: `Looking up call ${key}`,
      signal,
    });
    return toEngagementId(found?.results?.[0]?.id);
  }

  async function create(call: CallRecord, properties: EngagementProperties, signal: AbortSignal): Promise<HubSpotId> {
    const key = call.externalCallId;
    const typeId = call.callee ? associationTypeIds[call.callee.objectTypeId] : undefined;
    const body = {
      properties: {
        ...properties,
        hs_call_external_id: key,
        hs_call_source: "INTEGRATIONS_PLATFORM",
        ...(options.appId !== undefined ? { hs_call_app_id: String(options.appId) } : {}),
        ...(options.externalAccountId !== undefined ? { hs_call_external_account_id: options.externalAccountId } : {}),
      },
      associations:
        call.callee && typeId !== undefined
          ? [
              {
                to: { id: String(call.callee.objectId) },
                types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: typeId }],
              },
            ]
          : [],
    };
    const id = await http.retrying(
      signal,
      async () => {
        const since = uncertain.get(key);
        if (searchBeforeCreate || since !== undefined) {
          const existing = await find(key, signal);
          if (existing !== undefined) {
            await patch(existing, properties, signal);
            return existing;
          }
          const wait = since === undefined ? 0 : since + searchLagMs - clock.now();
          if (wait > 0) {
            const held = new HubSpotApiError(
              `Creating call ${key} is on hold: an earlier create may have succeeded (its answer was lost) and HubSpot's search does not list the call yet; retry in ${Math.ceil(wait / 1_000)} s`,
              { status: 0, retryAfterMs: wait },
            );
            final.add(held);
            throw held;
          }
        }
        try {
          const answer = await http.send<{ id?: unknown }>({
            method: "POST",
            path: CALLS,
            body,
            what: `Creating call ${key}`,
            signal,
          });
          const newId = toEngagementId(answer?.id);
          if (newId === undefined) throw new ValidationError("HubSpot's answer", [{ path: "id", message: "is missing" }]);
          return newId;
        } catch (error) {
          if (isAmbiguous(error)) remember(uncertain, key, clock.now());
          throw error;
        }
      },
      (error) => !final.has(error as object) && isRetryableHubSpotError(error),
    );
    uncertain.delete(key);
    remember(created, key, id);
    return id;
  }

  const withSignal = (options?: CallsApiRequestOptions) => options?.signal ?? new AbortController().signal;

  return {
    async write({ call, engagementId, properties, signal }) {
      const full = buildEngagementProperties(call, properties);
      const known = engagementId ?? call.engagementId ?? created.get(call.externalCallId);
      if (known === undefined) return { engagementId: await create(call, full, signal) };
      const id = checkId(known, "call record");
      await http.retrying(signal, () => patch(id, full, signal));
      return { engagementId: id };
    },
    async update(engagementId, properties, requestOptions) {
      const id = checkId(engagementId, "call update");
      const signal = withSignal(requestOptions);
      await http.retrying(signal, () => patch(id, properties, signal));
    },
    async markRecordingReady(engagementId, requestOptions) {
      const id = checkId(engagementId, "recording");
      const signal = withSignal(requestOptions);
      await http.retrying(signal, () =>
        http.send({
          method: "POST",
          path: "/crm/v3/extensions/calling/recordings/ready",
          body: { engagementId: id },
          what: `Marking the recording of call ${id} ready`,
          signal,
        }),
      );
    },
  };
}
