import { describe, expect, it } from "vitest";
import { memoryOutboxStorage } from "../../../src/engagements/outbox/memoryOutboxStorage";
import type { OutboxEntry } from "../../../src/engagements/outbox/outboxStorage";
import { selectOutboxStorage } from "../../../src/engagements/outbox/selectOutboxStorage";
import { makeCall } from "../fixtures";

const entry = (i: number): OutboxEntry => ({
  id: `call-${i}`,
  call: makeCall(i),
  properties: { hs_call_body: "x" },
  status: "pending",
  attempts: 0,
  createdAt: i,
  nextAttemptAt: i,
  revision: `r${i}`,
});

describe("memoryOutboxStorage", () => {
  it("puts, gets, lists, replaces and deletes entries", async () => {
    const storage = memoryOutboxStorage();
    expect(storage.kind).toBe("memory");
    await storage.put(entry(1));
    await storage.put(entry(2));
    await storage.put({ ...entry(1), attempts: 3 });
    expect((await storage.list()).map((e) => [e.id, e.attempts])).toEqual([
      ["call-1", 3],
      ["call-2", 0],
    ]);
    await storage.delete("call-1");
    await storage.delete("unknown");
    expect(await storage.get("call-1")).toBeUndefined();
    expect(await storage.get("call-2")).toEqual(entry(2));
  });

  it("stores copies, so callers cannot change what is stored", async () => {
    const storage = memoryOutboxStorage();
    const original = entry(1);
    await storage.put(original);
    original.call.notes = "changed";
    const read = await storage.get("call-1");
    expect(read?.call.notes).toBe("Notes for call 1");
    if (read) read.attempts = 99;
    expect((await storage.get("call-1"))?.attempts).toBe(0);
  });
});

describe("memoryOutboxStorage compareAndSet", () => {
  it("replaces or removes an entry only while it still has the given revision", async () => {
    const storage = memoryOutboxStorage();
    await storage.put(entry(1));
    const next = { ...entry(1), attempts: 1, revision: "r1b" };
    await expect(storage.compareAndSet?.("call-1", "other", next)).resolves.toBe(false);
    expect(await storage.get("call-1")).toEqual(entry(1));
    await expect(storage.compareAndSet?.("call-1", "r1", next)).resolves.toBe(true);
    expect(await storage.get("call-1")).toEqual(next);
    await expect(storage.compareAndSet?.("call-1", "r1", undefined)).resolves.toBe(false);
    await expect(storage.compareAndSet?.("call-1", "r1b", undefined)).resolves.toBe(true);
    expect(await storage.get("call-1")).toBeUndefined();
    // An absent entry is never created.
    await expect(storage.compareAndSet?.("call-2", "r2", entry(2))).resolves.toBe(false);
    expect(await storage.list()).toEqual([]);
  });

  it("lets exactly one of several steps started with the same revision win", async () => {
    const storage = memoryOutboxStorage();
    await storage.put(entry(1));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => storage.compareAndSet?.("call-1", "r1", { ...entry(1), revision: `w${i}` })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe("selectOutboxStorage", () => {
  it("falls back to memory where there is neither IndexedDB nor localStorage (Node)", async () => {
    expect((await selectOutboxStorage()).kind).toBe("memory");
  });

  it("skips an IndexedDB that fails to open", async () => {
    const failing = {
      open() {
        throw new DOMException("denied", "SecurityError");
      },
    } as unknown as IDBFactory;
    expect((await selectOutboxStorage({ indexedDB: failing, localStorage: null })).kind).toBe("memory");
  });
});
