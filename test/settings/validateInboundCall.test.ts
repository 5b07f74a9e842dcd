import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors/validationError";
import { validateInboundCall } from "../../src/settings/validateInboundCall";

const call = {
  externalCallId: "call-1",
  createEngagement: true,
  engagementProperties: {},
  finalCallStatus: "MISSED",
  fromNumber: "+14155550100",
  toNumber: { e164Number: "+14155550199", phoneNumberType: "MOBILE" },
  potentialRecipientUserIds: [1, 2],
};

function paths(input: unknown): string[] {
  try {
    validateInboundCall(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((issue) => issue.path);
  }
  throw new Error("expected a ValidationError");
}

describe("validateInboundCall", () => {
  it("normalizes numbers and the start time", () => {
    expect(
      validateInboundCall({ ...call, callStartedTimestamp: "2026-03-01T10:00:00+01:00" }),
    ).toEqual({
      ...call,
      fromNumber: { e164Number: "+14155550100" },
      callStartedTimestamp: "2026-03-01T09:00:00.000Z",
    });
  });

  it("reports every problem", () => {
    expect(
      paths({
        externalCallId: "",
        createEngagement: "yes",
        engagementProperties: { a: 1 },
        finalCallStatus: "DONE",
        fromNumber: "555-0100",
        toNumber: { e164Number: "+14155550199", extension: "ext 1" },
        potentialRecipientUserIds: [0],
        callStartedTimestamp: "yesterday",
        durationSeconds: -1,
        userId: "me",
        surprise: true,
      }),
    ).toEqual([
      "surprise",
      "externalCallId",
      "createEngagement",
      "engagementProperties",
      "finalCallStatus",
      "fromNumber",
      "toNumber.extension",
      "potentialRecipientUserIds",
      "callStartedTimestamp",
      "durationSeconds",
      "userId",
    ]);
  });
});
