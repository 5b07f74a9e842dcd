/**
 * The final statuses HubSpot accepts for an inbound call
 * (`finalCallStatus`, HubSpot's `hs_call_status` values), as a runtime table.
 *
 * @example
 * ```ts
 * INBOUND_CALL_STATUSES.includes("MISSED"); // true
 * ```
 */
export const INBOUND_CALL_STATUSES = [
  "BUSY",
  "CALLING_CRM_USER",
  "CANCELED",
  "COMPLETED",
  "CONNECTING",
  "FAILED",
  "IN_PROGRESS",
  "MISSED",
  "NO_ANSWER",
  "QUEUED",
  "RINGING",
] as const;

/**
 * One of {@link INBOUND_CALL_STATUSES}.
 *
 * @example
 * ```ts
 * const status: InboundCallStatus = "COMPLETED";
 * ```
 */
export type InboundCallStatus = (typeof INBOUND_CALL_STATUSES)[number];
