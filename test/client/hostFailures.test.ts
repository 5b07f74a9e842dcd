// Which HubSpot failures arrive where: each failure is reported once, by the
// event or promise that belongs to it; hostError is for the rest.
import { describe, expect, it } from "vitest";
import { settle, setup } from "./setup";

const ofType = (events: { type: string; payload: unknown }[], type: string) =>
  events.filter((event) => event.type === type).map((event) => event.payload as Record<string, unknown>);

describe("HubSpot's failures", () => {
  it("a failed caller-ID lookup ends the lookup: no matches, callerIdMatched with the error, no hostError", async () => {
    const { client, provider, events } = await setup({ host: { autoCallerId: { fail: "Lookup unavailable" } } });
    provider.incoming({ from: "+16175550123", to: "+16175550199" });
    await settle();
    await settle();
    expect(client.getSnapshot().call?.callerIdMatches).toEqual([]);
    const [matched] = ofType(events, "callerIdMatched");
    expect(matched?.matches).toEqual([]);
    expect(matched?.error).toMatchObject({ code: "CALLER_ID_MATCH_FAILED", message: expect.stringContaining("Lookup unavailable") });
    expect(ofType(events, "hostError")).toEqual([]);
  });

  it("a successful lookup carries error: null", async () => {
    const match = { callerIdType: "CONTACT" as const, objectCoordinates: { portalId: 1, objectId: 7, objectTypeId: "0-1" }, firstName: "Ada" };
    const { client, provider, events } = await setup({ host: { autoCallerId: [match] } });
    provider.incoming({ from: "+16175550123", to: "+16175550199" });
    await settle();
    await settle();
    expect(client.getSnapshot().call?.callerIdMatches).toEqual([match]);
    expect(ofType(events, "callerIdMatched")[0]).toMatchObject({ matches: [match], error: null });
  });

  it("UPDATE_ENGAGEMENT_FAILED is reported once, as engagementWriteFailed (and complete() rejects), not also as hostError", async () => {
    const { client, events } = await setup({ host: { autoUpdate: { fail: "The engagement was deleted" } } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.engagementId;
    await call.hangUp();
    await expect(call.complete()).rejects.toMatchObject({ code: "UPDATE_ENGAGEMENT_FAILED" });
    await settle();
    expect(ofType(events, "engagementWriteFailed")).toHaveLength(1);
    expect(ofType(events, "hostError")).toEqual([]);
  });

  it("FINALIZE_ENGAGEMENT_FAILED rejects finalize() and is not also a hostError", async () => {
    const { client, events } = await setup({ host: { autoFinalize: { fail: "Not allowed" } } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.hangUp();
    await expect(call.finalize()).rejects.toMatchObject({ code: "FINALIZE_ENGAGEMENT_FAILED" });
    await settle();
    expect(ofType(events, "hostError")).toEqual([]);
  });

  it("a failure nothing else reports (NAVIGATE_TO_RECORD_FAILED) is a hostError", async () => {
    const { host, events } = await setup();
    host.send("NAVIGATE_TO_RECORD_FAILED", { error: { message: "No such record" } });
    await settle();
    expect(ofType(events, "hostError")).toEqual([{ error: expect.objectContaining({ code: "NAVIGATE_TO_RECORD_FAILED" }) }]);
  });
});
