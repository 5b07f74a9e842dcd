// How HubSpot reacts to each message a widget may send: what it checks, what
// it answers, what it shows and what it does to the widget's iframe. One
// table, read by the memory transport and by the host simulator (through
// createReplyDesk), so both simulated HubSpots behave the same way.
import type { EngagementProperties, HubSpotId, InboundPayloads, ObjectCoordinates, WidgetSize } from "../sdk/messages";
import { END_STATUSES, type InboundMessageType, type OutboundMessageType } from "../sdk/messageTypes";
import { checkShape, type Field, INVALID, isObject, type Shape } from "../sdk/validate";
import type { HostNotice } from "./hostNotice";
import type { AutoReplyMode, HostReplies } from "./hostReplies";

/** @internal A message the simulated HubSpot sends in reply. */
export type Reply = { [K in InboundMessageType]: { type: K; data: InboundPayloads[K] } }[InboundMessageType];

/** @internal What HubSpot does about one widget message. */
export interface HostReaction {
  /** Why HubSpot would refuse (part of) the message; empty when it is well-formed. */
  issues: string[];
  /** The answers, in order. */
  replies: Reply[];
  /** What HubSpot shows its user. */
  notice?: HostNotice;
  /** The widget's iframe takes this size. */
  resize?: WidgetSize;
  /** The widget's iframe moves to this address. */
  widgetUrl?: string;
}

/** @internal The simulated HubSpot's state the reactions read and change. */
export interface HostState {
  readonly replies: HostReplies;
  readonly engagements: Map<HubSpotId, EngagementProperties>;
  /** Hands out the next engagement id. */
  newEngagementId(): HubSpotId;
}

type Data = Record<string, unknown>;
type Outcome = Omit<HostReaction, "issues">;
interface Rule {
  /** The payload's shape; `undefined`: the message carries none; `"any"`: not checked (undocumented). */
  shape?: Shape | "any";
  /** The payload may be left out (all its fields are optional). */
  optional?: true;
  /** What HubSpot does, given the fields that passed the check and the issues found. */
  react?: (data: Data, state: HostState, issues: readonly string[]) => Outcome;
}

/** HubSpot's error message for a malformed message. */
const malformed = (type: string, issues: readonly string[]) => `${type} is malformed: ${issues.join("; ")}`;
/** The error of a `*_FAILED` answer: the one asked for, or the message's own problems; undefined: it succeeds. */
const failed = (mode: AutoReplyMode, type: string, issues: readonly string[]): string | undefined =>
  typeof mode === "object" ? mode.fail : issues.length > 0 ? malformed(type, issues) : undefined;

const oneOf =
  (values: readonly string[]): Field =>
  (value, path, issues) => {
    if (typeof value === "string" && values.includes(value)) return value;
    issues.push(`${path}: expected one of ${values.join(", ")}`);
    return INVALID;
  };
// A web address the iframe can load.
const pageUrl: Field = (value, path, issues) => {
  try {
    const url = new URL(String(value));
    if (typeof value === "string" && (url.protocol === "https:" || url.protocol === "http:")) return url.href;
  } catch {
    // reported below
  }
  issues.push(`${path}: expected an http(s) URL`);
  return INVALID;
};
// HubSpot's CRM takes every property as a string; hs_timestamp may be a number (SDK types).
const properties: Field = (value, path, issues) => {
  if (isObject(value) && Object.values(value).every((item) => typeof item === "string" || typeof item === "number")) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
  }
  issues.push(`${path}: expected an object of strings`);
  return INVALID;
};
const size: Shape = { width: "size", height: "size" };
const callId: Shape = { externalCallId: "s" };
const coordinates: Shape = { portalId: "id", objectId: "id", objectTypeId: "s" };

/** An engagement id the widget named; `0` (what widgets send before they have one) is none. */
const engagementIdOf = (data: Data): HubSpotId | undefined => (data.engagementId as HubSpotId | undefined) || undefined;

