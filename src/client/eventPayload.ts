import type { CallingError } from "../errors/callingError";
import { HostRequestError } from "../errors/hostRequestError";
import type { Notice } from "../machine/effect";
import type { Call } from "./call";
import type { CallingEvents, CallingEventType } from "./callingEvents";

/**
 * The event a machine notice becomes: its type and its one payload object,
 * with the call's handle in place of its id and errors as `CallingError`s
 * instead of the plain data the snapshot keeps. @internal
 */
export function eventPayload(
  notice: Notice,
  handleFor: (callId: string) => Call,
  errorOf: (callId: string) => CallingError | null,
): { type: CallingEventType; payload: CallingEvents[CallingEventType] } {
  const { type, callId, ...rest } = notice as Notice & { callId?: string };
  const payload: Record<string, unknown> = callId ? { ...rest, call: handleFor(callId) } : rest;
  if (type === "callEnded") payload.error = (callId && errorOf(callId)) ?? null;
  if (notice.type === "engagementCreateFailed") {
    payload.error = new HostRequestError("CREATE_ENGAGEMENT_FAILED", notice.error.message || undefined);
  }
  if (notice.type === "callerIdMatched") {
    payload.error = notice.error && new HostRequestError("CALLER_ID_MATCH_FAILED", notice.error.message || undefined);
  }
  return { type, payload: payload as never };
}
