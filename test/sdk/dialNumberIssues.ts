// DIAL_NUMBER payloads quoted in HubSpot/calling-extensions-sdk issues 216 and
// 228, verbatim (field order included) but for the phone numbers, which the
// reporters masked ("xxxx", "+38096*******"). Note `threadId: 0`, a number.

/** https://github.com/HubSpot/calling-extensions-sdk/issues/216 */
export const ISSUE_216 = {
  phoneNumber: "+919876543210",
  phone_number: "+919876543210",
  countryCode: "IN",
  calleeInfo: { calleeId: 120513766, calleeObjectTypeId: "0-1" },
  ownerId: 295128649,
  subjectId: 0,
  objectId: 0,
  startTimestamp: 1723291227334,
  portalId: 81431,
  toPhoneNumberSrc: "phone",
  threadId: 0,
};

/** https://github.com/HubSpot/calling-extensions-sdk/issues/228 */
export const ISSUE_228 = {
  phone_number: "+380961234567",
  calleeInfo: { calleeId: 37621684164, calleeObjectTypeId: "0-1" },
  objectId: 0,
  countryCode: "UA",
  startTimestamp: 1726736715220,
  toPhoneNumberSrc: "phone",
  subjectId: 0,
  portalId: 145006115,
  phoneNumber: "+380961234567",
  threadId: 0,
  ownerId: 275088328,
};
