// DIAL_NUMBER: HubSpot asks the widget to call a number.
import type { HubSpotId } from "./hubSpotId";

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
