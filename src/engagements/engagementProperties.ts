import type { EndStatus, EngagementProperties } from "../sdk/messages";
import { CALL_OUTCOMES } from "./callOutcomes";
import type { CallRecord } from "./callRecord";

// CALL_ENDED statuses that hs_call_status has no word for.
const STATUS: Partial<Record<EndStatus, string>> = { REJECTED: "CANCELED", MISSED: "NO_ANSWER" };
// hs_call_callee_object_type takes names; DIAL_NUMBER gives object type ids.
const OBJECT_TYPES: Record<string, string> = {
  "0-1": "CONTACT",
  "0-2": "COMPANY",
  "0-3": "DEAL",
  "0-5": "TICKET",
};

/**
 * Builds HubSpot call properties (`hs_*`, all strings) from a call record:
 * timestamp, body, duration in ms, status, direction, numbers, disposition
 * from an outcome name (or a custom GUID as is), title, owner, callee, and the
 * recording URL only when it is HTTPS. `extra` overrides any of them.
 *
 * @example
 * ```ts
 * buildEngagementProperties({ ...record, notes: "Call back Tuesday", outcome: "connected" });
 * // { hs_timestamp: "1700000000000", hs_call_body: "Call back Tuesday",
 * //   hs_call_disposition: "f240bbac-…", hs_call_status: "COMPLETED", … }
 * ```
 */
export function buildEngagementProperties(
  call: CallRecord,
  extra: EngagementProperties = {},
): EngagementProperties {
  const properties: EngagementProperties = {
    hs_timestamp: String(call.startedAt),
    hs_call_direction: call.direction,
    hs_call_duration: String(Math.max(0, Math.round(call.durationMs))),
    hs_call_status: STATUS[call.endStatus] ?? call.endStatus,
    hs_call_from_number: call.fromNumber,
    hs_call_to_number: call.toNumber,
  };
  if (call.notes !== undefined) properties.hs_call_body = call.notes;
  if (call.title !== undefined) properties.hs_call_title = call.title;
  if (call.outcome !== undefined) {
    // Own keys only: "constructor" or "toString" are not outcome names.
    properties.hs_call_disposition = Object.hasOwn(CALL_OUTCOMES, call.outcome)
      ? CALL_OUTCOMES[call.outcome as keyof typeof CALL_OUTCOMES]
      : String(call.outcome);
  }
  if (call.recordingUrl !== undefined && isHttpsUrl(call.recordingUrl)) {
    properties.hs_call_recording_url = call.recordingUrl;
  }
  if (call.ownerId !== undefined) properties.hubspot_owner_id = String(call.ownerId);
  if (call.callee) {
    properties.hs_call_callee_object_id = String(call.callee.objectId);
    properties.hs_call_callee_object_type =
      OBJECT_TYPES[call.callee.objectTypeId] ?? call.callee.objectTypeId;
  }
  for (const [name, value] of Object.entries(extra)) {
    if (typeof value === "string") properties[name] = value;
  }
  return properties;
}

/**
 * True for an absolute `https:` URL (HubSpot refuses other recording URLs).
 *
 * @example
 * ```ts
 * isHttpsUrl("https://cdn.example.com/rec.mp3"); // true
 * isHttpsUrl("http://cdn.example.com/rec.mp3"); // false
 * ```
 */
export function isHttpsUrl(value: string): boolean {
  return /^https:\/\/[^\s/]+/i.test(value);
}
