import type { EngagementWriter } from "../engagements/engagementWriter";
import type { RelayRecord } from "../engagements/relayRecord";
import type { Clock } from "../internal/clock";
import type { HubSpotId } from "../sdk/messages";
import type { IdempotencyStore } from "./idempotencyStore";

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