function callStarted(data: Data, state: HostState, issues: readonly string[], incoming: boolean): Outcome {
  const type = incoming ? "INCOMING_CALL" : "OUTGOING_CALL_STARTED";
  const replies: Reply[] = [];
  const externalCallId = data.externalCallId as string | undefined;
  const mode = state.replies.engagement;
  if (data.createEngagement === true && mode !== false) {
    // An engagement for a call HubSpot cannot identify is not created.
    const error = failed(mode, type, issues);
    if (error !== undefined) replies.push({ type: "CREATE_ENGAGEMENT_FAILED", data: { error: { message: error } } });
    else {
      const engagementId = state.newEngagementId();
      state.engagements.set(engagementId, {});
      replies.push({ type: "CREATE_ENGAGEMENT_SUCCEEDED", data: { engagementId } });
    }
  }
  const callerId = state.replies.callerId;
  if (incoming && callerId !== false) {
    const about = externalCallId === undefined ? {} : { externalCallId };
    // A caller HubSpot cannot read (no fromNumber) is not matched.
    const error = "fail" in callerId ? callerId.fail : issues.length > 0 ? malformed(type, issues) : undefined;
    if (error !== undefined) replies.push({ type: "CALLER_ID_MATCH_FAILED", data: { error: { message: error }, ...about } });
    else if (!("fail" in callerId)) {
      replies.push({ type: "CALLER_ID_MATCH_SUCCEEDED", data: { callerIdMatches: structuredClone([...callerId]), ...about } });
    }
  }
  return { replies };
}

function finalize(data: Data, state: HostState, issues: readonly string[], twin: "FINALIZE_ENGAGEMENT" | "PUBLISH_TO_CHANNEL"): Outcome {
  const mode = state.replies.finalize;
  if (mode === false) return { replies: [] };
  const engagementId = engagementIdOf(data);
  const externalCallId = data.externalCallId as string | undefined;
  const about = { ...(engagementId === undefined ? {} : { engagementId }), ...(externalCallId === undefined ? {} : { externalCallId }) };
  const error = failed(mode, twin, engagementId === undefined ? issues : []);
  return {
    replies: [
      error !== undefined
        ? { type: `${twin}_FAILED`, data: { error: { message: error }, ...about } }
        : { type: `${twin}_SUCCEEDED`, data: about },
    ],
  };
}

