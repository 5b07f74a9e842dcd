import type {
  EndStatus,
  IframeLocation,
  InboundMessageType,
  OutboundMessageType,
} from "./messageTypes";

export type { EndStatus, IframeLocation } from "./messageTypes";

/**
 * A HubSpot object id (portal, user, owner, engagement, record). Ids exceed
 * 2^31, so they are JavaScript numbers (safe up to 2^53), never int32.
 *
 * @example
 * ```ts
 * const engagementId: HubSpotId = 41_298_765_432;
 * ```
 */
export type HubSpotId = number;

/**
 * The host context HubSpot sends in `SYNC` and the client exposes after
 * `ready()`.
 *
 * @example
 * ```ts
 * const host: HostContext = await client.ready();
 * console.log(host.portalId, host.iframeLocation);
 * ```
 */
export interface HostContext {
  /** The HubSpot account (portal) id; HubSpot always sends it, but a SYNC without it is still accepted. */
  portalId?: HubSpotId;
  /** The HubSpot user id, when sent. */
  userId?: HubSpotId;
  /** The user's owner id, when sent. */
  ownerId?: HubSpotId;
  /** An engagement already in progress (e.g. after a page change), when sent. */
  engagementId?: HubSpotId;
  /** Where this widget instance lives; `"widget"` when HubSpot did not say. */
  iframeLocation: IframeLocation;
  /** Whether HubSpot runs calls in a separate calling window. */
  usesCallingWindow: boolean;
  /** HubSpot's origin, e.g. `https://app.hubspot.com`; equal to the message origin. */
  hostUrl: string;
}

/**
 * The record HubSpot wants called, as sent in `DIAL_NUMBER.calleeInfo`.
 *
 * @example
 * ```ts
 * const callee: CalleeInfo = { calleeId: 101, calleeObjectTypeId: "0-1" };
 * ```
 */
export interface CalleeInfo {
  /** The record id. */
  calleeId: HubSpotId;
  /** The object type, e.g. `"0-1"` (contact) or `"0-2"` (company). */
  calleeObjectTypeId: string;
}

/**
 * `DIAL_NUMBER` as HubSpot sends it, after validation. Besides the documented
 * fields, payloads seen in practice carry `phone_number` and `threadId`, an
 * `objectId` of `0` and a missing or `"TICKET"` `objectType`; use `calleeInfo`
 * for the record. At least one of `phoneNumber` / `phone_number` is present.
 *
 * @example
 * ```ts
 * const payload: DialNumberPayload = {
 *   phoneNumber: "+1 617 555 0100",
 *   objectId: 0,
 *   calleeInfo: { calleeId: 101, calleeObjectTypeId: "0-1" },
 * };
 * ```
 */
export interface DialNumberPayload {
  phoneNumber?: string;
  phone_number?: string;
  ownerId?: HubSpotId;
  portalId?: HubSpotId;
  objectId?: HubSpotId;
  objectType?: string;
  subjectId?: HubSpotId;
  countryCode?: string;
  calleeInfo?: CalleeInfo;
  startTimestamp?: number;
  toPhoneNumberSrc?: string;
  threadId?: string;
}

/**
 * `{ engagementId }`, sent by HubSpot when it created or updated an engagement.
 *
 * @example
 * ```ts
 * const payload: EngagementIdPayload = { engagementId: 123 };
 * ```
 */
export interface EngagementIdPayload {
  engagementId: HubSpotId;
  /** Present on some messages; used to match the call when sent. */
  externalCallId?: string;
}

/**
 * A `*_FAILED` payload: HubSpot's explanation, when it sent one.
 *
 * @example
 * ```ts
 * const payload: FailurePayload = { error: { message: "Engagement not found" } };
 * ```
 */
export interface FailurePayload {
  error?: { message?: string };
  /** Present on some messages; used to match the call when sent. */
  externalCallId?: string;
  engagementId?: HubSpotId;
}

/**
 * Where a CRM record lives: account, object id and object type.
 *
 * @example
 * ```ts
 * const coordinates: ObjectCoordinates = { portalId: 1, objectId: 101, objectTypeId: "0-1" };
 * ```
 */
