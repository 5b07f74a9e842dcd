import { describe, expect, it } from "vitest";
import { AbortError, type CallRecord, createCallingClient, isCallingError } from "../../src/index";
import { createMemoryTransport, memoryWriter, simulatedProvider } from "../../src/testing/index";

const record = (externalCallId: string): CallRecord => ({
  externalCallId,
  direction: "OUTBOUND",
  fromNumber: "+16175550199",
  toNumber: "+16175550100",
  startedAt: 1_700_000_000_000,
  answeredAt: 1_700_000_001_000,
  endedAt: 1_700_000_031_000,
  durationMs: 30_000,
  endStatus: "COMPLETED",
});
const request = (externalCallId: string, extra: Partial<Parameters<ReturnType<typeof memoryWriter>["write"]>[0]> = {}) => ({
  call: record(externalCallId),
  engagementId: undefined,
  properties: { hs_call_body: "first" },
  signal: new AbortController().signal,
  ...extra,
});

describe("memoryWriter", () => {
  it("stores each call once, by externalCallId, and updates it when written again", async () => {
    const writer = memoryWriter({ firstEngagementId: 5_000_000_000 });
    const first = await writer.write(request("call-1"));
    const again = await writer.write(request("call-1", { properties: { hs_call_body: "second", hs_call_title: "T" } }));
    const other = await writer.write(request("call-2", { engagementId: 77 }));
    expect(first).toEqual({ engagementId: 5_000_000_000 });
    expect(again).toEqual({ engagementId: 5_000_000_000 });
    expect(other).toEqual({ engagementId: 77 });
    expect(writer.records.size).toBe(2);
    expect(writer.get("call-1")).toMatchObject({ writes: 2, properties: { hs_call_body: "second", hs_call_title: "T" } });
    expect(writer.attempts.map((a) => a.ok)).toEqual([true, true, true]);
  });

  it("fails the first N writes, then succeeds; failNext() arms it again", async () => {
    const writer = memoryWriter({ failTimes: 2 });
    await expect(writer.write(request("c"))).rejects.toSatisfy((error) => isCallingError(error, "WRITER_ERROR"));
    await expect(writer.write(request("c"))).rejects.toThrow(/simulated failure/);
    await expect(writer.write(request("c"))).resolves.toMatchObject({ engagementId: expect.any(Number) });
    writer.failNext(1, new Error("backend down"));
    await expect(writer.write(request("d"))).rejects.toThrow("backend down");
    expect(writer.attempts.map((a) => `${a.externalCallId}:${a.ok}`)).toEqual(["c:false", "c:false", "c:true", "d:false"]);
    expect(writer.get("d")).toBeUndefined();
  });

  it("refuses an aborted write and keeps a copy, not the caller's objects", async () => {
    const writer = memoryWriter();
    const controller = new AbortController();
    controller.abort();
    await expect(writer.write(request("x", { signal: controller.signal }))).rejects.toBeInstanceOf(AbortError);
    const input = request("y");
    await writer.write(input);
    input.call.notes = "changed later";
    expect(writer.get("y")?.call.notes).toBeUndefined();
    writer.clear();
    expect(writer.records.size).toBe(0);
    expect(writer.attempts).toHaveLength(0);
  });

  it("logs a client's call; a failed write can be retried and is stored once", async () => {
    const writer = memoryWriter({ failTimes: 1 });
    const host = createMemoryTransport();
    const provider = simulatedProvider({ outcome: "manual" });
    const client = createCallingClient({ provider, transport: host.transport, writer });
    host.sync();
    await client.ready();
    await client.logIn();
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.engagementId;
    await new Promise((resolve) => setTimeout(resolve, 0));
    provider.lastCall()?.remoteAnswer();
    await call.connected;
    await call.hangUp();
    await expect(call.complete({ notes: "Wants a demo" })).rejects.toSatisfy((error) => isCallingError(error, "WRITER_ERROR"));
    await expect(call.complete({ notes: "Wants a demo, retried" })).resolves.toMatchObject({ queued: false });
    const stored = writer.get(call.id);
    expect(stored).toMatchObject({ writes: 1, engagementId: await call.engagementId, properties: { hs_call_body: "Wants a demo, retried" } });
    expect(writer.records.size).toBe(1);
    client.destroy();
  });
});
