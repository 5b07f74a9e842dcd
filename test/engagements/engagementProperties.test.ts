import { describe, expect, it } from "vitest";
import { buildEngagementProperties, CALL_OUTCOMES, type CallRecord, isHttpsUrl } from "../../src/index";

const record: CallRecord = {
  externalCallId: "5b0c8f2e-0000-4000-8000-000000000001",
  direction: "OUTBOUND",
  fromNumber: "+16175550199",
  toNumber: "+16175550100",
  startedAt: 1_700_000_000_000,
  answeredAt: 1_700_000_003_000,
  endedAt: 1_700_000_045_500,
  durationMs: 42_500,
  endStatus: "COMPLETED",
};

describe("buildEngagementProperties", () => {
  it("maps a call record to HubSpot's call properties, all strings", () => {
    expect(buildEngagementProperties({ ...record, notes: "Renewal", title: "Renewal call", ownerId: 55, callee: { objectId: 3_000_000_101, objectTypeId: "0-2" } })).toEqual({
      hs_timestamp: "1700000000000",
      hs_call_direction: "OUTBOUND",
      hs_call_duration: "42500",
      hs_call_status: "COMPLETED",
      hs_call_from_number: "+16175550199",
      hs_call_to_number: "+16175550100",
      hs_call_body: "Renewal",
      hs_call_title: "Renewal call",
      hubspot_owner_id: "55",
      hs_call_callee_object_id: "3000000101",
      hs_call_callee_object_type: "COMPANY",
    });
  });

  it("turns outcome names into HubSpot's default disposition GUIDs and passes custom GUIDs through", () => {
    for (const [name, guid] of Object.entries(CALL_OUTCOMES)) {
      expect(buildEngagementProperties({ ...record, outcome: name }).hs_call_disposition).toBe(guid);
    }
    expect(buildEngagementProperties({ ...record, outcome: "0a1b2c3d-custom" }).hs_call_disposition).toBe("0a1b2c3d-custom");
  });

  it("includes the recording URL only when it is https", () => {
    expect(buildEngagementProperties({ ...record, recordingUrl: "https://cdn.example.com/r.mp3" }).hs_call_recording_url).toBe("https://cdn.example.com/r.mp3");
    expect(buildEngagementProperties({ ...record, recordingUrl: "http://cdn.example.com/r.mp3" })).not.toHaveProperty("hs_call_recording_url");
    expect(isHttpsUrl("https:/nohost")).toBe(false);
  });

  it("maps end statuses HubSpot's hs_call_status has no word for", () => {
    expect(buildEngagementProperties({ ...record, endStatus: "MISSED", durationMs: 0 }).hs_call_status).toBe("NO_ANSWER");
    expect(buildEngagementProperties({ ...record, endStatus: "REJECTED", durationMs: 0 }).hs_call_status).toBe("CANCELED");
  });

  it("lets extra properties override, ignoring non-string values", () => {
    const properties = buildEngagementProperties(record, { hs_call_status: "FAILED", hs_activity_type: "Demo", bad: 5 as unknown as string });
    expect(properties).toMatchObject({ hs_call_status: "FAILED", hs_activity_type: "Demo" });
    expect(properties).not.toHaveProperty("bad");
  });
});
