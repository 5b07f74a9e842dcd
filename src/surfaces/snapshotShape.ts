import { CALL_STATES, type CallSnapshot } from "../machine/callSnapshot";
import type { DialRequest } from "../machine/dialRequest";
import { ENGAGEMENT_STATES } from "../machine/engagementSnapshot";
import type { ErrorInfo } from "../machine/errorInfo";
import { SESSION_STATES } from "../machine/sessionSnapshot";
import type { CallingSnapshot } from "../machine/snapshot";
import { END_STATUSES } from "../sdk/messageTypes";
import type { DialNumberPayload, HostContext } from "../sdk/messages";
import { parseInboundMessage } from "../sdk/parseInboundMessage";
import { checkShape, type Field, INVALID, isObject, isString, type Shape } from "../sdk/validate";

// A snapshot that crossed a channel or came out of storage is outside input
// like any message from HubSpot: rebuilt field by field from these shapes,
// frozen, never trusted as it came. HubSpot's own parts (the SYNC context,
// DIAL_NUMBER's payload, caller-ID matches) are checked by HubSpot's parser.

const oneOf =
  (values: readonly string[]): Field =>
  (value, path, issues) =>
    typeof value === "string" && values.includes(value) ? value : (issues.push(`${path}: expected one of ${values.join(", ")}`), INVALID);

const arrayOf =
  (kind: (value: unknown) => unknown, max: number, what: string): Field =>
  (value, path, issues) => {
    const items = Array.isArray(value) && value.length <= max ? value.map(kind) : [INVALID];
    if (items.includes(INVALID)) {
      issues.push(`${path}: expected at most ${max} ${what}`);
      return INVALID;
    }
    return Object.freeze(items);
  };

/** A field checked by HubSpot's own parser for the message `type` (the payload at `data`). */
const asHubSpot =
  (type: "SYNC" | "DIAL_NUMBER" | "CALLER_ID_MATCH_SUCCEEDED", wrap: (value: unknown) => Record<string, unknown>): Field =>
  (value, path, issues) => {
    if (!isObject(value) && !Array.isArray(value)) return issues.push(`${path}: expected an object`), INVALID;
    const parsed = parseInboundMessage({ ...wrap(value), type, messageId: "surface" });
    if (!parsed.ok) {
      issues.push(...parsed.issues.map((issue) => `${path}: ${issue}`));
      return INVALID;
    }
    return parsed.message.data;
  };

const id = (value: unknown) => (isString(value, 64) && value !== "" ? value : INVALID);
const hubSpotId = (value: unknown) => (typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : INVALID);
const ERROR_INFO: Shape = { code: "s", message: "text" };
const DIAL_REQUEST: Shape = {
  phoneNumber: "s",
  "callee?": { objectId: "id", objectTypeId: "s" },
  receivedAt: "n",
  key: "s",
  payload: /* @__PURE__ */ asHubSpot("DIAL_NUMBER", (data) => ({ data })),
};
const DETAILS: Shape = {
  "notes?": "text",
  "outcome?": "s",
  "title?": "s",
  "recordingUrl?": "s",
  "properties?": "strs",
  "hideWidget?": "b",
};
const CALL: Shape = {
  id,
  direction: /* @__PURE__ */ oneOf(["OUTBOUND", "INBOUND"]),
  status: /* @__PURE__ */ oneOf(CALL_STATES),
  toNumber: "s",
  fromNumber: "s",
  "request?": DIAL_REQUEST,
  startedAt: "n",
  answering: "b",
  "answeredAt?": "n",
  "endedAt?": "n",
  "endStatus?": /* @__PURE__ */ oneOf(END_STATUSES),
  "error?": ERROR_INFO,
  muted: "b",
  hasBeenOnHold: "b",
  createEngagement: "b",
  engagement: {
    status: /* @__PURE__ */ oneOf(ENGAGEMENT_STATES),
    "id?": "id",
    "error?": ERROR_INFO,
    "createError?": ERROR_INFO,
  },
  "callerIdMatches?": /* @__PURE__ */ asHubSpot("CALLER_ID_MATCH_SUCCEEDED", (callerIdMatches) => ({ data: { callerIdMatches } })),
  "details?": DETAILS,
};
const SNAPSHOT: Shape = {
  session: {
    status: /* @__PURE__ */ oneOf(SESSION_STATES),
    available: "b",
    "host?": /* @__PURE__ */ asHubSpot("SYNC", (host) => host as Record<string, unknown>),
    visibility: { isMinimized: "b", isHidden: "b" },
  },
  "dialRequest?": DIAL_REQUEST,
  "call?": CALL,
  pendingCreates: /* @__PURE__ */ arrayOf(id, 20, "call ids"),
  recentEngagementIds: /* @__PURE__ */ arrayOf(hubSpotId, 20, "engagement ids"),
};

