// The JSON wire format between relayWriter (browser) and createRelayHandler
// (server). Browser-safe: no Node built-ins, no globals touched at import.
import { ValidationError, type ValidationIssue } from "../errors/validationError";
import type { EngagementProperties, HubSpotId } from "../sdk/messages";
import { END_STATUSES } from "../sdk/messageTypes";
import type { CallRecord } from "./callRecord";
import { buildEngagementProperties, isHttpsUrl } from "./engagementProperties";

/**
 * The version of the relay wire format that this library writes and reads.
 *
 * @example
 * ```ts
 * const body: RelayRecord = { version: RELAY_RECORD_VERSION, call, properties };
 * ```
 */
export const RELAY_RECORD_VERSION = 1;

/**
 * What {@link relayWriter} POSTs to the vendor's backend for one call, as
 * JSON. The `Idempotency-Key` header carries `call.externalCallId`.
 * `properties` holds only what cannot be derived from `call` (the relay
 * rebuilds the rest with `buildEngagementProperties(call, properties)`), so
 * long notes travel once.
 *
 * @example
 * ```ts
 * const record: RelayRecord = {
 *   version: 1,
 *   call: { externalCallId: "c-1", direction: "OUTBOUND", fromNumber: "+1617…", toNumber: "+1617…",
 *           startedAt: 1_700_000_000_000, endedAt: 1_700_000_042_000, durationMs: 40_000, endStatus: "COMPLETED" },
 *   engagementId: 41_298_765_432,
 *   properties: { hs_call_body: "Interested in a demo" },
 * };
 * ```
 */
export interface RelayRecord {
  /** Always {@link RELAY_RECORD_VERSION}. */
  version: typeof RELAY_RECORD_VERSION;
  /** The call, as plain data. */
  call: CallRecord;
  /** The engagement HubSpot created for the call, when known. */
  engagementId?: HubSpotId;
  /**
   * Engagement properties (`hs_*` strings) that `buildEngagementProperties(call)`
   * does not already give; the relay writes `buildEngagementProperties(call, properties)`.
   */
  properties: EngagementProperties;
}

/**
 * The relay's answer when it took a record (HTTP 202): newly written, or a
 * repeat of a record it had already written (then nothing was written again).
 *
 * @example
 * ```ts
 * const answer: RelayAcceptedBody = { status: "duplicate", externalCallId: "c-1", engagementId: 123 };
 * ```
 */
export interface RelayAcceptedBody {
  /** `accepted` for a new record, `duplicate` for one already written. */
  status: "accepted" | "duplicate";
  /** The record's idempotency key. */
  externalCallId: string;
  /** The engagement holding the call, when the writer reported it. */
  engagementId?: HubSpotId;
}

/**
 * The relay's answer when it refused or could not take a record (4xx, 5xx).
 *
 * @example
 * ```ts
 * const answer: RelayErrorBody = {
 *   message: "Invalid call record",
 *   errors: [{ path: "call.startedAt", message: "must be a non-negative integer" }],
 * };
 * ```
 */
export interface RelayErrorBody {
  /** What went wrong, for people. */
  message: string;
  /** One entry per problem with the record (400), or HubSpot's refusal (422). */
  errors?: ValidationIssue[];
  /** HubSpot's correlation id when HubSpot refused the write. */
  correlationId?: string;
}

