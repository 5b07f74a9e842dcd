import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INBOUND_MESSAGE_TYPES, parseInboundMessage } from "../../src/index";
import { ISSUE_216, ISSUE_228 } from "./dialNumberIssues";
import { sampleMalformed } from "./malformed";

describe("parseInboundMessage", () => {
  it("accepts every documented message and keeps only known fields", () => {
    const parsed = parseInboundMessage({
      type: "DIAL_NUMBER",
      messageId: "1_2",
      data: {
        phoneNumber: "+16175550100",
        phone_number: "+16175550100",
        objectId: 0,
        objectType: "TICKET",
        ownerId: "41234567890",
        calleeInfo: { calleeId: 3_000_000_101, calleeObjectTypeId: "0-1", extra: 1 },
        threadId: "8123",
        evil: { nested: true },
      },
    });
    expect(parsed).toEqual({
      ok: true,
      message: {
        type: "DIAL_NUMBER",
        data: {
          phoneNumber: "+16175550100",
          phone_number: "+16175550100",
          objectId: 0,
          objectType: "TICKET",
          ownerId: 41_234_567_890,
          calleeInfo: { calleeId: 3_000_000_101, calleeObjectTypeId: "0-1" },
          threadId: "8123",
        },
      },
    });
  });

  for (const [name, data] of [["216", ISSUE_216], ["228", ISSUE_228]] as const) {
    it(`accepts DIAL_NUMBER as quoted in SDK issue ${name} (threadId 0, a number), keeping every field`, () => {
      expect(parseInboundMessage({ type: "DIAL_NUMBER", messageId: "hs_1", data })).toEqual({
        ok: true,
        message: { type: "DIAL_NUMBER", data },
      });
    });
  }

  it("converts DIAL_NUMBER's optional fields sent as the other kind (numbers as strings, strings as numbers)", () => {
    const parsed = parseInboundMessage({
      type: "DIAL_NUMBER",
      messageId: 17,
      data: {
        phoneNumber: "+16175550100",
        ownerId: "295128649",
        subjectId: "0",
        startTimestamp: "1723291227334",
        calleeInfo: { calleeId: "37621684164", calleeObjectTypeId: "0-1" },
        countryCode: 44,
        toPhoneNumberSrc: 7,
        threadId: "8123",
      },
    });
    expect(parsed).toEqual({
      ok: true,
      message: {
        type: "DIAL_NUMBER",
        data: {
          phoneNumber: "+16175550100",
          ownerId: 295_128_649,
          subjectId: 0,
          startTimestamp: 1_723_291_227_334,
          calleeInfo: { calleeId: 37_621_684_164, calleeObjectTypeId: "0-1" },
          countryCode: "44",
          toPhoneNumberSrc: "7",
          threadId: "8123",
        },
      },
    });
  });

  it("leaves out DIAL_NUMBER's unreadable optional fields instead of refusing the dial request", () => {
    const parsed = parseInboundMessage({
      type: "DIAL_NUMBER",
      messageId: "hs_2",
      data: {
        phoneNumber: "",
        phone_number: "+16175550100",
        ownerId: -1,
        portalId: 2 ** 60,
        objectId: "contact-1",
        objectType: { name: "CONTACT" },
        subjectId: [1],
        countryCode: "x".repeat(10_000),
        calleeInfo: { calleeId: "abc", calleeObjectTypeId: "0-1" },
        startTimestamp: "soon",
        toPhoneNumberSrc: true,
        threadId: { id: 1 },
      },
    });
    expect(parsed).toEqual({ ok: true, message: { type: "DIAL_NUMBER", data: { phone_number: "+16175550100" } } });
  });

  it("still requires a phone number: a non-blank string in phoneNumber or phone_number", () => {
    const issue = "data.phoneNumber: required, a non-blank string (or phone_number)";
    for (const data of [
      {},
      { phoneNumber: "", phone_number: "  " },
      { phoneNumber: 16_175_550_100 },
      { phone_number: null, objectId: 1 },
      { phoneNumber: "1".repeat(10_000) },
    ]) {
      expect(parseInboundMessage({ type: "DIAL_NUMBER", messageId: "1", data })).toEqual({ ok: false, issues: [issue] });
    }
  });

  it("keeps hostile DIAL_NUMBER fields out: __proto__, extra keys, huge nested objects", () => {
    const hostile = JSON.parse(
      '{"type":"DIAL_NUMBER","messageId":"1","data":{"phoneNumber":"+16175550100","__proto__":{"polluted":true},' +
        '"calleeInfo":{"calleeId":5,"calleeObjectTypeId":"0-1","__proto__":{"polluted":true}},"threadId":{"__proto__":{"polluted":true}}}}',
    );
    const huge = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, { deep: [i] }]));
    const parsed = parseInboundMessage(hostile);
    expect(parsed).toEqual({
      ok: true,
      message: { type: "DIAL_NUMBER", data: { phoneNumber: "+16175550100", calleeInfo: { calleeId: 5, calleeObjectTypeId: "0-1" } } },
    });
    expect(Object.getPrototypeOf(parsed.ok && parsed.message.data)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const flooded = parseInboundMessage({ type: "DIAL_NUMBER", messageId: "1", data: { ...huge, phoneNumber: "+1", calleeInfo: huge, objectType: huge } });
    expect(flooded).toEqual({ ok: true, message: { type: "DIAL_NUMBER", data: { phoneNumber: "+1" } } });
  });

  it("refuses a messageId the SDK would drop without a word: \"\", 0, NaN, or not a string or number", () => {
    const issue = "messageId: required, a non-empty string or a non-zero number";
    for (const messageId of ["", 0, -0, Number.NaN, Number.POSITIVE_INFINITY, null, true, {}, "x".repeat(10_000)]) {
      expect(parseInboundMessage({ type: "END_CALL", messageId })).toEqual({ ok: false, issues: [issue] });
      expect(parseInboundMessage({ type: "DIAL_NUMBER", messageId, data: { phoneNumber: "+16175550100" } })).toEqual({ ok: false, issues: [issue] });
    }
    for (const messageId of ["0", "hs_1", 1, -1, 1_723_291_227_334]) {
      expect(parseInboundMessage({ type: "END_CALL", messageId }).ok).toBe(true);
    }
  });

  it("reads SYNC's fields from the top level, as the SDK sends them", () => {
    const parsed = parseInboundMessage({ type: "SYNC", messageId: "x", portalId: 1, hostUrl: "https://app.hubspot.com" });
    expect(parsed).toEqual({
      ok: true,
      message: { type: "SYNC", data: { portalId: 1, hostUrl: "https://app.hubspot.com", iframeLocation: "widget", usesCallingWindow: false } },
    });
  });

  it("treats null as absent for optional fields (HubSpot sends engagementId: null)", () => {
    expect(parseInboundMessage({ type: "SYNC", messageId: "x", hostUrl: "https://app.hubspot.com", engagementId: null }).ok).toBe(true);
  });

  it("lists every problem with its path", () => {
    const parsed = parseInboundMessage({ type: "VISIBILITY_CHANGED", data: { isMinimized: "yes" } });
    expect(parsed).toEqual({
      ok: false,
      issues: ["messageId: required, a non-empty string or a non-zero number", "data.isMinimized: expected a boolean", "data.isHidden: required"],
    });
  });

  it("refuses ids that are not safe integers, strings that are too long, and too many caller-ID matches", () => {
    const bad = [
      { type: "CREATE_ENGAGEMENT_SUCCEEDED", messageId: "1", data: { engagementId: 2 ** 60 } },
      { type: "CREATE_ENGAGEMENT_SUCCEEDED", messageId: "1", data: { engagementId: -4 } },
      { type: "DIAL_NUMBER", messageId: "1", data: { phoneNumber: "1".repeat(10_000) } },
      { type: "CALLER_ID_MATCH_SUCCEEDED", messageId: "1", data: { callerIdMatches: new Array(201).fill({}) } },
    ];
    for (const message of bad) expect(parseInboundMessage(message).ok).toBe(false);
  });

  it("never copies __proto__ or pollutes prototypes", () => {
    const hostile = JSON.parse(
      '{"type":"ERROR","messageId":"1","data":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"message":"x"}}',
    );
    const parsed = parseInboundMessage(hostile);
    expect(parsed).toEqual({ ok: true, message: { type: "ERROR", data: { message: "x" } } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("survives objects whose getters throw (e.g. revoked proxies)", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const throwing = new Proxy({}, { get() { throw new Error("boom"); }, ownKeys() { throw new Error("boom"); } });
    expect(parseInboundMessage(proxy).ok).toBe(false);
    expect(parseInboundMessage({ type: "DIAL_NUMBER", messageId: "1", data: throwing }).ok).toBe(false);
  });

  it("never throws on arbitrary input, and only valid-typed messages pass", () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (value) => {
        const parsed = parseInboundMessage(value);
        if (parsed.ok) expect(INBOUND_MESSAGE_TYPES).toContain(parsed.message.type);
        else expect(parsed.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 10_000 },
    );
  });

  it("the fuzz corpus is really malformed: 10,000 messages, all refused", () => {
    const corpus = sampleMalformed(10_000);
    expect(corpus).toHaveLength(10_000);
    expect(corpus.filter((message) => parseInboundMessage(message).ok)).toEqual([]);
    // Every shape of mistake is represented, not just non-objects.
    const typed = corpus.filter((m) => typeof m === "object" && m !== null && INBOUND_MESSAGE_TYPES.includes((m as { type: never }).type));
    expect(typed.length).toBeGreaterThan(2_000);
  });
});

