import type { MachineEvent } from "./machineEvent";
import { type CallingSnapshot, isCallActive } from "./snapshot";
import { emit, refuse, type TransitionResult, warn, withCall, withEngagement } from "./update";

type EngagementEvent = Extract<
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
export function engagementTransition(s: CallingSnapshot, event: EngagementEvent): TransitionResult {
  const call = s.call;
  const engagement = call?.engagement;
  // Messages that name a call must name this one; the others mean the current call.
  const named = "externalCallId" in event ? event.externalCallId : undefined;
  const hostTarget = call && (named === undefined || named === call.id) ? call : null;
  const mine = call && "callId" in event && event.callId === call.id ? call : null;

  switch (event.type) {
    case "hostEngagementCreated": {
      if (!hostTarget || !engagement) {
        return warn(s, "unexpectedHostMessage", "engagement id for no known call");
      }
      if (engagement.id !== null) {
        return engagement.id === event.engagementId
          ? [s, []] // ENGAGEMENT_CREATED and CREATE_ENGAGEMENT_SUCCEEDED may both arrive
          : warn(s, "engagementIdConflict", `HubSpot sent engagement ${event.engagementId}, the call has ${engagement.id}`);
      }
      // A late id (after the call ended, even after it was written) still attaches.
      const keep = engagement.status === "writing" || engagement.status === "written";
      return [
        withEngagement(s, hostTarget, {
          id: event.engagementId,
          status: keep ? engagement.status : "created",
          error: keep ? engagement.error : null,
        }),
        [emit({ type: "engagementCreated", callId: hostTarget.id, engagementId: event.engagementId })],
      ];
    }

    case "hostEngagementCreateFailed": {
      // Still waiting for an id: creating, or already writing (complete() came first).
      const waiting =
        engagement?.id === null &&
        engagement.error === null &&
        (engagement.status === "creating" || (engagement.status === "writing" && hostTarget?.createEngagement));
      if (!hostTarget || !engagement || !waiting) {
        return warn(s, "unexpectedHostMessage", "CREATE_ENGAGEMENT_FAILED with no engagement being created");
      }
      // The message is HubSpot's own (empty when it sent none); the code says what failed.
      const error = { code: "CREATE_ENGAGEMENT_FAILED", message: event.message ?? "" };
      return [
        withEngagement(s, hostTarget, { status: engagement.status === "writing" ? "writing" : "failed", error }),
        [emit({ type: "engagementCreateFailed", callId: hostTarget.id, error })],
      ];
    }

    case "hostCallerIdMatched":
      if (!hostTarget) return warn(s, "unexpectedHostMessage", "caller-ID matches for no known call");
    {
      const matches = Object.freeze([...event.matches]);
      return [
        withCall(s, hostTarget, { callerIdMatches: matches }),
        [emit({ type: "callerIdMatched", callId: hostTarget.id, matches })],
      ];
    }

    case "complete":
      if (!call) return refuse(s, "idle", "there is no call to complete");
      if (isCallActive(call)) return refuse(s, call.status, "hang up first");
      if (call.status !== "ended") return refuse(s, call.status, "the call is already being completed");
      return [
        // The error (if any) is kept: it tells the client not to wait for an id.
        withEngagement(s, call, { status: "writing" }, {
          status: "wrappingUp",
          details: Object.freeze({ ...event.details }),
        }),
        [{ type: "write", callId: call.id }],
      ];

    case "discard":
      // The user gives up logging this call (e.g. the writer keeps failing).
      if (call?.status !== "ended") {
        return refuse(s, call?.status ?? "idle", "only an ended call that is not being completed can be discarded");
      }
      return [withCall(s, call, { status: "completed" }), [emit({ type: "callDiscarded", callId: call.id })]];

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
  }
}
