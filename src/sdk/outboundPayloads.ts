// The payloads of the messages the widget sends to HubSpot.
import type { EngagementProperties } from "./callProperties";
import type { HostContext } from "./hostContext";
import type { HubSpotId, ObjectCoordinates } from "./hubSpotId";
import type { EndStatus } from "./messageTypes";

/**
 * `INITIALIZED`: the widget is ready for interaction.
 *
 * @example
 * ```ts
 * const payload: InitializedPayload = { isLoggedIn: true, sizeInfo: { width: 400, height: 600 } };
 * ```
 */
export interface InitializedPayload {
  /** Whether the user is logged in to the vendor's service. */
  isLoggedIn?: boolean;
  /** Whether the user takes inbound calls. */
  isAvailable?: boolean;
  /** HubSpot's engagement (call record) id. */
  engagementId?: HubSpotId;
  /** The widget size to ask for. */
  sizeInfo?: WidgetSize;
}

/**
 * A widget size in pixels.
 *
 * @example
 * ```ts
 * client.resizeWidget({ width: 400, height: 600 });
 * ```
 */
export interface WidgetSize {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/**
 * `OUTGOING_CALL_STARTED` / `INCOMING_CALL`.
 *
 * @example
 * ```ts
 * const payload: CallStartedPayload = {
 *   externalCallId: "5b0c…", fromNumber: "+1 617 555 0199", toNumber: "+1 617 555 0100",
 *   callStartTime: Date.now(), createEngagement: true,
 * };
 * ```
 */
export interface CallStartedPayload {
  /** The call's id (a UUID); every later message about the call repeats it. */
  externalCallId: string;
  /** The caller id; left out of outbound calls when the provider chooses it. */
  fromNumber?: string;
  /** The number called. */
  toNumber: string;
  /** When the call started (ms since the epoch). */
  callStartTime?: number;
  /** Ask HubSpot to create the engagement and answer with its id. */
  createEngagement?: boolean;
}

/**
 * A payload that only names the call (`CALL_ANSWERED`, `CALL_TRANSFERRED`).
 *
 * @example
 * ```ts
 * const payload: ExternalCallIdPayload = { externalCallId: call.id };
 * ```
 */
export interface ExternalCallIdPayload {
  /** The call's id (the widget's UUID), repeated in every message about the call. */
  externalCallId: string;
}

/**
 * `CALL_ENDED`.
 *
 * @example
 * ```ts
 * const payload: CallEndedPayload = { externalCallId: call.id, callEndStatus: "COMPLETED" };
 * ```
 */
export interface CallEndedPayload {
  /** The call's id (the widget's UUID), repeated in every message about the call. */
  externalCallId: string;
  /** HubSpot's engagement (call record) id. */
  engagementId?: HubSpotId;
  /** How the call ended. */
  callEndStatus?: EndStatus;
}

/**
 * `CALL_COMPLETED`: with `engagementProperties`, HubSpot writes the engagement
 * itself and answers `UPDATE_ENGAGEMENT_SUCCEEDED` or `_FAILED`.
 *
 * @example
 * ```ts
 * const payload: CallCompletedPayload = {
 *   externalCallId: call.id, engagementId: 123, hideWidget: false,
 *   engagementProperties: { hs_call_body: "Notes" },
 * };
 * ```
 */
export interface CallCompletedPayload {
  /** The call's id (the widget's UUID), repeated in every message about the call. */
  externalCallId: string;
  /** HubSpot's engagement (call record) id. */
  engagementId?: HubSpotId;
  /** Whether HubSpot hides the widget afterwards (HubSpot's default: true). */
  hideWidget?: boolean;
  /** Properties HubSpot writes to the engagement. */
  engagementProperties?: EngagementProperties;
}

/**
 * `FINALIZE_ENGAGEMENT` (and its deprecated twin `PUBLISH_TO_CHANNEL`).
 *
 * @example
 * ```ts
 * const payload: FinalizeEngagementPayload = { externalCallId: call.id, engagementId: 123 };
 * ```
 */
export interface FinalizeEngagementPayload {
  /** The call's id (the widget's UUID), repeated in every message about the call. */
  externalCallId: string;
  /** HubSpot's engagement (call record) id. */
  engagementId: HubSpotId;
}

/**
 * `NAVIGATE_TO_RECORD`.
 *
 * @example
 * ```ts
 * client.navigateToRecord({
 *   objectCoordinates: { portalId: 1, objectId: 101, objectTypeId: "0-1" },
 *   openIn: "NEW_TAB",
 * });
 * ```
 */
export interface NavigateToRecordPayload {
  /** Where the record lives. */
  objectCoordinates: ObjectCoordinates;
  /** HubSpot's engagement (call record) id. */
  engagementId?: HubSpotId;
  /** Open the record in the current tab or a new one. */
  openIn?: "CURRENT_TAB" | "NEW_TAB";
}

/**
 * `ERROR` (widget to HubSpot): shown by HubSpot as an alert.
 *
 * @example
 * ```ts
 * client.sendError({ message: "Microphone blocked" });
 * ```
 */
export interface ErrorPayload {
  /** A human-readable message. */
  message: string;
}

/**
 * `SET_WIDGET_URL`.
 *
 * @example
 * ```ts
 * client.setWidgetUrl({ iFrameUrl: "https://phone.example.com/widget?v=2" });
 * ```
 */
export interface SetWidgetUrlPayload {
  /** The widget's new URL. */
  iFrameUrl: string;
}

/**
 * `SYNC_ACK`: the SDK's echo of SYNC; sent by the SDK, listed for completeness.
 *
 * @example
 * ```ts
 * const ack: SyncAckPayload = { ...host, debugMode: false, version: "0.9.7", iFrameUrl: location.origin };
 * ```
 */
export interface SyncAckPayload extends Partial<HostContext> {
  /** Whether the SDK runs in debug mode. */
  debugMode?: boolean;
  /** The SDK version. */
  version?: string;
  /** The widget's new URL. */
  iFrameUrl?: string;
}

/**
 * The payload of every message the widget sends, by wire type.
 *
 * @example
 * ```ts
 * type Ended = OutboundPayloads["CALL_ENDED"]; // CallEndedPayload
 * ```
 */
export interface OutboundPayloads {
  /** The SDK's answer to SYNC. */
  SYNC_ACK: SyncAckPayload;
  /** The widget is ready. */
  INITIALIZED: InitializedPayload;
  /** The user logged in. */
  LOGGED_IN: undefined;
  /** The user logged out. */
  LOGGED_OUT: undefined;
  /** The user takes inbound calls. */
  USER_AVAILABLE: undefined;
  /** The user does not take inbound calls. */
  USER_UNAVAILABLE: undefined;
  /** An outbound call started. */
  OUTGOING_CALL_STARTED: CallStartedPayload;
  /** An inbound call is ringing. */
  INCOMING_CALL: CallStartedPayload;
  /** The call connected. */
  CALL_ANSWERED: ExternalCallIdPayload;
  /** The call was transferred. */
  CALL_TRANSFERRED: ExternalCallIdPayload;
  /** The call ended. */
  CALL_ENDED: CallEndedPayload;
  /** The call is done; log it. */
  CALL_COMPLETED: CallCompletedPayload;
  /** Undocumented call data. */
  CALL_DATA: Record<string, unknown>;
  /** Finalize the engagement. */
  FINALIZE_ENGAGEMENT: FinalizeEngagementPayload;
  /** Deprecated twin of FINALIZE_ENGAGEMENT. */
  PUBLISH_TO_CHANNEL: FinalizeEngagementPayload;
  /** Open a CRM record. */
  NAVIGATE_TO_RECORD: NavigateToRecordPayload;
  /** Show an error in HubSpot. */
  ERROR: ErrorPayload;
  /** Resize the widget. */
  RESIZE_WIDGET: WidgetSize;
  /** Change the widget's URL. */
  SET_WIDGET_URL: SetWidgetUrlPayload;
}