describe("parseInboundMessage: HubSpot's answers as they may really come", () => {
  const parse = (type: string, data: unknown) => parseInboundMessage({ type, messageId: "hs_9", data });

  it("takes a bare string error as the message, and leaves out an error of another form without losing the failure", () => {
    expect(parse("CREATE_ENGAGEMENT_FAILED", { error: "Missing scopes" })).toMatchObject({
      ok: true,
      message: { type: "CREATE_ENGAGEMENT_FAILED", data: { error: { message: "Missing scopes" } } },
    });
    const odd = parse("UPDATE_ENGAGEMENT_FAILED", { error: 42 });
    expect(odd).toMatchObject({ ok: true, message: { type: "UPDATE_ENGAGEMENT_FAILED" } });
    expect(odd.ok && odd.message.data).toEqual({});
    const hostile = parse("UPDATE_ENGAGEMENT_FAILED", JSON.parse('{"error": {"message": "no", "__proto__": {"x": 1}}}'));
    expect(hostile.ok && hostile.message.data).toEqual({ error: { message: "no" } });
  });

  it("accepts UPDATE_ENGAGEMENT_SUCCEEDED without an engagement id, but not CREATE_ENGAGEMENT_SUCCEEDED", () => {
    expect(parse("UPDATE_ENGAGEMENT_SUCCEEDED", {})).toMatchObject({ ok: true });
    expect(parse("CREATE_ENGAGEMENT_SUCCEEDED", {})).toMatchObject({ ok: false });
  });
});