/** @internal The table: how HubSpot reacts to each message type a widget sends. */
export const HUBSPOT_REACTIONS: Record<OutboundMessageType, Rule> = {
  // Recorded by the simulators during the handshake, never through this table.
  SYNC_ACK: { shape: "any", optional: true },
  INITIALIZED: {
    shape: { "isLoggedIn?": "b", "isAvailable?": "b", "engagementId?": "id", "sizeInfo?": size },
    optional: true,
    react: (data) => ({ replies: [], ...(data.sizeInfo ? { resize: data.sizeInfo as WidgetSize } : {}) }),
  },
  LOGGED_IN: {},
  LOGGED_OUT: {},
  USER_AVAILABLE: {},
  USER_UNAVAILABLE: {},
  OUTGOING_CALL_STARTED: {
    shape: { ...callId, "fromNumber?": "s", "toNumber?": "s", "callStartTime?": "n", "createEngagement?": "b" },
    react: (data, state, issues) => callStarted(data, state, issues, false),
  },
  INCOMING_CALL: {
    shape: { ...callId, fromNumber: "s", toNumber: "s", "callStartTime?": "n", "createEngagement?": "b" },
    react: (data, state, issues) => callStarted(data, state, issues, true),
  },
  CALL_ANSWERED: { shape: callId },
  CALL_TRANSFERRED: {
    shape: callId,
    react: (data) => ({
      replies: [],
      ...(typeof data.externalCallId === "string" ? { notice: { kind: "callTransferred", externalCallId: data.externalCallId } } : {}),
    }),
  },
  CALL_ENDED: { shape: { ...callId, "engagementId?": "id", "callEndStatus?": oneOf(END_STATUSES) } },
  CALL_COMPLETED: {
    shape: { ...callId, "engagementId?": "id", "hideWidget?": "b", "engagementProperties?": properties },
    react(data, state, issues) {
      const mode = state.replies.update;
      const written = data.engagementProperties as EngagementProperties | undefined;
      // Nothing to write (no properties, or none HubSpot could read): no answer.
      if (!written || mode === false) {
        const unreadable = issues.some((issue) => issue.startsWith("data.engagementProperties"));
        return { replies: unreadable && mode !== false ? [{ type: "UPDATE_ENGAGEMENT_FAILED", data: { error: { message: malformed("CALL_COMPLETED", issues) } } }] : [] };
      }
      if (typeof mode === "object") return { replies: [{ type: "UPDATE_ENGAGEMENT_FAILED", data: { error: { message: mode.fail } } }] };
      const engagementId = engagementIdOf(data) ?? state.newEngagementId();
      state.engagements.set(engagementId, { ...state.engagements.get(engagementId), ...written });
      return { replies: [{ type: "UPDATE_ENGAGEMENT_SUCCEEDED", data: { engagementId } }] };
    },
  },
  CALL_DATA: { shape: "any", optional: true },
  FINALIZE_ENGAGEMENT: {
    shape: { ...callId, engagementId: "id" },
    react: (data, state, issues) => finalize(data, state, issues, "FINALIZE_ENGAGEMENT"),
  },
  PUBLISH_TO_CHANNEL: {
    shape: { ...callId, engagementId: "id" },
    react: (data, state, issues) => finalize(data, state, issues, "PUBLISH_TO_CHANNEL"),
  },
  NAVIGATE_TO_RECORD: {
    shape: { objectCoordinates: coordinates, "engagementId?": "id", "openIn?": oneOf(["CURRENT_TAB", "NEW_TAB"]) },
    react(data, _state, issues) {
      const engagementId = engagementIdOf(data);
      if (issues.some((issue) => issue.startsWith("data.objectCoordinates") || issue === "data: missing")) {
        return {
          replies: [{ type: "NAVIGATE_TO_RECORD_FAILED", data: { error: { message: malformed("NAVIGATE_TO_RECORD", issues) }, ...(engagementId === undefined ? {} : { engagementId }) } }],
        };
      }
      return {
        replies: [],
        notice: {
          kind: "navigateToRecord",
          objectCoordinates: data.objectCoordinates as ObjectCoordinates,
          openIn: (data.openIn as "CURRENT_TAB" | "NEW_TAB" | undefined) ?? "CURRENT_TAB",
          ...(engagementId === undefined ? {} : { engagementId }),
        },
      };
    },
  },
  ERROR: {
    shape: { message: "s" },
    react: (data) => ({ replies: [], ...(typeof data.message === "string" ? { notice: { kind: "error", message: data.message } } : {}) }),
  },
  RESIZE_WIDGET: {
    shape: size,
    react: (data) => ({ replies: [], ...(data.width && data.height ? { resize: { width: data.width as number, height: data.height as number } } : {}) }),
  },
  SET_WIDGET_URL: {
    shape: { iFrameUrl: pageUrl },
    react(data, state, issues) {
      const mode = state.replies.widgetUrl;
      if (mode === false) return { replies: [] };
      const error = failed(mode, "SET_WIDGET_URL", issues);
      if (error !== undefined) return { replies: [{ type: "SET_WIDGET_URL_FAILED", data: { error: { message: error } } }] };
      return { replies: [], widgetUrl: data.iFrameUrl as string };
    },
  },
};

/** @internal How HubSpot reacts to one message: its table entry, applied to `type` and `data` as sent. */
export function reactTo(type: string, data: unknown, state: HostState): HostReaction {
  const rule = (HUBSPOT_REACTIONS as Record<string, Rule | undefined>)[type];
  if (!rule) return { issues: [`type: HubSpot does not know the message type ${JSON.stringify(type).slice(0, 100)}`], replies: [] };
  const issues: string[] = [];
  let checked: Data = {};
  if (rule.shape === undefined) {
    // No payload to read; one sent anyway is ignored, as HubSpot does.
  } else if (rule.shape === "any") {
    checked = isObject(data) ? data : {};
  } else if (data === undefined || data === null) {
    if (!rule.optional) issues.push("data: missing");
  } else {
    checked = checkShape(rule.shape, data, "data", issues);
  }
  return { issues, ...(rule.react ? rule.react(checked, state, issues) : { replies: [] }) };
}
