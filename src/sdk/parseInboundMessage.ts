import type { InboundMessage } from "./messages";
import type { InboundMessageType } from "./messageTypes";
import { checkShape, dropInvalid, type Field, INVALID, isObject, isString, type Shape } from "./validate";

// HubSpot's error is documented as `{ message }`; a bare string is taken as the
// message, and an error of any other form is left out rather than losing the
// failure itself.
const failureError: Field = (value) =>
  isString(value) ? { message: value } : isObject(value) && (value.message === undefined || isString(value.message)) ? (value.message === undefined ? {} : { message: value.message }) : INVALID;
const failure: Shape = { "error?": dropInvalid(failureError), "externalCallId?": "s", "engagementId?": "id" };
const engagement: Shape = { engagementId: "id", "externalCallId?": "s" };
const finalized: Shape = { "engagementId?": "id", "externalCallId?": "s" };
const coordinates: Shape = { portalId: "id", objectId: "id", objectTypeId: "s" };
const MAX_MATCHES = 200;

// DIAL_NUMBER's optional fields. Real payloads differ from the documentation
// (SDK issues 216 and 228 carry `threadId: 0`, a number; HubSpot sends numbers
// as strings and strings as numbers): one odd field must not lose the user's
// click, so a field of the wrong kind is converted when that is lossless, and
// otherwise left out. Only the phone number is required.
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const text: Field = (value) => (isString(value) ? value : isNumber(value) ? String(value) : INVALID);
const number: Field = (value) => (isNumber(value) ? value : typeof value === "string" && /^\d{1,16}$/.test(value) ? Number(value) : INVALID);
const textOrNumber: Field = (value) => (isString(value) || isNumber(value) ? value : INVALID);
const id = dropInvalid("id");
// A blank phoneNumber would hide a good phone_number: left out too.
const phone: Field = (value) => (isString(value) && value.trim() !== "" ? value : INVALID);

function callerIdMatches(value: unknown, path: string, issues: string[]): unknown {
  if (!Array.isArray(value) || value.length > MAX_MATCHES) {
    issues.push(`${path}: expected an array of at most ${MAX_MATCHES} matches`);
    return INVALID;
  }
  return value.map((item: unknown, index) => {
    const type = isObject(item) ? item.callerIdType : undefined;
    if (type !== "CONTACT" && type !== "COMPANY") {
      issues.push(`${path}[${index}].callerIdType: expected CONTACT or COMPANY`);
      return {};
    }
    const names: Shape =
      type === "CONTACT" ? { "firstName?": "s", "lastName?": "s", "email?": "s" } : { "name?": "s" };
    return {
      /** Whether the match is a contact or a company. */
      callerIdType: type,
      ...checkShape({ objectCoordinates: coordinates, ...names }, item, `${path}[${index}]`, issues),
    };
  });
}

// Payload shapes by wire type; `null` means the message carries no data.
const SHAPES: Record<InboundMessageType, Shape | "rec" | null> = {
  // SYNC carries its fields at the top level of the message, not in `data`.
  SYNC: {
    "portalId?": "id",
    "userId?": "id",
    "ownerId?": "id",
    "engagementId?": "id",
    "iframeLocation?": "s",
    "usesCallingWindow?": "b",
    hostUrl: "s",
  },
  DIAL_NUMBER: {
    "phoneNumber?": phone,
    "phone_number?": phone,
    "ownerId?": id,
    "portalId?": id,
    "objectId?": id,
    "objectType?": text,
    "subjectId?": id,
    "countryCode?": text,
    "calleeInfo?": dropInvalid({ calleeId: "id", calleeObjectTypeId: "s" }),
    "startTimestamp?": number,
    "toPhoneNumberSrc?": text,
    "threadId?": textOrNumber,
  },
  ENGAGEMENT_CREATED: engagement,
  CREATE_ENGAGEMENT_SUCCEEDED: engagement,
  CREATE_ENGAGEMENT_FAILED: failure,
  // The writer knows which engagement it wrote: the id in the answer is optional.
  UPDATE_ENGAGEMENT_SUCCEEDED: finalized,
  UPDATE_ENGAGEMENT_FAILED: failure,
  FINALIZE_ENGAGEMENT_SUCCEEDED: finalized,
  FINALIZE_ENGAGEMENT_FAILED: failure,
  PUBLISH_TO_CHANNEL_SUCCEEDED: finalized,
  PUBLISH_TO_CHANNEL_FAILED: failure,
  CALLER_ID_MATCH_SUCCEEDED: { callerIdMatches, "externalCallId?": "s" },
  CALLER_ID_MATCH_FAILED: failure,
  END_CALL: null,
  VISIBILITY_CHANGED: { isMinimized: "b", isHidden: "b" },
  NAVIGATE_TO_RECORD_FAILED: { ...failure, "objectCoordinates?": coordinates },
  SET_WIDGET_URL_FAILED: failure,
  INITIATE_CALL_ID_SUCCEEDED: "rec",
  INITIATE_CALL_ID_FAILED: failure,
  SET_CALL_STATE: "rec",
  UNLOADING: null,
  ERROR: "rec",
};

