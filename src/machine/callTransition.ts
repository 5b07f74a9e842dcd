import type { EndStatus } from "../sdk/messages";
import { type Effect, toEndStatus } from "./effect";
import { isSameRequest, toDialRequest } from "./dialRequest";
import type { MachineEvent } from "./machineEvent";
import { type CallSnapshot, type CallingSnapshot, type ErrorInfo, isCallActive } from "./snapshot";
import { emit, patch, refuse, type TransitionResult, warn, withCall } from "./update";

type CallEvent = Extract<
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

function newCall(fields: Pick<CallSnapshot, "id" | "direction" | "status" | "toNumber" | "fromNumber" | "request" | "startedAt" | "createEngagement">): CallSnapshot {
  return Object.freeze({
    ...fields,
    answeredAt: null,
    endedAt: null,
    endStatus: null,
    error: null,
    muted: false,
    engagement: Object.freeze({
      status: fields.createEngagement ? ("creating" as const) : ("none" as const),
      id: null,
      error: null,
    }),
    callerIdMatches: null,
    details: null,
  });
}

/** Ends a live call: state `ended`, `CALL_ENDED` to HubSpot, `callEnded` out. */
function end(
  s: CallingSnapshot,
  call: CallSnapshot,
  endStatus: EndStatus,
  at: number,
  error: ErrorInfo | null,
  first: Effect[] = [],
): TransitionResult {
  const engagementId = call.engagement.id;
  return [
    withCall(s, call, { status: "ended", endedAt: at, endStatus, error }),
    [
      ...first,
      {
        type: "send",
        message: {
          type: "CALL_ENDED",
          data: {
            externalCallId: call.id,
            callEndStatus: endStatus,
            ...(engagementId === null ? {} : { engagementId }),
          },
        },
      },
      emit({ type: "callEnded", callId: call.id, endStatus, error }),
    ],
  ];
}

/** Hanging up from this side, by the user or at HubSpot's request. */
function hangUp(s: CallingSnapshot, call: CallSnapshot, at: number, first: Effect[] = []): TransitionResult {
  if (call.status === "incoming") {
    return end(s, call, "REJECTED", at, null, [...first, { type: "provider", action: "reject", callId: call.id }]);
  }
  const live = call.status === "connected" || call.status === "onHold";
  return end(s, call, live ? "COMPLETED" : "CANCELED", at, null, [
    ...first,
    { type: "provider", action: "hangUp", callId: call.id },
  ]);
}