export interface ObjectCoordinates {
  portalId: HubSpotId;
  objectId: HubSpotId;
  /** `"0-1"` contact, `"0-2"` company, or another object type id. */
  objectTypeId: string;
}

/**
 * A caller-ID match for an incoming call: a contact or a company.
 *
 * @example
 * ```ts
 * const match: CallerIdMatch = {
 *   callerIdType: "CONTACT",
 *   objectCoordinates: { portalId: 1, objectId: 101, objectTypeId: "0-1" },
 *   firstName: "Ada", lastName: "Lovelace", email: "ada@example.com",
 * };
 * ```
 */
export type CallerIdMatch =
  | {
      callerIdType: "CONTACT";
      objectCoordinates: ObjectCoordinates;
      firstName?: string;
      lastName?: string;
      email?: string;
    }
  | {
      callerIdType: "COMPANY";
      objectCoordinates: ObjectCoordinates;
      name?: string;
    };

/**
 * `CALLER_ID_MATCH_SUCCEEDED`: the records matching an incoming caller.
 *
 * @example
 * ```ts
 * const payload: CallerIdMatchPayload = { callerIdMatches: [] };
 * ```
 */
export interface CallerIdMatchPayload {
  callerIdMatches: CallerIdMatch[];
  externalCallId?: string;
}

/**
 * `VISIBILITY_CHANGED`: the widget was minimised or hidden by HubSpot.
 *
 * @example
 * ```ts
 * const payload: VisibilityPayload = { isMinimized: true, isHidden: false };
 * ```
 */
export interface VisibilityPayload {
  isMinimized: boolean;
  isHidden: boolean;
}

/**
 * `NAVIGATE_TO_RECORD_FAILED`: HubSpot could not open the record.
 *
 * @example
 * ```ts
 * const payload: NavigateToRecordFailedPayload = {
 *   objectCoordinates: { portalId: 1, objectId: 101, objectTypeId: "0-1" },
 * };
 * ```
 */
export interface NavigateToRecordFailedPayload extends FailurePayload {
  objectCoordinates?: ObjectCoordinates;
}

/**
 * A payload whose shape HubSpot does not document (`SET_CALL_STATE`,
 * `INITIATE_CALL_ID_*`, inbound `ERROR`): a shallow copy of its fields with
 * primitive values.
 *
 * @example
 * ```ts
 * const payload: UnverifiedPayload = { callId: "abc" };
 * ```
 */
export type UnverifiedPayload = Record<string, string | number | boolean | null>;

/**
 * The payload of every message HubSpot sends, by wire type.
 *
 * @example
 * ```ts
 * type Dial = InboundPayloads["DIAL_NUMBER"]; // DialNumberPayload
 * ```
 */
export interface InboundPayloads {
  SYNC: HostContext;
  DIAL_NUMBER: DialNumberPayload;
  ENGAGEMENT_CREATED: EngagementIdPayload;
  CREATE_ENGAGEMENT_SUCCEEDED: EngagementIdPayload;
  CREATE_ENGAGEMENT_FAILED: FailurePayload;
  UPDATE_ENGAGEMENT_SUCCEEDED: EngagementIdPayload;
  UPDATE_ENGAGEMENT_FAILED: FailurePayload;
  FINALIZE_ENGAGEMENT_SUCCEEDED: Partial<EngagementIdPayload>;
  FINALIZE_ENGAGEMENT_FAILED: FailurePayload;
  PUBLISH_TO_CHANNEL_SUCCEEDED: Partial<EngagementIdPayload>;
  PUBLISH_TO_CHANNEL_FAILED: FailurePayload;
  CALLER_ID_MATCH_SUCCEEDED: CallerIdMatchPayload;
  CALLER_ID_MATCH_FAILED: FailurePayload;
  END_CALL: undefined;
  VISIBILITY_CHANGED: VisibilityPayload;
  NAVIGATE_TO_RECORD_FAILED: NavigateToRecordFailedPayload;
  SET_WIDGET_URL_FAILED: FailurePayload;
  INITIATE_CALL_ID_SUCCEEDED: UnverifiedPayload;
  INITIATE_CALL_ID_FAILED: FailurePayload;
  SET_CALL_STATE: UnverifiedPayload;
  UNLOADING: undefined;
  ERROR: UnverifiedPayload;
}

