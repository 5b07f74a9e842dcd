import type { EndCause } from "../providers/telephonyProvider";
import type { EndStatus } from "../sdk/messages";
import { type Effect, toEndStatus } from "./effect";
import { isSameRequest, toDialRequest } from "./dialRequest";
import type { MachineEvent } from "./machineEvent";
import type { CallSnapshot } from "./callSnapshot";
import type { DialRequest } from "./dialRequest";
import type { ErrorInfo } from "./errorInfo";
import { type CallingSnapshot, isCallActive, MAX_PENDING_CREATES } from "./snapshot";
import { emit, patch, refuse, type TransitionResult, warn, withCall } from "./update";

/** The events callTransition() answers. */
export type CallEvent = Extract<
  MachineEvent,
  {
    type:
      | "hostDialNumber"
      | "hostEndCall"
      | "dial"
      | "hangUp"
      | "answer"
      | "reject"
      | "mute"
      | "hold"
      | "transfer"
      | "providerIncoming"
      | "providerRinging"
      | "providerAnswered"
      | "providerEnded"
      | "providerFailed"
      | "providerRollback";
  }
>;

const digits = (value: string) => value.replace(/\D/g, "");

/** Starts a call: the new call in the snapshot, announced to HubSpot and to listeners. */
function start(
  s: CallingSnapshot,
  event: { callId: string; at: number; createEngagement: boolean },
  fields: Pick<CallSnapshot, "direction" | "status" | "toNumber" | "fromNumber" | "request">,
  dialRequest: DialRequest | null,
): TransitionResult {
  const { callId: id, at, createEngagement } = event;
  const { fromNumber, toNumber } = fields;
  const outbound = fields.direction === "OUTBOUND";
  const call: CallSnapshot = Object.freeze({
    id,
    ...fields,
    startedAt: at,
    createEngagement,
    answeredAt: null,
    endedAt: null,
    endStatus: null,
    error: null,
    endCause: null,
    muted: false,
    hasBeenOnHold: false,
    answering: false,
    engagement: Object.freeze({ status: createEngagement ? "creating" : "none", id: null, error: null, createError: null }),
    callerIdMatches: null,
    details: null,
  });
  // An outbound call leaves fromNumber out when the provider chooses it.
  const data = { externalCallId: id, ...(outbound && !fromNumber ? {} : { fromNumber }), toNumber, callStartTime: at, createEngagement };
  // HubSpot answers creates in the order they were sent: remember the order (bounded).
  const pendingCreates = createEngagement ? Object.freeze([...s.pendingCreates, id].slice(-MAX_PENDING_CREATES)) : s.pendingCreates;
  return [
    patch(s, { call, dialRequest, pendingCreates }),
    outbound
      ? [
          { type: "send", message: { type: "OUTGOING_CALL_STARTED", data } },
          { type: "provider", action: "dial", callId: id },
          emit({ type: "callStarted", callId: id }),
        ]
      : [{ type: "send", message: { type: "INCOMING_CALL", data } }, emit({ type: "incomingCall", callId: id })],
  ];
}

/** The call connected: `CALL_ANSWERED` to HubSpot, `callConnected` out. */
function connect(s: CallingSnapshot, call: CallSnapshot, at: number): TransitionResult {
  return [
    withCall(s, call, { status: "connected", answeredAt: at, answering: false }),
    [
      { type: "send", message: { type: "CALL_ANSWERED", data: { externalCallId: call.id } } },
      emit({ type: "callConnected", callId: call.id }),
    ],
  ];
}

/** Ends a live call: state `ended`, `CALL_ENDED` to HubSpot, `callEnded` out. */
export function end(
  s: CallingSnapshot,
  call: CallSnapshot,
  endStatus: EndStatus,
  at: number,
  error: ErrorInfo | null,
  first: Effect[] = [],
  cause: EndCause | null = null,
): TransitionResult {
  const { id, engagement } = call;
  return [
    withCall(s, call, { status: "ended", endedAt: at, endStatus, error, endCause: cause, answering: false }),
    [
      ...first,
      {
        type: "send",
        message: {
          type: "CALL_ENDED",
          data: { externalCallId: id, callEndStatus: endStatus, ...(engagement.id === null ? {} : { engagementId: engagement.id }) },
        },
      },
      emit({ type: "callEnded", callId: id, endStatus, error, cause }),
    ],
  ];
}

/** Hanging up from this side, by the user or at HubSpot's request. */
function hangUp(s: CallingSnapshot, call: CallSnapshot, at: number, first: Effect[] = []): TransitionResult {
  const incoming = call.status === "incoming";
  const live = call.status === "connected" || call.status === "onHold";
  return end(s, call, incoming ? "REJECTED" : live ? "COMPLETED" : "CANCELED", at, null, [
    ...first,
    { type: "provider", action: incoming ? "reject" : "hangUp", callId: call.id },
  ]);
}