/**
 * The result of {@link parseInboundMessage}.
 *
 * @example
 * ```ts
 * const parsed: ParsedInbound = parseInboundMessage(event.data);
 * if (!parsed.ok) console.warn(parsed.issues);
 * ```
 */
export type ParsedInbound =
  | {
      /** The message is usable. */
      ok: true;
      /** The message, holding only known fields. */
      message: InboundMessage;
    }
  | {
      /** The message is not usable. */
      ok: false;
      /** What was wrong, one entry per problem, with its path. */
      issues: string[];
    };

/**
 * Validates a raw `postMessage` payload from HubSpot's page. Never throws,
 * whatever the input (null, strings, proxies that throw, `__proto__` keys):
 * the result is either a typed message holding only known fields, or the
 * list of problems.
 *
 * @example
 * ```ts
 * const parsed = parseInboundMessage(event.data);
 * if (parsed.ok) handle(parsed.message);
 * else console.warn(parsed.issues);
 * ```
 */
export function parseInboundMessage(raw: unknown): ParsedInbound {
  const issues: string[] = [];
  try {
    if (!isObject(raw)) return { ok: false, issues: ["message: expected an object"] };
    const { type, messageId } = raw;
    if (typeof type !== "string" || !Object.prototype.hasOwnProperty.call(SHAPES, type)) {
      return {
        /** Whether the message is usable. */
        ok: false,
        /** What was wrong, one entry per problem. */
        issues: [`type: unknown message type ${JSON.stringify(String(type)).slice(0, 80)}`],
      };
    }
    // The SDK drops a message whose messageId is falsy without a word: refuse
    // "" and 0 here, where it can be reported.
    if (!(isString(messageId) || isNumber(messageId)) || !messageId) {
      issues.push("messageId: required, a non-empty string or a non-zero number");
    }
    const shape = SHAPES[type as InboundMessageType];
    // Undocumented payloads (SET_CALL_STATE, ERROR, ...): keep a shallow copy
    // of their primitive fields, or nothing when there is no object.
    const data: Record<string, unknown> | undefined =
      shape === "rec"
        ? ((checkShape({ "data?": "rec" }, raw, "message", issues).data ?? {}) as Record<string, unknown>)
        : shape
          ? checkShape(shape, type === "SYNC" ? raw : raw.data, type === "SYNC" ? "message" : "data", issues)
          : undefined;
    if (type === "DIAL_NUMBER" && data && !("phoneNumber" in data || "phone_number" in data)) {
      issues.push("data.phoneNumber: required, a non-blank string (or phone_number)");
    }
    if (type === "SYNC" && data) {
      data.iframeLocation ??= "widget";
      data.usesCallingWindow ??= false;
    }
    if (issues.length > 0) return { ok: false, issues };
    return { ok: true, message: { type, data } as InboundMessage };
  } catch (error) {
    return { ok: false, issues: [`message: unreadable (${String(error).slice(0, 120)})`] };
  }
}