const freeze = <T>(value: T): T => Object.freeze(value);
const errorInfo = (value: unknown): ErrorInfo | null => (value ? freeze(value as ErrorInfo) : null);

function dialRequest(value: unknown): DialRequest | null {
  if (!value) return null;
  const request = value as Record<string, unknown>;
  return freeze({
    ...(request as unknown as DialRequest),
    callee: request.callee ? freeze(request.callee as NonNullable<DialRequest["callee"]>) : null,
    payload: freeze(request.payload as DialNumberPayload),
  });
}

function call(value: unknown): CallSnapshot | null {
  if (!value) return null;
  const c = value as Record<string, unknown>;
  const engagement = c.engagement as Record<string, unknown>;
  return freeze({
    ...(c as unknown as CallSnapshot),
    request: dialRequest(c.request),
    answeredAt: (c.answeredAt as number | undefined) ?? null,
    endedAt: (c.endedAt as number | undefined) ?? null,
    endStatus: (c.endStatus as CallSnapshot["endStatus"] | undefined) ?? null,
    error: errorInfo(c.error),
    engagement: freeze({
      status: engagement.status as CallSnapshot["engagement"]["status"],
      id: (engagement.id as number | undefined) ?? null,
      error: errorInfo(engagement.error),
      createError: errorInfo(engagement.createError),
    }),
    callerIdMatches: c.callerIdMatches ? freeze((c.callerIdMatches as { callerIdMatches: never[] }).callerIdMatches) : null,
    details: c.details ? freeze(c.details as CallSnapshot["details"]) : null,
  });
}

/** Checks HubSpot's dial request as another surface sent it; `undefined` with the problems in `issues`. @internal */
export function checkDialRequest(value: unknown, path: string, issues: string[]): DialRequest | undefined {
  const before = issues.length;
  const checked = checkShape(DIAL_REQUEST, value, path, issues);
  return issues.length > before ? undefined : (dialRequest(checked) ?? undefined);
}

/**
 * Rebuilds a {@link CallingSnapshot} from outside input (another surface's
 * message, storage): the snapshot, frozen, or the list of problems. The
 * `surface` part is never taken: every instance has its own.
 * @internal
 */
export function parseSnapshot(value: unknown): { ok: true; snapshot: CallingSnapshot } | { ok: false; issues: string[] } {
  const issues: string[] = [];
  try {
    const checked = checkShape(SNAPSHOT, value, "snapshot", issues);
    if (issues.length > 0) return { ok: false, issues };
    const session = checked.session as Record<string, unknown>;
    return {
      ok: true,
      snapshot: freeze({
        session: freeze({
          status: session.status as CallingSnapshot["session"]["status"],
          available: session.available as boolean,
          host: session.host ? freeze(session.host as HostContext) : null,
          visibility: freeze(session.visibility as CallingSnapshot["session"]["visibility"]),
        }),
        dialRequest: dialRequest(checked.dialRequest),
        call: call(checked.call),
        pendingCreates: checked.pendingCreates as readonly string[],
        recentEngagementIds: checked.recentEngagementIds as readonly number[],
        surface: freeze({ role: "mirror" as const, ownerPresent: false }),
      }),
    };
  } catch (error) {
    return { ok: false, issues: [`snapshot: unreadable (${String(error).slice(0, 120)})`] };
  }
}