/** Call rules: HubSpot's requests, user commands and provider reports. */
export function callTransition(s: CallingSnapshot, event: CallEvent): TransitionResult {
  const call = s.call;
  const active = isCallActive(call);
  const mine = call !== null && "callId" in event && event.callId === call.id;

  switch (event.type) {
    case "hostDialNumber": {
      const request = toDialRequest(event.payload, event.at);
      if (isSameRequest(s.dialRequest, request) || isSameRequest(call?.request, request)) return [s, []];
      return [patch(s, { dialRequest: request }), [emit({ type: "dialRequested", request })]];
    }

    case "dial": {
      const { status } = s.session;
      if (status !== "loggedIn") return refuse(s, status, "log in first");
      if (call && call.status !== "completed") {
        return refuse(s, call.status, active ? "a call is in progress" : "complete() the previous call first");
      }
      const request = s.dialRequest;
      const toNumber = event.toNumber ?? request?.phoneNumber;
      if (!toNumber || !digits(toNumber)) {
        return refuse(s, "idle", "no number to dial: pass toNumber or wait for HubSpot's dialRequested");
      }
      const answers =
        request && (event.toNumber === undefined || digits(event.toNumber) === digits(request.phoneNumber));
      const fromNumber = event.fromNumber ?? "";
      const next = newCall({
        id: event.callId,
        direction: "OUTBOUND",
        status: "dialing",
        toNumber,
        fromNumber,
        request: answers ? request : null,
        startedAt: event.at,
        createEngagement: event.createEngagement,
      });
      return [
        patch(s, { call: next, dialRequest: answers ? null : request }),
        [
          {
            type: "send",
            message: {
              type: "OUTGOING_CALL_STARTED",
              data: {
                externalCallId: next.id,
                ...(fromNumber ? { fromNumber } : {}),
                toNumber,
                callStartTime: event.at,
                createEngagement: event.createEngagement,
              },
            },
          },
          { type: "provider", action: "dial", callId: next.id },
          emit({ type: "callStarted", callId: next.id }),
        ],
      ];
    }

    case "providerIncoming": {
      if (s.session.status !== "loggedIn" || (call && call.status !== "completed")) {
        const [, effects] = warn(
          s,
          "incomingWhileBusy",
          s.session.status === "loggedIn" ? "Declined an incoming call: another call is not completed" : "Declined an incoming call: not logged in",
        );
        return [s, [{ type: "provider", action: "reject", callId: event.callId }, ...effects]];
      }
      const next = newCall({
        id: event.callId,
        direction: "INBOUND",
        status: "incoming",
        toNumber: event.to,
        fromNumber: event.from,
        request: null,
        startedAt: event.at,
        createEngagement: event.createEngagement,
      });
      return [
        patch(s, { call: next }),
        [
          {
            type: "send",
            message: {
              type: "INCOMING_CALL",
              data: {
                externalCallId: next.id,
                fromNumber: event.from,
                toNumber: event.to,
                callStartTime: event.at,
                createEngagement: event.createEngagement,
              },
            },
          },
          emit({ type: "incomingCall", callId: next.id }),
        ],
      ];
    }

    case "providerRinging":
      if (mine && call.status === "ringing") return [s, []];
      if (!mine || call.status !== "dialing") return warn(s, "unexpectedProviderEvent", `ringing while ${call?.status ?? "idle"}`);
      return [withCall(s, call, { status: "ringing" }), [emit({ type: "callRinging", callId: call.id })]];

    case "providerAnswered":
    case "answer": {
      const isCommand = event.type === "answer";
      const target = isCommand || mine ? call : null;
      if (target && !isCommand && (target.status === "connected" || target.status === "onHold")) return [s, []];
      const can = target && (isCommand ? target.status === "incoming" : ["dialing", "ringing", "incoming"].includes(target.status));
      if (!target || !can) {
        return isCommand
          ? refuse(s, call?.status ?? "idle", "only an incoming call can be answered")
          : warn(s, "unexpectedProviderEvent", `answered while ${call?.status ?? "idle"}`);
      }
      return [
        withCall(s, target, { status: "connected", answeredAt: event.at }),
        [
          ...(isCommand ? [{ type: "provider", action: "answer", callId: target.id } as const] : []),
          { type: "send", message: { type: "CALL_ANSWERED", data: { externalCallId: target.id } } },
          emit({ type: "callConnected", callId: target.id }),
        ],
      ];
    }

    case "providerEnded":
    case "providerFailed": {
      if (mine && !active) return [s, []]; // already ended from this side
      if (!mine || !active) return warn(s, "unexpectedProviderEvent", `${event.type} while ${call?.status ?? "idle"}`);
      if (event.type === "providerFailed") return end(s, call, "FAILED", event.at, event.error);
      const endStatus = toEndStatus(event.reason, {
        inbound: call.direction === "INBOUND",
        answered: call.answeredAt !== null,
      });
      return end(s, call, endStatus, event.at, null);
    }

    case "hangUp":
      if (!call || !active) return refuse(s, call?.status ?? "idle", "no call in progress");
      return hangUp(s, call, event.at);

    case "hostEndCall":
      if (!call || !active) return warn(s, "unexpectedHostMessage", `END_CALL while ${call?.status ?? "idle"}`);
      return hangUp(s, call, event.at, [emit({ type: "endCallRequested", callId: call.id })]);

    case "reject":
      if (call?.status !== "incoming") return refuse(s, call?.status ?? "idle", "only an incoming call can be rejected");
      return hangUp(s, call, event.at);

    case "mute":
      if (call?.status !== "connected" && call?.status !== "onHold") {
        return refuse(s, call?.status ?? "idle", "mute needs a connected call");
      }
      return [
        withCall(s, call, { muted: event.muted }),
        [{ type: "provider", action: "mute", callId: call.id, muted: event.muted }],
      ];

    case "hold": {
      if (call?.status !== "connected" && call?.status !== "onHold") {
        return refuse(s, call?.status ?? "idle", "hold needs a connected call");
      }
      const status = event.held ? "onHold" : "connected";
      if (status === call.status) return [s, []];
      return [withCall(s, call, { status }), [{ type: "provider", action: "hold", callId: call.id, held: event.held }]];
    }

    case "providerRollback":
      if (!mine || (call.status !== "connected" && call.status !== "onHold")) return [s, []];
      return [withCall(s, call, { muted: event.muted, status: event.held ? "onHold" : "connected" }), []];

    case "transfer":
      if (call?.status !== "connected" && call?.status !== "onHold") {
        return refuse(s, call?.status ?? "idle", "transfer needs a connected call");
      }
      return [s, [{ type: "send", message: { type: "CALL_TRANSFERRED", data: { externalCallId: call.id } } }]];
  }
}