// Limits that keep one record small; the relay's body limit caps the total.
const MAX_ID_LENGTH = 256;
const MAX_SHORT = 256;
const MAX_TEXT = 65_536;
const MAX_PROPERTIES = 100;
const PROPERTY_NAME = /^[a-z][a-z0-9_]{0,99}$/;
// Names of Object.prototype members that the pattern above lets through:
// a server that copies properties into a plain object would change its
// prototype chain instead of setting a property.
const RESERVED_NAMES = new Set(["constructor", "prototype", "__proto__"]);
// hs_timestamp: milliseconds since the epoch, or an ISO 8601 date-time.
const EPOCH_MS = /^\d{1,15}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DIGITS = /^\d{1,15}$/;
// What HubSpot accepts in the properties the relay checks by value.
const VALUE_CHECKS: Record<string, (value: string) => string | undefined> = {
  hs_call_duration: (value) =>
    DIGITS.test(value) ? undefined : "must be a whole, non-negative number of milliseconds, as a string",
  hs_timestamp: (value) =>
    (EPOCH_MS.test(value) || (ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))))
      ? undefined
      : "must be milliseconds since the epoch or an ISO 8601 date, as a string",
  hubspot_owner_id: (value) => (DIGITS.test(value) && value !== "0" ? undefined : "must be a HubSpot owner id (digits)"),
  hs_call_direction: (value) => (value === "INBOUND" || value === "OUTBOUND" ? undefined : "must be INBOUND or OUTBOUND"),
};
const OBJECT_TYPE_ID = /^\d{1,4}-\d{1,12}$/;
// The id travels as the Idempotency-Key header, which fetch changes or
// refuses outside printable ASCII (it trims surrounding spaces and throws on
// characters above U+00FF): only ids it sends as they are get through.
const HEADER_SAFE_ID = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * The default body limit of both halves of the relay (`relayWriter`'s check
 * before sending, `createRelayHandler`'s `maxBodyBytes`): 512 KiB. Notes of
 * the longest length HubSpot keeps (65,536 characters) fit even when every
 * character takes 6 bytes of JSON, with room for the rest of the record.
 *
 * @internal
 */
export const DEFAULT_RELAY_MAX_BODY_BYTES = 524_288;

/**
 * Why `externalCallId` cannot be sent as the relay's `Idempotency-Key`
 * header, or `undefined` when it can: it must be printable ASCII (U+0020 to
 * U+007E) without a space at either end, since `fetch` trims such spaces
 * and refuses characters above U+00FF. Shared by `relayWriter` (refuses the
 * record before sending) and `parseRelayRecord` (the relay answers 400).
 *
 * @internal
 */
export function externalCallIdProblem(id: string): string | undefined {
  return HEADER_SAFE_ID.test(id)
    ? undefined
    : "must be printable ASCII (U+0020 to U+007E) without a space at either end: it is sent as the Idempotency-Key header";
}

/**
 * Builds the wire record for one write; data is copied, never shared.
 * Properties that `buildEngagementProperties(call)` gives as they are (the
 * notes as `hs_call_body`, numbers, status...) are left out.
 *
 * @example
 * ```ts
 * const body = JSON.stringify(toRelayRecord({ call, engagementId: 123, properties }));
 * ```
 */
export function toRelayRecord(input: {
  /** The call. */
  call: CallRecord;
  /** The engagement, when known. */
  engagementId: HubSpotId | undefined;
  /** The properties to write. */
  properties: EngagementProperties;
}): RelayRecord {
  const derived = buildEngagementProperties(input.call);
  const properties: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.properties ?? {})) {
    if (typeof value === "string" && derived[name] !== value) properties[name] = value;
  }
  const record: RelayRecord = {
    version: RELAY_RECORD_VERSION,
    call: input.call,
    properties: properties as EngagementProperties,
  };
  if (input.engagementId !== undefined) record.engagementId = input.engagementId;
  return JSON.parse(JSON.stringify(record)) as RelayRecord;
}

type Issues = ValidationIssue[];
type Source = Record<string, unknown>;