/**
 * `INITIALIZED`: the widget is ready for interaction.
 *
 * @example
 * ```ts
 * const payload: InitializedPayload = { isLoggedIn: true, sizeInfo: { width: 400, height: 600 } };
 * ```
 */
export interface InitializedPayload {
  isLoggedIn?: boolean;
  isAvailable?: boolean;
  engagementId?: HubSpotId;
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
  width: number;
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
  externalCallId: string;
  engagementId?: HubSpotId;
  callEndStatus?: EndStatus;
}

/**
 * Engagement (call object) properties: every value a string, as HubSpot's
 * CRM expects. Known `hs_*` names are listed; others are allowed.
 *
 * @example
 * ```ts
 * const properties: EngagementProperties = {
 *   hs_timestamp: String(Date.now()), hs_call_body: "Left a voicemail",
 * };
 * ```
 */
export interface EngagementProperties {
  hs_timestamp?: string;
  hs_call_body?: string;
  hs_call_title?: string;
  hs_call_direction?: "INBOUND" | "OUTBOUND";
  hs_call_duration?: string;
  hs_call_from_number?: string;
  hs_call_to_number?: string;
  hs_call_recording_url?: string;
  hs_call_status?: string;
  hs_call_disposition?: string;
  hubspot_owner_id?: string;
  hs_activity_type?: string;
  hs_attachment_ids?: string;
  hs_call_callee_object_id?: string;
  hs_call_callee_object_type?: string;
  hs_call_external_id?: string;
  hs_call_external_account_id?: string;
  hs_call_app_id?: string;
  hs_call_source?: string;
  [property: string]: string | undefined;
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
  externalCallId: string;
  engagementId?: HubSpotId;
  hideWidget?: boolean;
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
  externalCallId: string;
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
  objectCoordinates: ObjectCoordinates;
  engagementId?: HubSpotId;
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
  debugMode?: boolean;
  version?: string;
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
  SYNC_ACK: SyncAckPayload;
  INITIALIZED: InitializedPayload;
  LOGGED_IN: undefined;
  LOGGED_OUT: undefined;
  USER_AVAILABLE: undefined;
  USER_UNAVAILABLE: undefined;
  OUTGOING_CALL_STARTED: CallStartedPayload;
  INCOMING_CALL: CallStartedPayload;
  CALL_ANSWERED: ExternalCallIdPayload;
  CALL_TRANSFERRED: ExternalCallIdPayload;
  CALL_ENDED: CallEndedPayload;
  CALL_COMPLETED: CallCompletedPayload;
  CALL_DATA: Record<string, unknown>;
  FINALIZE_ENGAGEMENT: FinalizeEngagementPayload;
  PUBLISH_TO_CHANNEL: FinalizeEngagementPayload;
  NAVIGATE_TO_RECORD: NavigateToRecordPayload;
  ERROR: ErrorPayload;
  RESIZE_WIDGET: WidgetSize;
  SET_WIDGET_URL: SetWidgetUrlPayload;
}

type MessageOf<P, K extends keyof P> = P[K] extends undefined
  ? { type: K; data?: undefined }
  : { type: K; data: P[K] };

/**
 * A validated message from HubSpot: a discriminated union on `type`.
 *
 * @example
 * ```ts
 * function handle(message: InboundMessage) {
 *   if (message.type === "DIAL_NUMBER") console.log(message.data.calleeInfo);
 * }
 * ```
 */
export type InboundMessage = {
  [K in InboundMessageType]: MessageOf<InboundPayloads, K>;
}[InboundMessageType];

/**
 * A message the widget sends: a discriminated union on `type`.
 *
 * @example
 * ```ts
 * const message: OutboundMessage = { type: "RESIZE_WIDGET", data: { width: 400, height: 600 } };
 * ```
 */
export type OutboundMessage = {
  [K in OutboundMessageType]: MessageOf<OutboundPayloads, K>;
}[OutboundMessageType];

/**
 * The inbound message of one type.
 *
 * @example
 * ```ts
 * type Sync = InboundMessageOf<"SYNC">; // { type: "SYNC"; data: HostContext }
 * ```
 */
export type InboundMessageOf<K extends InboundMessageType> = Extract<InboundMessage, { type: K }>;
