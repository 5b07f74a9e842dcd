import type { DialNumberPayload, HubSpotId } from "../sdk/messages";

/**
 * A request from HubSpot to call a number (from `DIAL_NUMBER`), normalised:
 * one phone number, and the record to call taken from `calleeInfo` (or a
 * non-zero `objectId`).
 *
 * @example
 * ```ts
 * client.on("dialRequested", ({ request }) => showDialPrompt(request.phoneNumber, request.callee));
 * ```
 */
export interface DialRequest {
  /** The number to call. */
  readonly phoneNumber: string;
  /** The CRM record being called, when HubSpot said which. */
  readonly callee: {
    /** The record id. */
    readonly objectId: HubSpotId;
    /** The object type id, e.g. `0-1` (contact). */
    readonly objectTypeId: string;
  } | null;
  /** When the request arrived (ms since the epoch). */
  readonly receivedAt: number;
  /** Identifies the request, to ignore HubSpot sending it twice. */
  readonly key: string;
  /** The validated payload, all fields as HubSpot sent them. */
  readonly payload: Readonly<DialNumberPayload>;
}

// Without HubSpot's startTimestamp, two identical requests this close together
// are one click delivered twice (SDK issue 210), not two clicks.
const DUPLICATE_WINDOW_MS = 5_000;

// HubSpot's names of the standard objects; custom objects come as ids ("2-123").
const OBJECT_TYPE_IDS: Readonly<Record<string, string>> = { CONTACT: "0-1", COMPANY: "0-2", DEAL: "0-3", TICKET: "0-5" };

/** The object type id for `objectType`, or null when it is neither a known name nor an id. */
function toObjectTypeId(objectType: string): string | null {
  if (/^\d+-\d+$/.test(objectType)) return objectType;
  return Object.hasOwn(OBJECT_TYPE_IDS, objectType.toUpperCase()) ? OBJECT_TYPE_IDS[objectType.toUpperCase()]! : null;
}

/** Normalises a validated `DIAL_NUMBER` payload into a {@link DialRequest}. */
export function toDialRequest(payload: DialNumberPayload, at: number): DialRequest {
  const phoneNumber = payload.phoneNumber ?? payload.phone_number ?? "";
  // calleeInfo names the record; objectId is often 0 and objectType "TICKET".
  const objectTypeId = payload.objectType === undefined ? "0-1" : toObjectTypeId(payload.objectType);
  const callee = payload.calleeInfo
    ? { objectId: payload.calleeInfo.calleeId, objectTypeId: payload.calleeInfo.calleeObjectTypeId }
    : payload.objectId && payload.objectType !== "TICKET" && objectTypeId
      ? { objectId: payload.objectId, objectTypeId }
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
