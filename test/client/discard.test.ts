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

// A dial that fails before it connects (microphone blocked, provider refused):
// the user is not made to wrap up a call that never happened.
describe("discard() after a dial that failed before it connected", () => {
  for (const [what, provider] of [
    ["dial() rejects (microphone blocked)", { dialError: new DOMException("Permission denied", "NotAllowedError") }],
    ["the provider fails the call while it rings", { outcome: "fail" as const, ringAfterMs: 0 }],
  ] as const) {
    it(`${what}: the call closes with nothing written, HubSpot hears only the start and the FAILED end`, async () => {
      const writes: unknown[] = [];
      const { host, client, eventTypes } = await setup({ provider, client: { writer: { write: async (r) => (writes.push(r), {}) } } });
      const call = await client.dial({ toNumber: "+16175550100" }).catch(() => client.getCall());
      if (!call) throw new Error("no call handle");
      const ended = await call.ended;
      expect(ended.endStatus).toBe("FAILED");
      expect(call.snapshot.answeredAt).toBeNull();
      // HubSpot made its placeholder engagement when the call started, before the provider was asked.
      const engagementId = await call.engagementId;

      await call.discard();
      await settle();
      expect(client.getSnapshot().call).toMatchObject({ status: "completed", endStatus: "FAILED", engagement: { status: "created", id: engagementId } });
      expect(eventTypes()).toContain("callDiscarded");
      expect(writes).toEqual([]);
      const sent = host.messages().filter((m) => m.direction === "toHost").map((m) => m.type);
      expect(sent.slice(sent.indexOf("OUTGOING_CALL_STARTED"))).toEqual(["OUTGOING_CALL_STARTED", "CALL_ENDED"]);
      expect(host.messages().find((m) => m.type === "CALL_ENDED")?.data).toMatchObject({ callEndStatus: "FAILED", engagementId });
      // HubSpot's placeholder is left as HubSpot made it: nothing was written to it.
      expect([...host.engagements]).toEqual([[engagementId, {}]]);
      // The line is free again.
      const next = await client.dial({ toNumber: "+16175550111" }).catch((error: unknown) => error);
      expect(next).not.toBeInstanceOf(Error);
    });
  }

  it("a discarded failed dial's engagement id that arrives late still attaches, and the next call gets its own", async () => {
    const { host, client } = await setup({
      host: { autoEngagement: false },
      provider: { dialError: new Error("voice service unreachable") },
    });
    const call = await client.dial({ toNumber: "+16175550100" }).catch(() => client.getCall());
    await call?.ended;
    await call?.discard();
    host.send("CREATE_ENGAGEMENT_SUCCEEDED", { engagementId: 41 });
    await expect(call?.engagementId).resolves.toBe(41);
    expect(client.getSnapshot().call?.status).toBe("completed");
  });
});
