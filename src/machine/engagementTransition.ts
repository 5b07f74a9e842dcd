import type { MachineEvent } from "./machineEvent";
import { type CallingSnapshot, isCallActive, MAX_PENDING_CREATES } from "./snapshot";
import { emit, patch, refuse, type TransitionResult, warn, withCall, withEngagement } from "./update";

/** The events engagementTransition() answers. */
export type EngagementEvent = Extract<
  MachineEvent,
  {
    type:
      | "hostEngagementCreated"
      | "hostEngagementCreateFailed"
      | "hostCallerIdMatched"
      | "complete"
      | "discard"
      | "writeSucceeded"
      | "writeFailed"
      | "writeDelivered";
  }
>;

/** Engagement rules: HubSpot's engagement id, completion and the writer's results. */
export function engagementTransition(s: CallingSnapshot, event: MachineEvent): TransitionResult | undefined {
  const call = s.call;
  const engagement = call?.engagement;
  // Messages that name a call must name this one; the others mean the current call.
  const named = "externalCallId" in event ? event.externalCallId : undefined;
  const hostTarget = call && (named === undefined || named === call.id) ? call : null;
  const mine = call && "callId" in event && event.callId === call.id ? call : null;

  switch (event.type) {
    case "hostEngagementCreated":
    case "hostEngagementCreateFailed": {
      const created = event.type === "hostEngagementCreated";
      // ENGAGEMENT_CREATED and CREATE_ENGAGEMENT_SUCCEEDED may both arrive: a repeat changes
      // nothing, even once the next call started.
      if (created && ((hostTarget && engagement?.id === event.engagementId) || s.recentEngagementIds.includes(event.engagementId))) {
        return [s, []];
      }
      // HubSpot answers creates in the order they were sent. A named answer is that call's;
      // an unnamed one (the documented shape) answers the oldest create still unanswered.
      const pending = s.pendingCreates;
      const owner = named ?? pending[0] ?? call?.id;
      const known = pending.includes(owner as string);
      const rest = known ? Object.freeze(pending.filter((id) => id !== owner)) : pending;
      const next = rest === pending ? s : patch(s, { pendingCreates: rest });
      // An id given to a call is remembered, so that its repeat is recognised later.
      const given = created
        ? patch(next, { recentEngagementIds: Object.freeze([...s.recentEngagementIds, event.engagementId].slice(-MAX_PENDING_CREATES)) })
        : next;
      const what = created ? `engagement ${event.engagementId}` : "CREATE_ENGAGEMENT_FAILED";
      if (!call || owner !== call.id) {
        // Never the current call's: it keeps waiting for its own answer.
        return known
          ? warn(given, "engagementForPreviousCall", `${what} for earlier call ${owner}`)
          : warn(s, "unexpectedHostMessage", `${what} for no known call`);
      }
      const { id, status, createError } = call.engagement;
      if (created) {
        if (id !== null) return warn(next, "engagementIdConflict", `HubSpot sent ${what}, the call has ${id}`);
        // A late id (after the call ended, even after it was written) still attaches.
        const keep = status === "writing" || status === "written";
        return [
          withEngagement(given, call, keep ? { id: event.engagementId } : { id: event.engagementId, status: "created", error: null }),
          [emit({ type: "engagementCreated", callId: call.id, engagementId: event.engagementId })],
        ];
      }
      if (!call.createEngagement || id !== null || createError) {
        return warn(next, "unexpectedHostMessage", `${what} with no engagement being created`);
      }
      // The message is HubSpot's own (empty when it sent none); the code says what failed.
      const error = { code: "CREATE_ENGAGEMENT_FAILED", message: event.message ?? "" };
      return [
        // A write under way or done keeps its status and its error.
        withEngagement(next, call, status === "creating" ? { status: "failed", error, createError: error } : { createError: error }),
        [emit({ type: "engagementCreateFailed", callId: call.id, error })],
      ];
    }

    case "hostCallerIdMatched":
      if (!hostTarget) return warn(s, "unexpectedHostMessage", "caller-ID matches for no known call");
    {
      const matches = Object.freeze([...event.matches]);
      return [
        withCall(s, hostTarget, { callerIdMatches: matches }),
        [emit({ type: "callerIdMatched", callId: hostTarget.id, matches, error: event.error ?? null })],
      ];
    }

    case "complete":
      if (!call) return refuse(s, "idle", "there is no call to complete");
      if (isCallActive(call)) return refuse(s, call.status, "hang up first");
      if (call.status !== "ended") return refuse(s, call.status, "the call is already being completed");
      return [
        // Errors are kept: `createError` tells the client not to wait for an id.
        withEngagement(s, call, { status: "writing" }, {
          status: "wrappingUp",
          details: Object.freeze({ ...event.details }),
        }),
        [{ type: "write", callId: call.id }],
      ];

    case "discard":
      // The user gives up logging this call: the writer keeps failing, or never answers
      // (then the client aborts the write, whose late result finds the call completed).
      if (call?.status !== "ended" && call?.status !== "wrappingUp") {
        return refuse(s, call?.status ?? "idle", "only an ended call can be discarded");
      }
      return [
        withEngagement(s, call, call.status === "ended" ? {} : { status: "failed", error: { code: "ABORTED", message: "discarded" } }, { status: "completed" }),
        [emit({ type: "callDiscarded", callId: call.id })],
      ];

    case "writeSucceeded": {
      if (mine?.status !== "wrappingUp") return [s, []];
      const id = mine.engagement.id ?? event.engagementId ?? null;
      return [
        withEngagement(
          s,
          mine,
          event.queued ? { status: "writing", id } : { status: "written", id, error: null },
          { status: "completed" },
        ),
        [emit({ type: "callCompleted", callId: mine.id })],
      ];
    }

    case "writeFailed":
      if (mine?.status === "wrappingUp") {
        // Back to `ended` so complete() can be retried; the failure is reported.
        return [withEngagement(s, mine, { status: "failed", error: event.error }, { status: "ended" }), []];
      }
      if (mine?.engagement.status === "writing" && event.final) {
        return [withEngagement(s, mine, { status: "failed", error: event.error }), []];
      }
      return [s, []];

    case "writeDelivered":
      if (mine?.engagement.status !== "writing") return [s, []];
      return [
        withEngagement(s, mine, { status: "written", id: mine.engagement.id ?? event.engagementId ?? null, error: null }),
        [],
      ];
    default:
      // Not one of this part's events; every EngagementEvent has its case above (checked at compile time).
      event satisfies Exclude<MachineEvent, EngagementEvent>;
      return undefined;
  }
}
