import type { HubSpotId, ObjectCoordinates } from "../sdk/messages";

/**
 * What a simulated HubSpot shows its user because of a widget message, as
 * HubSpot's page would: an alert for `ERROR`, opening a record for
 * `NAVIGATE_TO_RECORD`, a transfer for `CALL_TRANSFERRED`. Read them with
 * `host.notices()`, or from the `notice` of a recorded message.
 *
 * @example
 * ```ts
 * client.sendError({ message: "Microphone blocked" });
 * await host.nextMessage("ERROR");
 * host.notices(); // [{ kind: "error", message: "Microphone blocked" }]
 * ```
 */
export type HostNotice =
  | {
      /** HubSpot shows an alert with the widget's message. */
      kind: "error";
      /** The widget's message. */
      message: string;
    }
  | {
      /** HubSpot opens a CRM record. */
      kind: "navigateToRecord";
      /** The record. */
      objectCoordinates: ObjectCoordinates;
      /** Where HubSpot opens it (HubSpot's default: the current tab). */
      openIn: "CURRENT_TAB" | "NEW_TAB";
      /** The engagement the widget named, when it did. */
      engagementId?: HubSpotId;
    }
  | {
      /** The widget transferred the call to someone else. */
      kind: "callTransferred";
      /** The call transferred. */
      externalCallId: string;
    };
