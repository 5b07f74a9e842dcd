/**
 * Every error code this library produces, as a runtime table.
 *
 * @example
 * ```ts
 * import { ERROR_CODES } from "hubspot-calling-kit";
 * ERROR_CODES.includes("TIMEOUT"); // true
 * ```
 */
export const ERROR_CODES = [
  // Caller mistakes and lifecycle.
  "INVALID_STATE",
  "INVALID_INPUT",
  "TIMEOUT",
  "ABORTED",
  "DESTROYED",
  "UNSUPPORTED_ENVIRONMENT",
  "NOT_SUPPORTED",
  // The call and its engagement.
  "CALL_ENDED",
  "NO_ENGAGEMENT",
  "WRITER_ERROR",
  // The voice backend.
  "PROVIDER_ERROR",
  // Several surfaces (calling remote and calling window, see coordinateSurfaces()).
  "OWNER_LOST",
  "NO_OWNER",
  // HubSpot's page sent something we cannot use.
  "PROTOCOL_ERROR",
  // HubSpot's page reported a failure (`*_FAILED` messages).
  "CREATE_ENGAGEMENT_FAILED",
  "UPDATE_ENGAGEMENT_FAILED",
  "FINALIZE_ENGAGEMENT_FAILED",
  "CALLER_ID_MATCH_FAILED",
  "NAVIGATE_TO_RECORD_FAILED",
  "SET_WIDGET_URL_FAILED",
  "INITIATE_CALL_ID_FAILED",
  "PUBLISH_TO_CHANNEL_FAILED",
  "SYNC_ACK_FAILED",
  // HubSpot's HTTP APIs (server and settings subpaths).
  "HUBSPOT_API_ERROR",
  "RATE_LIMITED",
  "NETWORK_ERROR",
] as const;

/**
 * A code carried by every {@link CallingError}; switch on it instead of on
 * messages, which may change.
 *
 * @example
 * ```ts
 * if (isCallingError(error) && error.code === "TIMEOUT") retry();
 * ```
 */
export type CallingErrorCode = (typeof ERROR_CODES)[number];
