import { describe, expect, it } from "vitest";
import { parseRelayRecord, toRelayRecord } from "../../src/engagements/relayRecord";
import { recordRevision } from "../../src/server/recordRevision";
import { makeCall } from "../engagements/fixtures";

// The relay's view of a record: what parseRelayRecord makes of the JSON.
const received = (...args: Parameters<typeof toRelayRecord>) => parseRelayRecord(JSON.parse(JSON.stringify(toRelayRecord(...args))));

describe("recordRevision", () => {
  it("gives the same revision to the same content and another to corrected notes or properties", () => {
    const first = recordRevision(received({ call: makeCall(1), engagementId: 5, properties: {} }));
    expect(first).toMatch(/^[0-9a-z]{1,11}$/);
    expect(recordRevision(received({ call: makeCall(1), engagementId: 5, properties: {} }))).toBe(first);
    expect(recordRevision(received({ call: makeCall(1, { notes: "Corrected" }), engagementId: 5, properties: {} }))).not.toBe(first);
    expect(recordRevision(received({ call: makeCall(1), engagementId: 5, properties: { hs_call_title: "T" } }))).not.toBe(first);
    expect(recordRevision(received({ call: makeCall(1), engagementId: undefined, properties: {} }))).not.toBe(first);
  });

  it("does not depend on the order of the fields in the JSON that arrived", () => {
    const record = toRelayRecord({ call: makeCall(1), engagementId: 5, properties: { hs_call_title: "T", hs_activity_type: "Demo" } });
    const reordered = JSON.parse(
      JSON.stringify({
        properties: Object.fromEntries(Object.entries(record.properties).reverse()),
        call: Object.fromEntries(Object.entries(record.call).reverse()),
        engagementId: 5,
        version: 1,
      }),
    );
    expect(recordRevision(parseRelayRecord(reordered))).toBe(recordRevision(parseRelayRecord(JSON.parse(JSON.stringify(record)))));
  });
});
