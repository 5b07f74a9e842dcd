import type { CallingEvents, CallingEventType } from "../client/callingEvents";
import type { CallRecord } from "../engagements/callRecord";
import type { CallingError } from "../errors/callingError";
import type { DialRequest } from "../machine/dialRequest";
import { END_STATUSES } from "../sdk/messageTypes";
import type { CallerIdMatch, EndStatus, HubSpotId } from "../sdk/messages";
import { parseInboundMessage } from "../sdk/parseInboundMessage";
import { checkShape, isObject, isString, type Shape, toId } from "../sdk/validate";
import { checkDialRequest } from "./snapshotShape";
import { fromWireError, toWireError } from "./wireError";

/**
 * Which events the owner relays to its mirrors, and which every instance
 * has of its own: its handshake (`ready`), its iframe's visibility, what its
 * own transport heard or dropped, its own warnings and role. Checked against
 * `CallingEvents` at compile time, so a new event cannot be forgotten here.
 * @internal
 */
export const EVENT_ROUTES = {
  ready: "local",
  visibilityChanged: "local",
  hostMessage: "local",
  protocolError: "local",
  securityWarning: "local",
  warning: "local",
  surfaceChanged: "local",
  dialRequested: "relayed",
  callStarted: "relayed",
  incomingCall: "relayed",
  callRinging: "relayed",
  callConnected: "relayed",
  callEnded: "relayed",
  endCallRequested: "relayed",
  callCompleted: "relayed",
  callDiscarded: "relayed",
  engagementCreated: "relayed",
  engagementCreateFailed: "relayed",
  engagementWritten: "relayed",
  engagementWriteFailed: "relayed",
  callerIdMatched: "relayed",
  hostError: "relayed",
} as const satisfies Record<CallingEventType, "local" | "relayed">;

/** The events the owner relays. @internal */
export type RelayedEventType = {
  [K in CallingEventType]: (typeof EVENT_ROUTES)[K] extends "relayed" ? K : never;
}[CallingEventType];

/** The relayed event types, as a list. @internal */
export const RELAYED_EVENTS = /* @__PURE__ */ (Object.keys(EVENT_ROUTES) as CallingEventType[]).filter(
  (type): type is RelayedEventType => EVENT_ROUTES[type] === "relayed",
);

/** A relayed event as plain data: the call by its id, errors as JSON. @internal */
export interface WireEvent {
  type: RelayedEventType;
  callId?: string;
  data: Record<string, unknown>;
}

/** An event's payload with handles and errors in it, as sent to mirrors. @internal */
export function toWireEvent<K extends RelayedEventType>(type: K, payload: CallingEvents[K]): WireEvent {
  const { call, error, ...rest } = payload as Record<string, unknown> & { call?: { id?: unknown }; error?: unknown };
  const data: Record<string, unknown> = { ...rest };
  if (error !== undefined) data.error = error === null ? null : toWireError(error);
  // engagementWritten / engagementWriteFailed carry the call record (plain data), not a handle.
  if (type === "engagementWritten" || type === "engagementWriteFailed") return { type, data: { ...data, record: call } };
  return { type, callId: String(call?.id ?? ""), data };
}

const CALL_RECORD: Shape = {
  externalCallId: "s",
  direction: "s",
  fromNumber: "s",
  toNumber: "s",
  startedAt: "n",
  "answeredAt?": "n",
  endedAt: "n",
  durationMs: "n",
  endStatus: "s",
  "engagementId?": "id",
  "portalId?": "id",
  "userId?": "id",
  "ownerId?": "id",
  "callee?": { objectId: "id", objectTypeId: "s" },
  "notes?": "text",
  "outcome?": "s",
  "title?": "s",
  "recordingUrl?": "s",
};

/** Checks a relayed event from the channel; `undefined` with the problems in `issues`. @internal */
export function parseWireEvent(value: unknown, issues: string[]): WireEvent | undefined {
  if (!isObject(value) || !isObject(value.data) || !(RELAYED_EVENTS as readonly unknown[]).includes(value.type)) {
    issues.push("event: expected a relayed event type and data");
    return undefined;
  }
  const type = value.type as RelayedEventType;
  const data = value.data;
  const out: Record<string, unknown> = {};
  const before = issues.length;
  if ("error" in data) out.error = data.error === null ? null : fromWireError(data.error, "event.error", issues);
  switch (type) {
    case "dialRequested":
      out.request = checkDialRequest(data.request, "event.request", issues);
      break;
    case "callEnded":
      if (!(END_STATUSES as readonly unknown[]).includes(data.endStatus)) issues.push("event.endStatus: unknown");
      out.endStatus = data.endStatus;
      break;
    case "engagementCreated":
      out.engagementId = toId(data.engagementId);
      if (out.engagementId === undefined) issues.push("event.engagementId: expected an id");
      break;
    case "engagementWritten":
    case "engagementWriteFailed":
      out.record = checkShape(CALL_RECORD, data.record, "event.record", issues);
      if (data.engagementId !== undefined) out.engagementId = toId(data.engagementId);
      out.attempt = typeof data.attempt === "number" ? data.attempt : (issues.push("event.attempt: expected a number"), 0);
      if (type === "engagementWriteFailed") out.willRetry = data.willRetry === true;
      break;
    case "callerIdMatched": {
      const parsed = parseInboundMessage({ type: "CALLER_ID_MATCH_SUCCEEDED", messageId: "surface", data: { callerIdMatches: data.matches } });
      if (!parsed.ok) issues.push(...parsed.issues);
      else out.matches = Object.freeze((parsed.message.data as { callerIdMatches: CallerIdMatch[] }).callerIdMatches);
      break;
    }
    default:
      break;
  }
  const callId = value.callId;
  const needsCall = type !== "dialRequested" && type !== "hostError" && type !== "engagementWritten" && type !== "engagementWriteFailed";
  if (needsCall && !(isString(callId, 128) && callId !== "")) issues.push("event.callId: expected a call id");
  if (issues.length > before) return undefined;
  return needsCall ? { type, callId: callId as string, data: out } : { type, data: out };
}

/** The parts of a relayed event's payload other than its call handle. @internal */
export type WireEventData = {
  request?: DialRequest;
  endStatus?: EndStatus;
  error?: CallingError | null;
  engagementId?: HubSpotId;
  record?: CallRecord;
  attempt?: number;
  willRetry?: boolean;
  matches?: readonly CallerIdMatch[];
};
