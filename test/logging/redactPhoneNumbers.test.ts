import { describe, expect, it } from "vitest";
import { redactPhoneNumbers } from "../../src/index";

describe("redactPhoneNumbers", () => {
  it("masks every digit but the last two under keys that name a number or phone", () => {
    expect(
      redactPhoneNumbers({ toNumber: "+16175550100", phone_number: "(617) 555-0100", fromNumber: "+44 20 7946 0958" }),
    ).toEqual({ toNumber: "+•••••••••00", phone_number: "(•••) •••-••00", fromNumber: "+•• •• •••• ••58" });
  });

  it("masks phone-like runs inside free text and leaves short numbers alone", () => {
    expect(redactPhoneNumbers({ notes: "Call +1 617 555 0100 about room 42, ext 1234" })).toEqual({
      notes: "Call +• ••• ••• ••00 about room 42, ext 1234",
    });
    expect(redactPhoneNumbers("HubSpot sent ERROR for 617.555.0100")).toBe("HubSpot sent ERROR for •••.•••.••00");
  });

  it("leaves ids alone: UUIDs, bare digit strings and number values", () => {
    const value = {
      externalCallId: "0b7d6a6e-2f7a-4c55-9a43-6d2b1f1c3e21",
      engagementId: 98765432101,
      callStartTime: "1764077400000",
      notes: "1764077400000",
    };
    expect(redactPhoneNumbers(value)).toEqual(value);
  });

  it("copies objects and arrays instead of changing them", () => {
    const value = { calls: [{ toNumber: "+16175550100" }], nested: { callee: { phoneNumber: "+16175550101" } } };
    const redacted = redactPhoneNumbers(value);
    expect(redacted).toEqual({ calls: [{ toNumber: "+•••••••••00" }], nested: { callee: { phoneNumber: "+•••••••••01" } } });
    expect(value.calls[0]!.toNumber).toBe("+16175550100");
    expect(value.nested.callee.phoneNumber).toBe("+16175550101");
  });

  it("masks strings in arrays under a phone key", () => {
    expect(redactPhoneNumbers({ callerNumbers: ["+16175550100", "+16175550199"] })).toEqual({
      callerNumbers: ["+•••••••••00", "+•••••••••99"],
    });
  });

  it("keeps a __proto__ key as data without changing the copy's prototype", () => {
    const hostile = JSON.parse('{"__proto__": {"toNumber": "+16175550100"}, "phone": "+16175550101"}') as object;
    const redacted = redactPhoneNumbers(hostile) as Record<string, unknown>;
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(redacted, "__proto__")?.value).toEqual({ toNumber: "+•••••••••00" });
    expect(redacted.phone).toBe("+•••••••••01");
  });

  it("cuts values nested deeper than six levels instead of logging them unredacted", () => {
    const deep = { a: { b: { c: { d: { e: { f: { toNumber: "+16175550100" } } } } } } };
    const text = JSON.stringify(redactPhoneNumbers(deep));
    expect(text).not.toContain("6175550100");
    expect(text).toContain("[nested too deep]");
  });
});

describe("redactPhoneNumbers on huge values", () => {
  it("keeps the first 200 entries of an object or array and counts the rest", () => {
    const wide = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`k${i}`, i === 0 ? "+16175550100" : i]));
    const redacted = redactPhoneNumbers(wide) as Record<string, unknown>;
    expect(Object.keys(redacted)).toHaveLength(201);
    expect(redacted["[more]"]).toBe("50 more keys");
    expect(redacted.k0).toBe("+•••••••••00");
    const long = redactPhoneNumbers(Array.from({ length: 1_000 }, () => "x")) as unknown[];
    expect(long).toHaveLength(201);
    expect(long[200]).toBe("[800 more]");
  });
});
