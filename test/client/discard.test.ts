// discard() is the way out of a write that never settles: it aborts the
// write, completes the call and ignores whatever the writer answers later.
import { describe, expect, it } from "vitest";
import type { EngagementWriteRequest, EngagementWriter } from "../../src/index";
import { failOnUnhandledRejections, settle, setup } from "./setup";

failOnUnhandledRejections();

/** A writer that settles only when the test says so, and records the signals it got. */
function manualWriter() {
  const requests: EngagementWriteRequest[] = [];
  const settles: { resolve: (value: unknown) => void; reject: (error: unknown) => void }[] = [];
  const writer: EngagementWriter = {
    write: (request) => {
      requests.push(request);
      return new Promise((resolve, reject) => void settles.push({ resolve, reject })) as never;
    },
  };
  return { writer, requests, settles };
}

describe("discard() while the call is being logged", () => {
  it("unwedges a writer that never settles: the call completes and the next call can start", async () => {
    const { writer, requests } = manualWriter();
    const { client, eventTypes } = await setup({ client: { writer } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.engagementId;
    await call.hangUp();
    await expect(call.complete({}, { timeout: 20 })).rejects.toMatchObject({ code: "TIMEOUT" });
    expect(client.getSnapshot().call?.status).toBe("wrappingUp");
    await expect(client.dial({ toNumber: "+16175550111" })).rejects.toMatchObject({ code: "INVALID_STATE" });

    await call.discard();
    expect(requests[0]?.signal.aborted).toBe(true);
    expect(client.getSnapshot().call).toMatchObject({ status: "completed", engagement: { status: "failed", error: { code: "ABORTED" } } });
    expect(eventTypes()).toContain("callDiscarded");
    const next = await client.dial({ toNumber: "+16175550111" });
    expect(next.id).not.toBe(call.id);
  });

  it("a pending complete() rejects with ABORTED", async () => {
    const { writer } = manualWriter();
    const { client } = await setup({ client: { writer } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.engagementId;
    await call.hangUp();
    const completing = call.complete({});
    await settle();
    await call.discard();
    await expect(completing).rejects.toMatchObject({ code: "ABORTED" });
  });

  for (const outcome of ["resolves", "rejects"] as const) {
    it(`the write's late result is ignored when the writer ${outcome} after all`, async () => {
      const { writer, settles } = manualWriter();
      const { client, eventTypes } = await setup({ client: { writer } });
      const call = await client.dial({ toNumber: "+16175550100" });
      await call.engagementId;
      await call.hangUp();
      const completing = call.complete({});
      await settle();
      await call.discard();
      const discarded = client.getSnapshot();
      const before = eventTypes().length;
      if (outcome === "resolves") settles[0]?.resolve({ engagementId: 9 });
      else settles[0]?.reject(new Error("late failure"));
      await expect(completing).rejects.toMatchObject({ code: "ABORTED" });
      await settle();
      expect(client.getSnapshot()).toBe(discarded);
      expect(eventTypes().slice(before)).toEqual([]);
    });
  }

  it("discard() while complete() still waits for HubSpot's id skips the write", async () => {
    const writes: unknown[] = [];
    const { client } = await setup({ host: { autoEngagement: false }, client: { writer: { write: async (r) => (writes.push(r), {}) } } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.hangUp();
    const completing = call.complete({}); // waits up to 10 s for the id
    await settle();
    await call.discard();
    await expect(completing).rejects.toMatchObject({ code: "ABORTED" });
    expect(writes).toEqual([]);
  });

  it("destroy() ends the wait for a write that never settles: complete() rejects with DESTROYED and the signal is aborted", async () => {
    const { writer, requests } = manualWriter();
    const { client } = await setup({ client: { writer } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.engagementId;
    await call.hangUp();
    const completing = call.complete({});
    await settle();
    client.destroy();
    await expect(completing).rejects.toMatchObject({ code: "DESTROYED" });
    expect(requests[0]?.signal.aborted).toBe(true);
  });
});
