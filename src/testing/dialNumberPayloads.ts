import type { DialNumberPayload, HostContext } from "../sdk/messages";

/** @internal The host context simulated HubSpots send in SYNC: realistic ids, the classic widget. */
export const DEFAULT_HOST_CONTEXT = {
  portalId: 987_654_321,
  userId: 4_444_444,
  ownerId: 55_555_555,
  iframeLocation: "widget",
  usesCallingWindow: false,
} as const satisfies Omit<HostContext, "hostUrl">;

/**
 * The names of the {@link DIAL_NUMBER_VARIANTS}, in order.
 *
 * @example
 * ```ts
 * for (const name of DIAL_NUMBER_VARIANT_NAMES) host.dialNumber(DIAL_NUMBER_VARIANTS[name]);
 * ```
 */
export const DIAL_NUMBER_VARIANT_NAMES = [
  "documented",
  "seenInPractice",
  "issue216",
  "issue228",
  "legacyPhoneField",
  "ticket",
  "company",
  "bareNumber",
] as const;

/**
 * The name of one of {@link DIAL_NUMBER_VARIANTS}.
 *
 * @example
 * ```ts
 * const variant: DialNumberVariant = "seenInPractice";
 * host.dialNumber(DIAL_NUMBER_VARIANTS[variant]);
 * ```
 */
export type DialNumberVariant = (typeof DIAL_NUMBER_VARIANT_NAMES)[number];

const VARIANTS = {
  documented: {},
  seenInPractice: {
    phone_number: "+1 (617) 555-0100",
    threadId: 0,
    objectId: 0,
    objectType: undefined,
  },
  // Verbatim from the issues but for the phone numbers, masked there
  // ("xxxx", "+38096*******"): fictional numbers in the same form. Every
  // default field is overridden, so these are the whole payloads.
  issue216: {
    phoneNumber: "+919876543210",
    phone_number: "+919876543210",
    countryCode: "IN",
    calleeInfo: { calleeId: 120_513_766, calleeObjectTypeId: "0-1" },
    ownerId: 295_128_649,
    subjectId: 0,
    objectId: 0,
    objectType: undefined,
    startTimestamp: 1_723_291_227_334,
    portalId: 81_431,
    toPhoneNumberSrc: "phone",
    threadId: 0,
  },
  issue228: {
    phone_number: "+380961234567",
    calleeInfo: { calleeId: 37_621_684_164, calleeObjectTypeId: "0-1" },
    objectId: 0,
    objectType: undefined,
    countryCode: "UA",
    startTimestamp: 1_726_736_715_220,
    toPhoneNumberSrc: "phone",
    subjectId: 0,
    portalId: 145_006_115,
    phoneNumber: "+380961234567",
    threadId: 0,
    ownerId: 275_088_328,
  },
  legacyPhoneField: { phoneNumber: undefined, phone_number: "+1 (617) 555-0100" },
  ticket: {
    objectId: 0,
    objectType: "TICKET",
    subjectId: 1_900_000_042,
  },
  company: {
    objectId: 2_000_000_202,
    objectType: "COMPANY",
    calleeInfo: { calleeId: 2_000_000_202, calleeObjectTypeId: "0-2" },
  },
  bareNumber: {
    objectId: undefined,
    objectType: undefined,
    calleeInfo: undefined,
    subjectId: undefined,
    countryCode: undefined,
    toPhoneNumberSrc: undefined,
    ownerId: undefined,
    portalId: undefined,
  },
} as const satisfies Record<DialNumberVariant, Partial<DialNumberPayload>>;

/**
 * Realistic `DIAL_NUMBER` variations, as changes to the documented payload
 * that `host.dialNumber()` sends by default. A field set to `undefined` is
 * left out of the message.
 *
 * - `documented`: every documented field, `calleeInfo` naming a contact.
 * - `seenInPractice`: what HubSpot sends today according to the SDK's issues
 *   216 and 228: an extra `phone_number` and `threadId` (the number `0`),
 *   `objectId` `0`, no `objectType`.
 * - `issue216`, `issue228`: the payloads quoted in those issues, verbatim but
 *   for the phone numbers (masked there): `threadId`, `objectId` and
 *   `subjectId` `0`, no `objectType`, the callee in `calleeInfo`.
 * - `legacyPhoneField`: only `phone_number`, no `phoneNumber`.
 * - `ticket`: a call from a ticket: `objectType` `"TICKET"`, the callee a
 *   contact found through the ticket.
 * - `company`: a call to a company record.
 * - `bareNumber`: just a number, nothing about the record.
 *
 * @example
 * ```ts
 * host.dialNumber(DIAL_NUMBER_VARIANTS.seenInPractice);
 * host.dialNumber({ ...DIAL_NUMBER_VARIANTS.ticket, phoneNumber: "+44 20 7946 0000" });
 * ```
 */
export const DIAL_NUMBER_VARIANTS: Readonly<Record<DialNumberVariant, Readonly<Partial<DialNumberPayload>>>> = VARIANTS;


/**
 * The full `DIAL_NUMBER` payload a simulated HubSpot sends: the documented
 * fields with realistic values (ids above 2^31, a contact as callee),
 * `changes` applied on top, fields set to `undefined` removed.
 *
 * @example
 * ```ts
 * dialNumberPayload({ phoneNumber: "+16175550123" }, Date.now());
 * ```
 */
export function dialNumberPayload(changes: Partial<DialNumberPayload>, now: number): DialNumberPayload {
  const payload: Record<string, unknown> = {
    phoneNumber: "+1 (617) 555-0100",
    ownerId: DEFAULT_HOST_CONTEXT.ownerId,
    portalId: DEFAULT_HOST_CONTEXT.portalId,
    objectId: 3_000_000_101,
    objectType: "CONTACT",
    subjectId: 3_000_000_101,
    countryCode: "US",
    calleeInfo: { calleeId: 3_000_000_101, calleeObjectTypeId: "0-1" },
    startTimestamp: now,
    toPhoneNumberSrc: "Phone number",
    ...changes,
  };
  for (const key of Object.keys(payload)) if (payload[key] === undefined) delete payload[key];
  return payload as DialNumberPayload;
}
