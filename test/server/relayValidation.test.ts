// The relay checks what a record would write before anything reaches
// HubSpot: property values HubSpot refuses or misreads, names that are
// Object.prototype members, and an owner other than the signed-in user.
// Relay -> calls writer -> fake HubSpot on loopback; the fake must see nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { toRelayRecord } from "../../src/engagements/relayRecord";
import { createCallsApiWriter } from "../../src/server/callsApiWriter";
import { createRelayHandler } from "../../src/server/relayHandler";
import type { RelayPrincipal } from "../../src/server/relayHandlerOptions";
import { makeCall } from "../engagements/fixtures";
import { callsRoutes } from "../support/fakeHubSpot/callsRoutes";
import { startFakeHubSpot, type FakeHubSpot } from "../support/fakeHubSpot/server";

const TOKEN = "pat-validation";
const OWNER = 7_001;
let hubspot: FakeHubSpot;

beforeAll(async () => {
  hubspot = await startFakeHubSpot({ routes: callsRoutes().routes, accessTokens: [TOKEN] });
});
afterAll(() => hubspot.close());
beforeEach(() => {
  hubspot.requests.length = 0;
});

function relay(principal: RelayPrincipal | true = { ownerId: OWNER }) {
  return createRelayHandler({
    writer: createCallsApiWriter({ accessToken: TOKEN, baseUrl: hubspot.url, retry: { baseDelayMs: 1, maxDelayMs: 2 } }),
    authenticate: () => principal,
  });
}

function post(record: object) {
  return new Request("http://relay.test/relay", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(record),
  });
}

const record = (properties: Record<string, string>, call = makeCall(1, { ownerId: OWNER })) => ({
  ...toRelayRecord({ call, engagementId: undefined, properties: {} }),
  properties,
});

describe("relay property checks", () => {
  const refused: [string, object, string][] = [
    ["a negative duration", record({ hs_call_duration: "-5" }), "properties.hs_call_duration"],
    ["a non-numeric duration", record({ hs_call_duration: "forty seconds" }), "properties.hs_call_duration"],
    ["a fractional duration", record({ hs_call_duration: "1.5" }), "properties.hs_call_duration"],
    ["an unparseable timestamp", record({ hs_timestamp: "yesterday" }), "properties.hs_timestamp"],
    ["an impossible ISO date", record({ hs_timestamp: "2026-13-45T99:00:00Z" }), "properties.hs_timestamp"],
    ["the name constructor", record({ constructor: "x" }), "properties.constructor"],
    ["the name prototype", record({ prototype: "x" }), "properties.prototype"],
    ["a direction HubSpot does not know", record({ hs_call_direction: "SIDEWAYS" }), "properties.hs_call_direction"],
    ["another user's hubspot_owner_id", record({ hubspot_owner_id: "9999" }), "properties.hubspot_owner_id"],
    ["a call owned by another user", record({}, makeCall(1, { ownerId: 9_999 })), "call.ownerId"],
  ];

  for (const [what, body, path] of refused) {
    it(`answers 400 for ${what}, naming ${path}, and sends nothing to HubSpot`, async () => {
      const response = await relay()(post(body));
      expect(response.status).toBe(400);
      const answer = (await response.json()) as { message: string; errors: { path: string; message: string }[] };
      expect(answer.message).toBe("Invalid call record");
      expect(answer.errors.map((e) => e.path)).toContain(path);
      expect(answer.errors.every((e) => e.message.length > 10)).toBe(true);
      expect(hubspot.requests).toEqual([]);
    });
  }

  it("refuses __proto__ as a property name without touching any prototype", async () => {
    const raw = `{"version":1,"call":${JSON.stringify(makeCall(2))},"properties":{"__proto__":{"polluted":"yes"}}}`;
    const response = await relay()(
      new Request("http://relay.test/relay", { method: "POST", headers: { "content-type": "application/json" }, body: raw }),
    );
    expect(response.status).toBe(400);
    expect(({} as { polluted?: string }).polluted).toBeUndefined();
    expect(hubspot.requests).toEqual([]);
  });

  it("writes valid values: ms or ISO timestamps, whole durations, the user's own owner id", async () => {
    const valid: Record<string, string>[] = [
      { hs_timestamp: "1700000000000", hs_call_duration: "0" },
      { hs_timestamp: "2026-03-01T12:00:00.000Z", hs_call_duration: "42000", hubspot_owner_id: String(OWNER) },
      { hs_timestamp: "2026-03-01" },
    ];
    for (const [i, properties] of valid.entries()) {
      const response = await relay()(post(record(properties, makeCall(10 + i, { ownerId: OWNER }))));
      expect(response.status).toBe(202);
    }
  });

  it("takes the record's owner as is when authenticate names no owner", async () => {
    const response = await relay(true)(post(record({ hubspot_owner_id: "9999" }, makeCall(20))));
    expect(response.status).toBe(202);
  });
});
