/**
 * Wire message types the widget sends to HubSpot (SDK 0.9.7 `messageType`).
 * `SYNC_ACK` is sent by the SDK itself during the handshake.
 *
 * @example
 * ```ts
 * OUTBOUND_MESSAGE_TYPES.includes("CALL_ENDED"); // true
 * ```
 */
export const OUTBOUND_MESSAGE_TYPES = [
  "SYNC_ACK",
  "INITIALIZED",
  "LOGGED_IN",
  "LOGGED_OUT",
  "USER_AVAILABLE",
  "USER_UNAVAILABLE",
  "OUTGOING_CALL_STARTED",
  "INCOMING_CALL",
  "CALL_ANSWERED",
  "CALL_TRANSFERRED",
  "CALL_ENDED",
  "CALL_COMPLETED",
  "CALL_DATA",
  "FINALIZE_ENGAGEMENT",
  "PUBLISH_TO_CHANNEL",
  "NAVIGATE_TO_RECORD",
  "ERROR",
  "RESIZE_WIDGET",
  "SET_WIDGET_URL",
] as const;

/**
 * Wire message types HubSpot sends to the widget (SDK 0.9.7 `messageType`).
 *
 * @example
 * ```ts
 * INBOUND_MESSAGE_TYPES.includes("DIAL_NUMBER"); // true
 * ```
 */
export const INBOUND_MESSAGE_TYPES = [
  "SYNC",
  "DIAL_NUMBER",
  "ENGAGEMENT_CREATED",
  "CREATE_ENGAGEMENT_SUCCEEDED",
  "CREATE_ENGAGEMENT_FAILED",
  "UPDATE_ENGAGEMENT_SUCCEEDED",
  "UPDATE_ENGAGEMENT_FAILED",
  "FINALIZE_ENGAGEMENT_SUCCEEDED",
  "FINALIZE_ENGAGEMENT_FAILED",
  "PUBLISH_TO_CHANNEL_SUCCEEDED",
  "PUBLISH_TO_CHANNEL_FAILED",
  "CALLER_ID_MATCH_SUCCEEDED",
  "CALLER_ID_MATCH_FAILED",
  "END_CALL",
  "VISIBILITY_CHANGED",
  "NAVIGATE_TO_RECORD_FAILED",
  "SET_WIDGET_URL_FAILED",
  "INITIATE_CALL_ID_SUCCEEDED",
  "INITIATE_CALL_ID_FAILED",
  "SET_CALL_STATE",
  "UNLOADING",
  "ERROR",
] as const;

/**
 * Names in the SDK's `messageType` table that never cross the wire to the
 * widget: `READY` is the SDK's internal dispatch after SYNC, `SYNC_ACK_FAILED`
 * is raised on the host side, `FAILED` is a handler key.
 *
 * @example
 * ```ts
 * SDK_INTERNAL_MESSAGE_TYPES; // ["READY", "SYNC_ACK_FAILED", "FAILED"]
 * ```
 */
export const SDK_INTERNAL_MESSAGE_TYPES = ["READY", "SYNC_ACK_FAILED", "FAILED"] as const;

/**
 * A wire message type the widget sends.
 *
 * @example
 * ```ts
 * const type: OutboundMessageType = "CALL_ANSWERED";
 * ```
 */
export type OutboundMessageType = (typeof OUTBOUND_MESSAGE_TYPES)[number];

/**
 * A wire message type HubSpot sends.
 *
 * @example
 * ```ts
 * const type: InboundMessageType = "END_CALL";
 * ```
 */
export type InboundMessageType = (typeof INBOUND_MESSAGE_TYPES)[number];

/**
 * Every name in the SDK's `messageType` table.
 *
 * @example
 * ```ts
 * const type: WireMessageType = "READY";
 * ```
 */
export type WireMessageType =
  | OutboundMessageType
  | InboundMessageType
  | (typeof SDK_INTERNAL_MESSAGE_TYPES)[number];

/**
 * How a call ended, as HubSpot's `CALL_ENDED` expects it (no `INTERNAL_` prefix).
 *
 * @example
 * ```ts
 * END_STATUSES.includes("NO_ANSWER"); // true
 * ```
 */
export const END_STATUSES = [
  "COMPLETED",
  "FAILED",
  "CANCELED",
  "BUSY",
  "NO_ANSWER",
  "REJECTED",
  "MISSED",
] as const;

/**
 * One of {@link END_STATUSES}.
 *
 * @example
 * ```ts
 * const status: EndStatus = "BUSY";
 * ```
 */
export type EndStatus = (typeof END_STATUSES)[number];

/**
 * Where this widget instance lives in HubSpot: the classic call widget, the
 * "remote" in the navigation bar, or the separate calling window. Unknown
 * future values are passed through as strings.
 *
 * @example
 * ```ts
 * if (host.iframeLocation === "window") keepCallAliveAcrossPages();
 * ```
 */
export type IframeLocation = "widget" | "remote" | "window" | (string & {});
