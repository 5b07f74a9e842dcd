// The payloads of the messages HubSpot sends to the widget.
import type { DialNumberPayload } from "./dialNumberPayload";
import type { HostContext } from "./hostContext";
import type { HubSpotId, ObjectCoordinates } from "./hubSpotId";

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
