// The CRM call object's properties, as CALL_COMPLETED carries them.

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
