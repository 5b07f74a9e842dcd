import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors/validationError";
import { createCallsApiWriter } from "../../src/server/callsApiWriter";
import {
  legacyEngagementToProperties,
  type LegacyEngagementUpdate,
} from "../../src/server/legacyEngagementToProperties";
import { callsRoutes, type CallsStore } from "../support/fakeHubSpot/callsRoutes";
import { startFakeHubSpot, type FakeHubSpot } from "../support/fakeHubSpot/server";

function issuesOf(body: unknown) {
  try {
    legacyEngagementToProperties(body as LegacyEngagementUpdate);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error("expected a ValidationError");
}

describe("legacyEngagementToProperties", () => {
  it("maps the seed's legacy update body to current call properties", () => {
    expect(
      legacyEngagementToProperties({
        engagement: { timestamp: 1_700_000_000_000 },
        metadata: {
          toNumber: "+16175550100",
          durationMilliseconds: 42_000,
          recordingUrl: "https://cdn.example.com/rec.mp3",
          body: "Left a voicemail",
        },
      }),
    ).toEqual({
      hs_timestamp: "1700000000000",
      hs_call_to_number: "+16175550100",
      hs_call_duration: "42000",
      hs_call_recording_url: "https://cdn.example.com/rec.mp3",
      hs_call_body: "Left a voicemail",
    });
  });

  it("maps the other legacy call fields too", () => {
    expect(
      legacyEngagementToProperties({
        engagement: { type: "CALL", ownerId: 77 },
        metadata: {
          fromNumber: "+16175550199",
          status: "COMPLETED",
          disposition: "f240bbac-87c9-4f6e-bf70-924b57d47db7",
          title: "Demo call",
          externalId: "c-1",
          externalAccountId: "acct",
        },
      }),
    ).toEqual({
      hubspot_owner_id: "77",
      hs_call_from_number: "+16175550199",
      hs_call_status: "COMPLETED",
      hs_call_disposition: "f240bbac-87c9-4f6e-bf70-924b57d47db7",
      hs_call_title: "Demo call",
      hs_call_external_id: "c-1",
      hs_call_external_account_id: "acct",
    });
    expect(legacyEngagementToProperties({})).toEqual({});
  });

  it("refuses what it cannot map faithfully, listing every problem", () => {
    expect(
      issuesOf({
        engagement: { timestamp: "yesterday", type: "EMAIL" },
        metadata: { durationMilliseconds: -5, recordingUrl: "http://x/y.mp3", toNumber: 5, color: "red" },
        associations: { contactIds: [1] },
      }),
    ).toEqual([
      { path: "associations", message: "is not mapped: create associations with the CRM associations API" },
      { path: "engagement.timestamp", message: "must be a non-negative integer (milliseconds)" },
      { path: "engagement.type", message: 'must be "CALL"' },
      { path: "metadata.durationMilliseconds", message: "must be a non-negative integer (milliseconds)" },
      { path: "metadata.recordingUrl", message: "must be an https:// URL" },
      { path: "metadata.toNumber", message: "must be a string" },
      { path: "metadata.color", message: "is not a legacy call field this library maps" },
    ]);
    expect(issuesOf(null)).toEqual([{ path: "", message: "must be an object" }]);
    expect(issuesOf({ metadata: [] })).toEqual([{ path: "metadata", message: "must be an object" }]);
    expect(issuesOf({ metadata: { toString: "x" } })).toEqual([
      { path: "metadata.toString", message: "is not a legacy call field this library maps" },
    ]);
  });

  describe("through the calls writer", () => {
    let hubspot: FakeHubSpot;
    let store: CallsStore;
    beforeEach(async () => {
      const calls = callsRoutes();
      store = calls.store;
      hubspot = await startFakeHubSpot({ routes: calls.routes });
    });
    afterEach(() => hubspot.close());

    it("updates the engagement HubSpot holds with the mapped properties", async () => {
      const existing = store.seed({ hs_timestamp: "1" });
      const writer = createCallsApiWriter({ accessToken: "t", baseUrl: hubspot.url });
      await writer.update(
        Number(existing.id),
        legacyEngagementToProperties({
          engagement: { timestamp: 1_700_000_000_000 },
          metadata: { toNumber: "+16175550100", durationMilliseconds: 42_000, body: "Ported code" },
        }),
      );
      expect(hubspot.requests.at(-1)).toMatchObject({
        method: "PATCH",
        path: `/crm/v3/objects/calls/${existing.id}`,
        body: {
          properties: {
            hs_timestamp: "1700000000000",
            hs_call_to_number: "+16175550100",
            hs_call_duration: "42000",
            hs_call_body: "Ported code",
          },
        },
      });
      expect(store.calls.get(existing.id)?.properties.hs_call_body).toBe("Ported code");
    });
  });
});
