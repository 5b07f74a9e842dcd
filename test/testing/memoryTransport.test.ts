import { describe, expect, it } from "vitest";
import { createCallingClient, type DialRequest } from "../../src/index";
import {
  createMemoryTransport,
  DIAL_NUMBER_VARIANT_NAMES,
  DIAL_NUMBER_VARIANTS,
  type DialNumberVariant,
  dialNumberPayload,
  simulatedProvider,
} from "../../src/testing/index";
import { ISSUE_216, ISSUE_228 } from "../sdk/dialNumberIssues";

async function connected(options: Parameters<typeof createMemoryTransport>[0] = {}) {
  const host = createMemoryTransport(options);
  const provider = simulatedProvider({ outcome: "manual" });
  const client = createCallingClient({ provider, transport: host.transport });
  host.sync();
  await client.ready();
  await client.logIn();
  return { host, provider, client };
}

describe("DIAL_NUMBER variants", () => {
  it("builds the documented payload, with changes applied and undefined fields left out", () => {
    const payload = dialNumberPayload({ phoneNumber: "+16175550123", countryCode: undefined }, 1_700_000_000_000);
    expect(payload).toMatchObject({
      phoneNumber: "+16175550123",
      calleeInfo: { calleeId: 3_000_000_101, calleeObjectTypeId: "0-1" },
      startTimestamp: 1_700_000_000_000,
    });
    expect("countryCode" in payload).toBe(false);
  });

  it('"issue216" and "issue228" send the payloads quoted in those SDK issues, whole', () => {
    expect(dialNumberPayload(DIAL_NUMBER_VARIANTS.issue216, 1)).toEqual(ISSUE_216);
    expect(dialNumberPayload(DIAL_NUMBER_VARIANTS.issue228, 1)).toEqual(ISSUE_228);
    expect(DIAL_NUMBER_VARIANTS.seenInPractice).toMatchObject({ threadId: 0, objectId: 0 });
  });

  const expected: Record<DialNumberVariant, Partial<DialRequest>> = {
    documented: { phoneNumber: "+1 (617) 555-0100", callee: { objectId: 3_000_000_101, objectTypeId: "0-1" } },
    seenInPractice: { phoneNumber: "+1 (617) 555-0100", callee: { objectId: 3_000_000_101, objectTypeId: "0-1" } },
    issue216: { phoneNumber: "+919876543210", callee: { objectId: 120_513_766, objectTypeId: "0-1" } },
    issue228: { phoneNumber: "+380961234567", callee: { objectId: 37_621_684_164, objectTypeId: "0-1" } },
    legacyPhoneField: { phoneNumber: "+1 (617) 555-0100" },
    ticket: { phoneNumber: "+1 (617) 555-0100", callee: { objectId: 3_000_000_101, objectTypeId: "0-1" } },
    company: { callee: { objectId: 2_000_000_202, objectTypeId: "0-2" } },
    bareNumber: { phoneNumber: "+1 (617) 555-0100", callee: null },
  };
  for (const variant of DIAL_NUMBER_VARIANT_NAMES) {
    it(`"${variant}" passes validation and becomes a dial request`, async () => {
      const { host, client } = await connected();
      const requested = new Promise<DialRequest>((resolve) => client.on("dialRequested", ({ request }) => resolve(request)));
      const sent = host.dialNumber(DIAL_NUMBER_VARIANTS[variant]);
      const request = await requested;
      expect(request).toMatchObject(expected[variant]);
      expect(request.payload).toEqual(sent);
      client.destroy();
    });
  }

  it("records what HubSpot sent with its payload, and SYNC whole", async () => {
    const { host, client } = await connected();
    host.dialNumber({ phoneNumber: "+16175550123" });
    const log = host.messages();
    expect(log[0]).toMatchObject({ direction: "toWidget", type: "SYNC", data: { type: "SYNC", portalId: 987_654_321 } });
    expect(log.at(-1)).toMatchObject({ direction: "toWidget", type: "DIAL_NUMBER", data: { phoneNumber: "+16175550123" } });
    client.destroy();
  });
});

describe("createMemoryTransport: replies", () => {
  it("answers an incoming call with caller-ID matches when told to, and finalizes engagements", async () => {
    const { host, provider, client } = await connected({
      autoCallerId: [{ callerIdType: "COMPANY", objectCoordinates: { portalId: 1, objectId: 2, objectTypeId: "0-2" }, name: "Acme" }],
    });
    const seen: string[] = [];
    host.subscribe((message) => seen.push(`${message.direction}:${message.type}`));
    const matched = new Promise((resolve) => client.on("callerIdMatched", ({ matches }) => resolve(matches)));
    provider.incoming({ from: "+16175550123", to: "+16175550199" });
    await expect(matched).resolves.toEqual([expect.objectContaining({ callerIdType: "COMPANY", name: "Acme" })]);
    expect(seen).toEqual(["toHost:INCOMING_CALL", "toWidget:CREATE_ENGAGEMENT_SUCCEEDED", "toWidget:CALLER_ID_MATCH_SUCCEEDED"]);

    const call = client.getCall();
    await call?.answer();
    await call?.hangUp();
    await call?.finalize({ timeout: 1_000 });
    expect((await host.nextMessage("FINALIZE_ENGAGEMENT")).data.engagementId).toBe(await call?.engagementId);
    client.destroy();
  });

  it("changes its answers while running (setReplies)", async () => {
    const { host, client } = await connected();
    host.setReplies({ engagement: { fail: "Missing scope" } });
    const failed = new Promise((resolve) => client.on("engagementCreateFailed", ({ error }) => resolve(error.message)));
    await client.dial({ toNumber: "+16175550100" });
    await expect(failed).resolves.toContain("Missing scope");
    client.destroy();
  });
});

describe("createMemoryTransport: validation", () => {
  it('refuses what the real transport refuses, messageId "" and 0 included, and delivers the rest', async () => {
    const host = createMemoryTransport();
    const received: string[] = [];
    const issues: (readonly string[])[] = [];
    await host.transport.start({
      receive: (message) => received.push(message.type),
      protocolError: (error) => issues.push(error.issues),
      securityWarning: () => {},
    });
    host.sendRaw({ type: "END_CALL", messageId: "" });
    host.sendRaw({ type: "END_CALL", messageId: 0 });
    host.sendRaw({ type: "DIAL_NUMBER", messageId: "hs_1", data: ISSUE_216 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(received).toEqual(["DIAL_NUMBER"]);
    expect(issues).toEqual([
      ["messageId: required, a non-empty string or a non-zero number"],
      ["messageId: required, a non-empty string or a non-zero number"],
    ]);
  });
});

describe("createMemoryTransport: stop and start", () => {
  const sink = { receive: () => {}, protocolError: () => {}, securityWarning: () => {} };

  it("refuses to send once stopped, like the SDK transport, and serves the next client after start()", async () => {
    const host = createMemoryTransport();
    await host.transport.start(sink);
    host.transport.stop();
    expect(() => host.transport.send({ type: "LOGGED_IN" })).toThrow(expect.objectContaining({ code: "INVALID_STATE" }));
    expect(host.received()).toEqual([]);
    await host.transport.start(sink);
    host.sync();
    host.transport.send({ type: "LOGGED_IN" });
    await expect(host.nextMessage("LOGGED_IN", { timeout: 1_000 })).resolves.toMatchObject({ type: "LOGGED_IN" });
  });
});
