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
 * fields, payloads seen in practice carry `phone_number` and `threadId` (the
 * number `0`), an `objectId` of `0` and a missing or `"TICKET"` `objectType`;
 * use `calleeInfo` for the record. At least one of `phoneNumber` /
 * `phone_number` is present and not blank. The other fields are optional and
 * lenient: a number sent as a string of digits (or a text field sent as a
 * number) is converted, and a field that cannot be read is left out rather
 * than failing the whole request.
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
  /** The number to call, as HubSpot shows it. */
  phoneNumber?: string;
  /** The same number under another name, seen in practice (SDK issues 216, 228). */
  phone_number?: string;
  /** The HubSpot owner id of the user. */
  ownerId?: HubSpotId;
  /** The HubSpot account (portal) id. */
  portalId?: HubSpotId;
  /** The CRM record id. */
  objectId?: HubSpotId;
  /** The record's type name, e.g. `CONTACT`; often missing or `TICKET` (use `calleeInfo`). */
  objectType?: string;
  /** The id of the record the user was on. */
  subjectId?: HubSpotId;
  /** The country code HubSpot inferred for the number. */
  countryCode?: string;
  /** The record being called; prefer it over `objectId`, which is often 0. */
  calleeInfo?: CalleeInfo;
  /** When the user clicked Call (ms since the epoch). */
  startTimestamp?: number;
  /** Which property of the record the number came from. */
  toPhoneNumberSrc?: string;
  /** A conversation thread id, seen in practice (as the number `0`, issues 216 and 228). */
  threadId?: string | number;
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
  /** HubSpot's engagement (call record) id. */
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
  /** HubSpot's explanation, when it sent one. */
  error?: {
    /** HubSpot's message. */
    message?: string;
  };
  /** Present on some messages; used to match the call when sent. */
  externalCallId?: string;
  /** HubSpot's engagement (call record) id. */
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
  /** The HubSpot account (portal) id. */
  portalId: HubSpotId;
  /** The CRM record id. */
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
      /** Whether the match is a contact or a company. */
      callerIdType: "CONTACT";
      /** Where the record lives. */
      objectCoordinates: ObjectCoordinates;
      /** The contact's first name. */
      firstName?: string;
      /** The contact's last name. */
      lastName?: string;
      /** The contact's email address. */
      email?: string;
    }
  | {
      /** Whether the match is a contact or a company. */
      callerIdType: "COMPANY";
      /** Where the record lives. */
      objectCoordinates: ObjectCoordinates;
      /** The company's name. */
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
  /** The records matching the caller, best first. */
  callerIdMatches: CallerIdMatch[];
  /** The call's id (the widget's UUID), repeated in every message about the call. */
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
  /** Whether HubSpot minimised the widget. */
  isMinimized: boolean;
  /** Whether HubSpot hid the widget. */
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
  /** Where the record lives. */
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
  /** The handshake, with the host context. */
  SYNC: HostContext;
  /** HubSpot asks to call a number. */
  DIAL_NUMBER: DialNumberPayload;
  /** Deprecated twin of CREATE_ENGAGEMENT_SUCCEEDED. */
  ENGAGEMENT_CREATED: EngagementIdPayload;
  /** HubSpot created the engagement. */
  CREATE_ENGAGEMENT_SUCCEEDED: EngagementIdPayload;
  /** HubSpot could not create the engagement. */
  CREATE_ENGAGEMENT_FAILED: FailurePayload;
  /** HubSpot wrote CALL_COMPLETED's properties (`engagementId` documented, but not required). */
  UPDATE_ENGAGEMENT_SUCCEEDED: Partial<EngagementIdPayload>;
  /** HubSpot could not write them. */
  UPDATE_ENGAGEMENT_FAILED: FailurePayload;
  /** FINALIZE_ENGAGEMENT worked (shape unverified). */
  FINALIZE_ENGAGEMENT_SUCCEEDED: Partial<EngagementIdPayload>;
  /** FINALIZE_ENGAGEMENT failed. */
  FINALIZE_ENGAGEMENT_FAILED: FailurePayload;
  /** Deprecated twin of FINALIZE_ENGAGEMENT_SUCCEEDED. */
  PUBLISH_TO_CHANNEL_SUCCEEDED: Partial<EngagementIdPayload>;
  /** Deprecated twin of FINALIZE_ENGAGEMENT_FAILED. */
  PUBLISH_TO_CHANNEL_FAILED: FailurePayload;
  /** Records matching an incoming caller. */
  CALLER_ID_MATCH_SUCCEEDED: CallerIdMatchPayload;
  /** Caller-ID matching failed. */
  CALLER_ID_MATCH_FAILED: FailurePayload;
  /** HubSpot asks the widget to hang up. */
  END_CALL: undefined;
  /** The widget was minimised, restored or hidden. */
  VISIBILITY_CHANGED: VisibilityPayload;
  /** HubSpot could not open the record. */
  NAVIGATE_TO_RECORD_FAILED: NavigateToRecordFailedPayload;
  /** HubSpot could not change the widget URL. */
  SET_WIDGET_URL_FAILED: FailurePayload;
  /** Undocumented; fields kept as sent. */
  INITIATE_CALL_ID_SUCCEEDED: UnverifiedPayload;
  /** Undocumented failure. */
  INITIATE_CALL_ID_FAILED: FailurePayload;
  /** Undocumented; fields kept as sent. */
  SET_CALL_STATE: UnverifiedPayload;
  /** HubSpot is unloading the widget. */
  UNLOADING: undefined;
  /** HubSpot reports an error (e.g. UNKNOWN_MESSAGE_TYPE). */
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
  /** When the call happened (ms since the epoch, as a string); places it on the timeline. */
  hs_timestamp?: string;
  /** The call notes. */
  hs_call_body?: string;
  /** The call's title. */
  hs_call_title?: string;
  /** `OUTBOUND` when the user called, `INBOUND` when the user was called. */
  hs_call_direction?: "INBOUND" | "OUTBOUND";
  /** Talk time in milliseconds, as a string. */
  hs_call_duration?: string;
  /** The number that called. */
  hs_call_from_number?: string;
  /** The number that was called. */
  hs_call_to_number?: string;
  /** An HTTPS URL of the recording (.mp3/.wav play in HubSpot). */
  hs_call_recording_url?: string;
  /** `BUSY`, `CALLING_CRM_USER`, `CANCELED`, `COMPLETED`, `CONNECTING`, `FAILED`, `IN_PROGRESS`, `NO_ANSWER`, `QUEUED` or `RINGING`. */
  hs_call_status?: string;
  /** The outcome's GUID (see `CALL_OUTCOMES`). */
  hs_call_disposition?: string;
  /** The owner shown as the call's creator. */
  hubspot_owner_id?: string;
  /** The account's call type. */
  hs_activity_type?: string;
  /** Attachment ids, separated by `;`. */
  hs_attachment_ids?: string;
  /** The record called (or calling, for inbound calls). */
  hs_call_callee_object_id?: string;
  /** That record's type, e.g. `CONTACT` or `COMPANY`. */
  hs_call_callee_object_type?: string;
  /** The vendor's call id, for recordings HubSpot fetches. */
  hs_call_external_id?: string;
  /** The vendor's account id, for recordings HubSpot fetches. */
  hs_call_external_account_id?: string;
  /** The calling app's id, for recordings HubSpot fetches. */
  hs_call_app_id?: string;
  /** `INTEGRATIONS_PLATFORM` to use HubSpot's recording pipeline. */
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

/**
 * The message of type `K` given a payload table `P`: `{ type, data }`, with
 * `data` optional when the message has no payload.
 *
 * @example
 * ```ts
 * type Ended = MessageOf<OutboundPayloads, "CALL_ENDED">; // { type: "CALL_ENDED"; data: CallEndedPayload }
 * ```
 */
export type MessageOf<P, K extends keyof P> = K extends unknown
  ? MessageOfOne<P, K>
  : never;

/**
 * {@link MessageOf} for a single type (`MessageOf` distributes over unions).
 *
 * @example
 * ```ts
 * type End = MessageOfOne<InboundPayloads, "END_CALL">; // { type: "END_CALL"; data?: undefined }
 * ```
 */
export type MessageOfOne<P, K extends keyof P> = P[K] extends undefined
  ? {
      /** The wire type. */
      type: K;
      /** This message has no payload. */
      data?: undefined;
    }
  : {
      /** The wire type. */
      type: K;
      /** The payload. */
      data: P[K];
    };

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
export type InboundMessageOf<K extends InboundMessageType> = MessageOf<InboundPayloads, K>;
