// Which call HubSpot's engagement answers belong to, and when call.engagementId
// gives up: answers come in the order the creates were sent; only a failed
// create (or no create at all) means no id will come.
import { describe, expect, it } from "vitest";
import { HostRequestError } from "../../src/index";
import { createFakeClock } from "../../src/testing/index";
import { failOnUnhandledRejections, settle, setup } from "./setup";

failOnUnhandledRejections();

/** How a promise has settled so far, without waiting for it. */
async function stateOf(promise: Promise<unknown>): Promise<string> {
  let state = "pending";
  promise.then(
    (value) => void (state = `resolved ${String(value)}`),
    (error: { code?: string }) => void (state = `rejected ${error.code}`),
  );
  await settle();
  return state;
}

describe("a late engagement id for an earlier call", () => {
  it("does not attach to the next call: B keeps waiting for its own id, and B's messages carry B's id", async () => {
    const clock = createFakeClock();
    const { host, client, events } = await setup({ host: { autoEngagement: false }, client: { clock, engagementIdTimeout: 1_000 } });
    const a = await client.dial({ toNumber: "+16175550100" });
    await a.hangUp();
    const completing = a.complete({ notes: "A" });
    await settle();
    await clock.advanceAsync(1_000); // A's id did not come in time: A is written without it
    await completing;
    const b = await client.dial({ toNumber: "+16175550111" });
    host.send("CREATE_ENGAGEMENT_SUCCEEDED", { engagementId: 111 }); // A's, late
    await settle();
    expect(client.getSnapshot().call).toMatchObject({ id: b.id, engagement: { status: "creating", id: null } });
    expect(await stateOf(b.engagementId)).toBe("pending");
    const warnings = events.filter((e) => e.type === "warning").map((e) => e.payload as { code: string; message: string });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.code).toBe("engagementForPreviousCall");
    expect(warnings[0]?.message).toContain(a.id);
    expect(warnings[0]?.message).toContain("111");

    host.send("CREATE_ENGAGEMENT_SUCCEEDED", { engagementId: 222 }); // B's
    expect(await b.engagementId).toBe(222);
    expect(events.filter((e) => e.type === "warning")).toHaveLength(1); // no engagementIdConflict
    await b.hangUp();
    const ended = host.received().filter((m) => m.type === "CALL_ENDED").map((m) => m.data);
    expect(ended.map((d) => [d.externalCallId, d.engagementId])).toEqual([
      [a.id, undefined],
      [b.id, 222],
    ]);
    await b.complete({ notes: "B" });
    const completed = host.received().filter((m) => m.type === "CALL_COMPLETED").map((m) => m.data);
    expect(completed.map((d) => [d.externalCallId, d.engagementId])).toEqual([
      [a.id, undefined],
      [b.id, 222],
    ]);
  });

  it("a late CREATE_ENGAGEMENT_FAILED for an earlier call does not fail the next call", async () => {
    const clock = createFakeClock();
    const { host, client } = await setup({ host: { autoEngagement: false }, client: { clock, engagementIdTimeout: 1_000 } });
    const a = await client.dial({ toNumber: "+16175550100" });
    await a.hangUp();
    const completing = a.complete({});
    await settle();
    await clock.advanceAsync(1_000);
    await completing;
    const b = await client.dial({ toNumber: "+16175550111" });
    host.send("CREATE_ENGAGEMENT_FAILED", { error: { message: "A's create failed" } });
    expect(await stateOf(b.engagementId)).toBe("pending");
    host.send("CREATE_ENGAGEMENT_SUCCEEDED", { engagementId: 222 });
    expect(await b.engagementId).toBe(222);
  });
});

describe("call.engagementId settles only when the answer is final", () => {
  it("a failed write (UPDATE_ENGAGEMENT_FAILED) does not reject it: the id that arrives afterwards resolves it", async () => {
    const clock = createFakeClock();
    const { host, client } = await setup({ host: { autoEngagement: false, autoUpdate: { fail: "nope" } }, client: { clock, engagementIdTimeout: 1_000 } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.hangUp();
    const completing = call.complete({ notes: "x" }).catch((error: unknown) => error);
    await settle();
    await clock.advanceAsync(1_000);
    expect(await completing).toMatchObject({ code: "UPDATE_ENGAGEMENT_FAILED" });
    expect(client.getSnapshot().call?.engagement).toMatchObject({ status: "failed", error: { code: "UPDATE_ENGAGEMENT_FAILED" }, createError: null });
    expect(await stateOf(call.engagementId)).toBe("pending");
    host.send("CREATE_ENGAGEMENT_SUCCEEDED", { engagementId: 333 });
    expect(await call.engagementId).toBe(333);
  });

  it("rejects with CREATE_ENGAGEMENT_FAILED when HubSpot could not create it, even after a write succeeded", async () => {
    // A writer that logs the call elsewhere and knows no engagement id.
    const { host, client } = await setup({ host: { autoEngagement: false }, client: { writer: { write: async () => ({}) } } });
    const call = await client.dial({ toNumber: "+16175550100" });
    host.send("CREATE_ENGAGEMENT_FAILED", { error: { message: "Missing scope" } });
    const error = await call.engagementId.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostRequestError);
    expect(error).toMatchObject({ code: "CREATE_ENGAGEMENT_FAILED", hostMessage: "Missing scope" });
    await call.hangUp();
    await call.complete({ notes: "logged anyway" });
    expect(client.getSnapshot().call?.engagement).toMatchObject({ status: "written", error: null, createError: { code: "CREATE_ENGAGEMENT_FAILED" } });
    await expect(call.waitForEngagementId()).rejects.toMatchObject({ code: "CREATE_ENGAGEMENT_FAILED" });
  });

  it("rejects with NO_ENGAGEMENT once a call without createEngagement is logged without an id", async () => {
    const { client } = await setup({ client: { createEngagement: false, writer: { write: async () => ({}) } } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.hangUp();
    expect(await stateOf(call.engagementId)).toBe("pending");
    await call.complete({ notes: "x" });
    await expect(call.engagementId).rejects.toMatchObject({ code: "NO_ENGAGEMENT" });
  });

  it("resolves with the writer's id for a call without createEngagement", async () => {
    const { client } = await setup({ client: { createEngagement: false, writer: { write: async () => ({ engagementId: 4_000_000_001 }) } } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.hangUp();
    await call.complete({});
    expect(await call.engagementId).toBe(4_000_000_001);
  });

  it("rejects with NO_ENGAGEMENT when the call is replaced before an id came", async () => {
    const clock = createFakeClock();
    const { client } = await setup({ host: { autoEngagement: false }, client: { clock, engagementIdTimeout: 1_000, writer: { write: async () => ({}) } } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.hangUp();
    const completing = call.complete({});
    await settle();
    await clock.advanceAsync(1_000);
    await completing;
    await client.dial({ toNumber: "+16175550111" });
    await expect(call.engagementId).rejects.toMatchObject({ code: "NO_ENGAGEMENT" });
  });
});
