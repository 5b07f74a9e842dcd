import type { DialNumberPayload } from "../sdk/messages";
import type { DialRequest } from "./snapshot";

// Without HubSpot's startTimestamp, two identical requests this close together
// are one click delivered twice (SDK issue 210), not two clicks.
const DUPLICATE_WINDOW_MS = 5_000;

/** Normalises a validated `DIAL_NUMBER` payload into a {@link DialRequest}. */
export function toDialRequest(payload: DialNumberPayload, at: number): DialRequest {
  const phoneNumber = payload.phoneNumber ?? payload.phone_number ?? "";
  // calleeInfo names the record; objectId is often 0 and objectType "TICKET".
  const callee = payload.calleeInfo
    ? { objectId: payload.calleeInfo.calleeId, objectTypeId: payload.calleeInfo.calleeObjectTypeId }
    : payload.objectId && payload.objectType !== "TICKET"
      ? { objectId: payload.objectId, objectTypeId: payload.objectType === "COMPANY" ? "0-2" : "0-1" }
      : null;
  const key = JSON.stringify([
    phoneNumber,
    callee?.objectId ?? null,
    payload.startTimestamp ?? null,
    payload.threadId ?? null,
  ]);
  return Object.freeze({
    phoneNumber,
    callee: callee && Object.freeze(callee),
    receivedAt: at,
    key,
    payload: Object.freeze({ ...payload }),
  });
}

/** True when `next` is `previous` delivered again. */
export function isSameRequest(previous: DialRequest | null | undefined, next: DialRequest): boolean {
  if (!previous || previous.key !== next.key) return false;
  return (
    next.payload.startTimestamp !== undefined ||
    Math.abs(next.receivedAt - previous.receivedAt) < DUPLICATE_WINDOW_MS
  );
}
