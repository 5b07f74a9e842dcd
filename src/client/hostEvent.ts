import { type HostFailureCode, HostRequestError } from "../errors/hostRequestError";
import type { MachineEvent } from "../machine/machineEvent";
import type { InboundMessage } from "../sdk/messages";

/**
 * The machine event for a validated message from HubSpot, or undefined for
 * messages the machine does not act on (answers awaited by writers,
 * failures reported as `hostError`, undocumented messages). @internal
 */
export function hostEvent(message: InboundMessage, at: number): MachineEvent | undefined {
  switch (message.type) {
    case "SYNC":
      return { type: "hostSynced", host: message.data };
    case "DIAL_NUMBER":
      return { type: "hostDialNumber", payload: message.data, at };
    case "ENGAGEMENT_CREATED":
    case "CREATE_ENGAGEMENT_SUCCEEDED":
      return { type: "hostEngagementCreated", ...message.data };
    case "CREATE_ENGAGEMENT_FAILED":
      return {
        type: "hostEngagementCreateFailed",
        message: message.data.error?.message,
        externalCallId: message.data.externalCallId,
      };
    case "END_CALL":
      return { type: "hostEndCall", at };
    case "VISIBILITY_CHANGED":
      return { type: "hostVisibilityChanged", ...message.data };
    case "CALLER_ID_MATCH_SUCCEEDED":
      return {
        type: "hostCallerIdMatched",
        matches: message.data.callerIdMatches,
        externalCallId: message.data.externalCallId,
      };
    case "CALLER_ID_MATCH_FAILED":
      // A failed lookup is an answer too: the call shows no match instead of waiting for ever.
      return {
        type: "hostCallerIdMatched",
        matches: [],
        externalCallId: message.data.externalCallId,
        error: { code: "CALLER_ID_MATCH_FAILED", message: message.data.error?.message ?? "" },
      };
    default:
      return undefined;
  }
}

/** Failures reported by whoever awaits them (the writer, `finalize()`), not as `hostError`. */
const ANSWERED_ELSEWHERE: ReadonlySet<string> = new Set(["UPDATE_ENGAGEMENT_FAILED", "FINALIZE_ENGAGEMENT_FAILED"]);

/**
 * The `hostError` a `*_FAILED` message from HubSpot stands for, unless the
 * one who asked reports it (an engagement update, a finalize). @internal
 */
export function hostFailure(message: InboundMessage): HostRequestError | undefined {
  if (!message.type.endsWith("_FAILED") || ANSWERED_ELSEWHERE.has(message.type)) return undefined;
  const data = message.data as { error?: { message?: string } };
  return new HostRequestError(message.type as HostFailureCode, data.error?.message);
}