/** Call rules: HubSpot's requests, user commands and provider reports. */
export function callTransition(s: CallingSnapshot, event: CallEvent): TransitionResult {
  const call = s.call;
  const state = call?.status ?? "idle";
  const active = call !== null && isCallActive(call);
  // Connected, or on hold: what mute, hold and transfer need.
  const live = call?.status === "connected" || call?.status === "onHold";
  // A previous call that is not completed yet keeps the line busy.
  const busy = call !== null && call.status !== "completed";
  const mine = call !== null && "callId" in event && event.callId === call.id;
  const unexpected = (what: string) => warn(s, "unexpectedProviderEvent", `${what} while ${state}`);

  switch (event.type) {
    case "hostDialNumber": {
      const request = toDialRequest(event.payload, event.at);
      if (isSameRequest(s.dialRequest, request) || isSameRequest(call?.request, request)) return [s, []];
      return [patch(s, { dialRequest: request }), [emit({ type: "dialRequested", request })]];
    }

    case "dial": {
      const { status } = s.session;
      if (status !== "loggedIn") return refuse(s, status, "log in first");
      if (busy) return refuse(s, state, active ? "a call is in progress" : "complete() the previous call first");
      const request = s.dialRequest;
      const toNumber = event.toNumber ?? request?.phoneNumber;
      if (!toNumber || !digits(toNumber)) {
        return refuse(s, "idle", "no number to dial: pass toNumber or wait for HubSpot's dialRequested");
      }
      const answers =
        request && (event.toNumber === undefined || digits(event.toNumber) === digits(request.phoneNumber));
      return start(
        s,
        event,
        { direction: "OUTBOUND", status: "dialing", toNumber, fromNumber: event.fromNumber ?? "", request: answers ? request : null },
        answers ? null : request,
      );
    }

    case "providerIncoming": {
      const loggedIn = s.session.status === "loggedIn";
      if (!loggedIn || busy) {
        const why = loggedIn ? "another call is not completed" : "not logged in";
        const [, warning] = warn(s, "incomingWhileBusy", `Declined an incoming call: ${why}`);
        return [s, [{ type: "provider", action: "reject", callId: event.callId }, ...warning]];
      }
      return start(
        s,
        event,
        { direction: "INBOUND", status: "incoming", toNumber: event.to, fromNumber: event.from, request: null },
        s.dialRequest,
      );
    }

    case "providerRinging":
      if (mine && call.status === "ringing") return [s, []];
      if (!mine || call.status !== "dialing") return unexpected("ringing");
      return [withCall(s, call, { status: "ringing" }), [emit({ type: "callRinging", callId: call.id })]];

    // The far end answered (outbound), or the provider confirmed answer() (inbound; the
    // client reports answer() resolving as this event too), or it was answered elsewhere.
    case "providerAnswered":
      if (mine && live) return [s, []];
      if (!mine || !active) return unexpected("answered");
      return connect(s, call, event.at);

    // Only the provider's confirmation connects the call: a caller who hangs up
    // while it is still answering has missed the call, and HubSpot must not
    // have been told it was answered.
    case "answer":
      if (call?.status !== "incoming") return refuse(s, state, "only an incoming call can be answered");
      if (call.answering) return refuse(s, state, "the call is already being answered");
      return [withCall(s, call, { answering: true }), [{ type: "provider", action: "answer", callId: call.id }]];

    case "providerEnded":
    case "providerFailed":
      if (!mine) return unexpected(event.type);
      if (!active) return [s, []]; // already ended from this side
      if (event.type === "providerFailed") return end(s, call, "FAILED", event.at, event.error, [], event.cause ?? null);
      return end(
        s,
        call,
        toEndStatus(event.reason, { inbound: call.direction === "INBOUND", answered: call.answeredAt !== null }),
        event.at,
        null,
        [],
        event.cause ?? null,
      );

    case "hangUp":
      if (!active) return refuse(s, state, "no call in progress");
      return hangUp(s, call, event.at);

    case "hostEndCall":
      if (!active) return warn(s, "unexpectedHostMessage", `END_CALL while ${state}`);
      return hangUp(s, call, event.at, [emit({ type: "endCallRequested", callId: call.id })]);

    case "reject":
      if (call?.status !== "incoming") return refuse(s, state, "only an incoming call can be rejected");
      return hangUp(s, call, event.at);

    case "mute":
    case "hold":
    case "transfer": {
      if (!live) return refuse(s, state, `${event.type} needs a connected call`);
      const { id } = call;
      if (event.type === "transfer") return [s, [{ type: "send", message: { type: "CALL_TRANSFERRED", data: { externalCallId: id } } }]];
      if (event.type === "mute") {
        return [withCall(s, call, { muted: event.muted }), [{ type: "provider", action: "mute", callId: id, muted: event.muted }]];
      }
      const status = event.held ? "onHold" : "connected";
      if (status === call.status) return [s, []];
      return [
        withCall(s, call, { status, hasBeenOnHold: call.hasBeenOnHold || event.held }),
        [{ type: "provider", action: "hold", callId: id, held: event.held }],
      ];
    }

    // Only the field the refused command touched (a command on the other may have succeeded meanwhile).
    case "providerRollback": {
      if (!mine || !live) return [s, []];
      const muted = event.muted ?? call.muted;
      const status = event.held === undefined ? call.status : event.held ? "onHold" : "connected";
      if (muted === call.muted && status === call.status) return [s, []];
      return [withCall(s, call, { muted, status }), []];
    }
  }
}