function isPlainObject(value: unknown): value is Source {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(
  source: Source,
  key: string,
  path: string,
  issues: Issues,
  options: { max: number; required?: boolean; nonEmpty?: boolean },
): string | undefined {
  const value = source[key];
  if (value === undefined || value === null) {
    if (options.required) issues.push({ path, message: "is required" });
    return undefined;
  }
  if (typeof value !== "string") issues.push({ path, message: "must be a string" });
  else if (value.length > options.max) issues.push({ path, message: `must be at most ${options.max} characters` });
  else if (options.nonEmpty && value.length === 0) issues.push({ path, message: "must not be empty" });
  else return value;
  return undefined;
}

function integer(
  source: Source,
  key: string,
  path: string,
  issues: Issues,
  required: boolean,
): number | undefined {
  const value = source[key];
  if (value === undefined || value === null) {
    if (required) issues.push({ path, message: "is required" });
    return undefined;
  }
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
  issues.push({ path, message: "must be a non-negative integer" });
  return undefined;
}

// HubSpot ids start at 1: an engagement id of 0 would only be refused later,
// by the writer, as a 422 the browser does not retry.
function hubSpotId(source: Source, key: string, path: string, issues: Issues): number | undefined {
  const value = integer(source, key, path, issues, false);
  if (value !== 0) return value;
  issues.push({ path, message: "must be a positive integer" });
  return undefined;
}

function oneOf<T extends string>(
  source: Source,
  key: string,
  path: string,
  allowed: readonly T[],
  issues: Issues,
): T | undefined {
  const value = source[key];
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  issues.push({
    path,
    message: value === undefined ? "is required" : `must be one of ${allowed.join(", ")}`,
  });
  return undefined;
}

// Builds a fresh CallRecord field by field: nothing unvalidated is copied.
function parseCall(value: unknown, issues: Issues): CallRecord | undefined {
  if (!isPlainObject(value)) {
    issues.push({ path: "call", message: "must be an object" });
    return undefined;
  }
  const count = issues.length;
  const externalCallId = text(value, "externalCallId", "call.externalCallId", issues, {
    max: MAX_ID_LENGTH,
    required: true,
    nonEmpty: true,
  });
  const idProblem = externalCallId === undefined ? undefined : externalCallIdProblem(externalCallId);
  if (idProblem !== undefined) issues.push({ path: "call.externalCallId", message: idProblem });
  const direction = oneOf(value, "direction", "call.direction", ["OUTBOUND", "INBOUND"] as const, issues);
  const fromNumber = text(value, "fromNumber", "call.fromNumber", issues, { max: MAX_SHORT, required: true });
  const toNumber = text(value, "toNumber", "call.toNumber", issues, { max: MAX_SHORT, required: true });
  const startedAt = integer(value, "startedAt", "call.startedAt", issues, true);
  const answeredAt = integer(value, "answeredAt", "call.answeredAt", issues, false);
  const endedAt = integer(value, "endedAt", "call.endedAt", issues, true);
  const durationMs = integer(value, "durationMs", "call.durationMs", issues, true);
  const endStatus = oneOf(value, "endStatus", "call.endStatus", END_STATUSES, issues);
  const optionalIds = {
    engagementId: hubSpotId(value, "engagementId", "call.engagementId", issues),
    portalId: integer(value, "portalId", "call.portalId", issues, false),
    userId: integer(value, "userId", "call.userId", issues, false),
    ownerId: integer(value, "ownerId", "call.ownerId", issues, false),
  };
  let callee: CallRecord["callee"];
  if (value.callee !== undefined && value.callee !== null) {
    if (!isPlainObject(value.callee)) issues.push({ path: "call.callee", message: "must be an object" });
    else {
      const objectId = integer(value.callee, "objectId", "call.callee.objectId", issues, true);
      const objectTypeId = text(value.callee, "objectTypeId", "call.callee.objectTypeId", issues, {
        max: 32,
        required: true,
      });
      if (objectTypeId !== undefined && !OBJECT_TYPE_ID.test(objectTypeId)) {
        issues.push({ path: "call.callee.objectTypeId", message: 'must look like "0-1"' });
      } else if (objectId !== undefined && objectTypeId !== undefined) callee = { objectId, objectTypeId };
    }
  }
  const notes = text(value, "notes", "call.notes", issues, { max: MAX_TEXT });
  const outcome = text(value, "outcome", "call.outcome", issues, { max: MAX_SHORT });
  const title = text(value, "title", "call.title", issues, { max: MAX_SHORT });
  const recordingUrl = text(value, "recordingUrl", "call.recordingUrl", issues, { max: 2048 });
  if (recordingUrl !== undefined && !isHttpsUrl(recordingUrl)) {
    issues.push({ path: "call.recordingUrl", message: "must be an https:// URL" });
  }
  if (issues.length > count) return undefined;
  const call = {
    externalCallId,
    direction,
    fromNumber,
    toNumber,
    startedAt,
    answeredAt,
    endedAt,
    durationMs,
    endStatus,
    ...optionalIds,
    callee,
    notes,
    outcome,
    title,
    recordingUrl,
  } as CallRecord;
  for (const key of Object.keys(call) as (keyof CallRecord)[]) {
    if (call[key] === undefined) delete call[key];
  }
  return call;
}

function parseProperties(value: unknown, issues: Issues): EngagementProperties | undefined {
  if (!isPlainObject(value)) {
    issues.push({ path: "properties", message: "must be an object of strings" });
    return undefined;
  }
  const keys = Object.keys(value);
  if (keys.length > MAX_PROPERTIES) {
    issues.push({ path: "properties", message: `must have at most ${MAX_PROPERTIES} entries` });
    return undefined;
  }
  const properties: Record<string, string> = {};
  for (const key of keys) {
    const path = `properties.${key.slice(0, 100)}`;
    const item = value[key];
    const check = Object.hasOwn(VALUE_CHECKS, key) ? VALUE_CHECKS[key] : undefined;
    const problem = typeof item === "string" ? check?.(item) : undefined;
    if (!PROPERTY_NAME.test(key) || RESERVED_NAMES.has(key)) {
      issues.push({ path, message: "is not a HubSpot property name" });
    } else if (typeof item !== "string") issues.push({ path, message: "must be a string" });
    else if (item.length > MAX_TEXT) issues.push({ path, message: `must be at most ${MAX_TEXT} characters` });
    else if (problem !== undefined) issues.push({ path, message: problem });
    else properties[key] = item;
  }
  const url = properties.hs_call_recording_url;
  if (url !== undefined && !isHttpsUrl(url)) {
    issues.push({ path: "properties.hs_call_recording_url", message: "must be an https:// URL" });
  }
  return properties as EngagementProperties;
}

/**
 * Checks a value received as JSON against the relay wire format and returns a
 * fresh {@link RelayRecord} holding only known, validated fields. Unknown
 * fields are dropped. Throws `ValidationError` listing every problem.
 *
 * @example
 * ```ts
 * try {
 *   const record = parseRelayRecord(JSON.parse(body));
 * } catch (error) {
 *   if (error instanceof ValidationError) return Response.json({ errors: error.issues }, { status: 400 });
 * }
 * ```
 */
export function parseRelayRecord(value: unknown): RelayRecord {
  const issues: Issues = [];
  if (!isPlainObject(value)) throw new ValidationError("call record", [{ path: "", message: "must be a JSON object" }]);
  if (value.version !== RELAY_RECORD_VERSION) {
    issues.push({ path: "version", message: `must be ${RELAY_RECORD_VERSION}` });
  }
  const call = parseCall(value.call, issues);
  const engagementId = hubSpotId(value, "engagementId", "engagementId", issues);
  const properties = parseProperties(value.properties, issues);
  if (issues.length > 0 || !call || !properties) throw new ValidationError("call record", issues);
  const record: RelayRecord = { version: RELAY_RECORD_VERSION, call, properties };
  if (engagementId !== undefined) record.engagementId = engagementId;
  return record;
}
