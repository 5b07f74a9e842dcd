import type { EndStatus, HubSpotId } from "../sdk/messages";
import type { CallOutcome } from "./callOutcomes";

/**
 * Everything known about a finished call: plain JSON, so it can be stored,
 * relayed to a backend and written by any {@link EngagementWriter}.
 *
 * @example
 * ```ts
 * const record: CallRecord = {
 *   externalCallId: "5b0c…", direction: "OUTBOUND",
 *   fromNumber: "+16175550199", toNumber: "+16175550100",
 *   startedAt: 1_700_000_000_000, endedAt: 1_700_000_042_000, durationMs: 40_000,
 *   endStatus: "COMPLETED", notes: "Interested in a demo", outcome: "connected",
 * };
 * ```
 */
export interface CallRecord {
  /** The id HubSpot knows the call by; the idempotency key of every writer. */
  externalCallId: string;
  /** `OUTBOUND` or `INBOUND`. */
  direction: "OUTBOUND" | "INBOUND";
  /** The number that called. */
  fromNumber: string;
  /** The number that was called. */
  toNumber: string;
  /** When the call started (ms since the epoch). */
  startedAt: number;
  /** When it connected, if it did. */
  answeredAt?: number;
  /** When it ended. */
  endedAt: number;
  /** Talk time in milliseconds (0 when it never connected). */
  durationMs: number;
  /** How the call ended. */
  endStatus: EndStatus;
  /** The engagement HubSpot created for the call, when known. */
  engagementId?: HubSpotId;
  /** HubSpot account, user and owner from the host context. */
  portalId?: HubSpotId;
  /** The HubSpot user id. */
  userId?: HubSpotId;
  /** The HubSpot owner id of the user. */
  ownerId?: HubSpotId;
  /** The CRM record called (or calling). */
  callee?: {
    /** The record id. */
    objectId: HubSpotId;
    /** The object type id, e.g. `0-1` (contact). */
    objectTypeId: string;
  };
  /** The user's notes (`hs_call_body`). */
  notes?: string;
  /** A default outcome name or an account's outcome GUID. */
  outcome?: CallOutcome | (string & {});
  /** A title for the timeline. */
  title?: string;
  /** An HTTPS recording URL. */
  recordingUrl?: string;
}
