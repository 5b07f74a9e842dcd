// The client with a durable outbox around the host writer: complete() returns
// as soon as the record is stored, the outbox's deliveries and failures
// arrive as client events, and records left by an earlier page load are
// delivered once the new client connects.
import { describe, expect, it } from "vitest";
import { createCallingClient, hostWriter, memoryOutboxStorage, withOutbox } from "../../src/index";
import { createMemoryTransport, simulatedProvider } from "../../src/testing/index";
import { settle, setup } from "./setup";

const quickRetry = { baseDelayMs: 1, maxDelayMs: 5 };

describe("client + withOutbox(hostWriter())", () => {
  it("completes at once, then reports the delivery as engagementWritten", async () => {
    const writer = withOutbox(hostWriter(), { storage: memoryOutboxStorage(), retry: quickRetry });
    const { host, client, events } = await setup({ client: { writer } });
    const call = await client.dial({ toNumber: "+16175550100" });
    const engagementId = await call.engagementId;
    await call.hangUp();
    const result = await call.complete({ notes: "durable" });
    expect(result.queued).toBe(true);
    expect(client.getSnapshot().call).toMatchObject({ status: "completed" });
    await client.getCall()?.waitFor("completed");
    for (let i = 0; i < 50 && !events.some((e) => e.type === "engagementWritten"); i++) await settle();
    expect(events.find((e) => e.type === "engagementWritten")?.payload).toMatchObject({ engagementId, attempt: 1 });
    expect(client.getSnapshot().call?.engagement).toMatchObject({ status: "written", id: engagementId });
    expect(host.engagements.get(engagementId)?.hs_call_body).toBe("durable");
    expect(await writer.pending()).toEqual([]);
  });

  it("retries when HubSpot refuses, reporting each failed attempt with willRetry", async () => {
    const writer = withOutbox(hostWriter({ timeout: 200 }), { storage: memoryOutboxStorage(), retry: { ...quickRetry, maxAttempts: 2 } });
    const { client, events } = await setup({ client: { writer }, host: { autoUpdate: { fail: "Engagement locked" } } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.engagementId;
    await call.hangUp();
    await call.complete({ notes: "x" });
    for (let i = 0; i < 200 && events.filter((e) => e.type === "engagementWriteFailed").length < 2; i++) await new Promise((r) => setTimeout(r, 5));
    const failures = events.filter((e) => e.type === "engagementWriteFailed").map((e) => e.payload as { attempt: number; willRetry: boolean });
    expect(failures.map((f) => [f.attempt, f.willRetry])).toEqual([[1, true], [2, false]]);
    expect(client.getSnapshot().call?.engagement.status).toBe("failed");
    expect(await writer.failed()).toHaveLength(1);
  });

  it("delivers a record stored by an earlier page load once the new client connects", async () => {
    const storage = memoryOutboxStorage();
    // First page load: HubSpot never answers, the page goes away.
    const first = await setup({ client: { writer: withOutbox(hostWriter({ timeout: 50 }), { storage, retry: { baseDelayMs: 10_000 } }) }, host: { autoUpdate: false } });
    const call = await first.client.dial({ toNumber: "+16175550100" });
    await call.engagementId;
    await call.hangUp();
    await call.complete({ notes: "survives reload" });
    first.client.destroy();
    expect(await storage.list()).toHaveLength(1);

    // Second page load: a new client, the same storage.
    const host = createMemoryTransport();
    const writer = withOutbox(hostWriter(), { storage, retry: quickRetry });
    const client = createCallingClient({ provider: simulatedProvider(), transport: host.transport, writer });
    const written = new Promise((resolve) => client.on("engagementWritten", resolve));
    host.sync();
    await client.ready();
    await written;
    const completed = await host.nextMessage("CALL_COMPLETED");
    expect(completed.data).toMatchObject({ externalCallId: call.id, engagementProperties: { hs_call_body: "survives reload" } });
    expect(await storage.list()).toEqual([]);
  });
});
