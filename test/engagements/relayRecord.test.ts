import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildEngagementProperties } from "../../src/engagements/engagementProperties";
import { parseRelayRecord, toRelayRecord, type RelayRecord } from "../../src/engagements/relayRecord";
import { ValidationError } from "../../src/errors/validationError";
import { makeCall } from "./fixtures";

const valid = (): RelayRecord =>
  toRelayRecord({ call: makeCall(1, { portalId: 123, ownerId: 9 }), engagementId: 41_298_765_432, properties: { hs_call_body: "hi" } });

function issuesOf(value: unknown) {
  try {
    parseRelayRecord(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error("expected a ValidationError");
}

describe("toRelayRecord / parseRelayRecord", () => {
  it("round-trips a record through JSON", () => {
    const record = valid();
    expect(parseRelayRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
    expect(record.version).toBe(1);
  });

  it("copies the input instead of sharing it", () => {
    const call = makeCall(1);
    const record = toRelayRecord({ call, engagementId: undefined, properties: {} });
    call.notes = "changed";
    expect(record.call.notes).toBe("Notes for call 1");
    expect("engagementId" in record).toBe(false);
  });

  it("keeps only known fields", () => {
    const record = JSON.parse(JSON.stringify(valid()));
    record.extra = "x";
    record.call.injected = { evil: true };
    const parsed = parseRelayRecord(record);
    expect(parsed).not.toHaveProperty("extra");
    expect(parsed.call).not.toHaveProperty("injected");
  });

  it("lists every problem with its path", () => {
    const record = JSON.parse(JSON.stringify(valid()));
    record.version = 2;
    record.call.externalCallId = "";
    record.call.direction = "SIDEWAYS";
    record.call.startedAt = -1;
    record.call.durationMs = 1.5;
    record.call.endStatus = "EXPLODED";
    record.call.recordingUrl = "http://insecure.example.com/a.mp3";
    record.call.callee = { objectId: 1, objectTypeId: "contact" };
    record.engagementId = "123";
    record.properties = { "Bad-Name": "x", hs_call_body: 5 };
    expect(issuesOf(record).map((issue) => issue.path)).toEqual([
      "version",
      "call.externalCallId",
      "call.direction",
      "call.startedAt",
      "call.durationMs",
      "call.endStatus",
      "call.callee.objectTypeId",
      "call.recordingUrl",
      "engagementId",
      "properties.Bad-Name",
      "properties.hs_call_body",
    ]);
  });

  it("refuses missing parts, wrong types and oversized values", () => {
    expect(issuesOf(null)).toEqual([{ path: "", message: "must be a JSON object" }]);
    expect(issuesOf([])).toEqual([{ path: "", message: "must be a JSON object" }]);
    expect(issuesOf({ version: 1 }).map((i) => i.path)).toEqual(["call", "properties"]);
    const record = JSON.parse(JSON.stringify(valid()));
    record.call.notes = "x".repeat(70_000);
    record.call.externalCallId = "a\nb";
    record.properties = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, "v"]));
    expect(issuesOf(record)).toEqual([
      { path: "call.externalCallId", message: expect.stringMatching(/^must be printable ASCII/) },
      { path: "call.notes", message: "must be at most 65536 characters" },
      { path: "properties", message: "must have at most 100 entries" },
    ]);
  });

  it("refuses a non-https recording URL in properties", () => {
    const record = JSON.parse(JSON.stringify(valid()));
    record.properties.hs_call_recording_url = "ftp://x/y.mp3";
    expect(issuesOf(record)).toEqual([{ path: "properties.hs_call_recording_url", message: "must be an https:// URL" }]);
  });

  it("leaves out properties the call gives by itself, so notes travel once, and the relay can rebuild them", () => {
    const call = makeCall(1, { notes: "会".repeat(12_000) });
    const full = buildEngagementProperties(call, { hs_call_title: "Custom title", hs_activity_type: "Demo" });
    const record = toRelayRecord({ call, engagementId: undefined, properties: full });
    expect(record.properties).toEqual({ hs_call_title: "Custom title", hs_activity_type: "Demo" });
    expect(buildEngagementProperties(record.call, record.properties)).toEqual(full);
    // A property that overrides what the call gives is kept.
    const overridden = toRelayRecord({ call, engagementId: undefined, properties: { ...full, hs_call_body: "edited" } });
    expect(overridden.properties.hs_call_body).toBe("edited");
    expect(new TextEncoder().encode(JSON.stringify(record)).byteLength).toBeLessThan(40_000);
  });

  it("answers any JSON value with a record or a ValidationError, never anything else", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          parseRelayRecord(value);
        } catch (error) {
          return error instanceof ValidationError && error.issues.length > 0;
        }
        return true;
      }),
      { numRuns: 500, seed: 42 },
    );
  });

  it("finds the problem when any one field of a valid record is replaced", () => {
    const base = JSON.parse(JSON.stringify(valid())) as Record<string, Record<string, unknown>>;
    const callKeys = ["externalCallId", "direction", "fromNumber", "toNumber", "startedAt", "endedAt", "durationMs", "endStatus"];
    fc.assert(
      fc.property(fc.constantFrom(...callKeys), fc.oneof(fc.constant(null), fc.boolean(), fc.object(), fc.double({ min: -1e9, max: -1 })), (key, junk) => {
        const record = structuredClone(base);
        (record.call as Record<string, unknown>)[key] = junk;
        const issues = issuesOf(record);
        return issues.some((issue) => issue.path === `call.${key}`);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it("refuses ids that fetch would trim or refuse as the Idempotency-Key header", () => {
    for (const id of [" call-1", "call-1 ", "caf\u00e9", "call-\u{1F600}", "a\tb", "a\nb", " "]) {
      const record = JSON.parse(JSON.stringify(valid()));
      record.call.externalCallId = id;
      expect(issuesOf(record), JSON.stringify(id)).toEqual([
        { path: "call.externalCallId", message: expect.stringContaining("Idempotency-Key header") },
      ]);
    }
    for (const id of ["call-1", "sip:a b@example.com/1;x=\"y\"", "~"]) {
      const record = JSON.parse(JSON.stringify(valid()));
      record.call.externalCallId = id;
      expect(parseRelayRecord(record).call.externalCallId).toBe(id);
    }
  });

  it("refuses engagement id 0, which no HubSpot engagement has", () => {
    const record = JSON.parse(JSON.stringify(valid()));
    record.engagementId = 0;
    record.call.engagementId = 0;
    expect(issuesOf(record)).toEqual([
      { path: "call.engagementId", message: "must be a positive integer" },
      { path: "engagementId", message: "must be a positive integer" },
    ]);
  });
});
