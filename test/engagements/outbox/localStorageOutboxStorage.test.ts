import { describe, expect, it } from "vitest";
import { localStorageOutboxStorage } from "../../../src/engagements/outbox/localStorageOutboxStorage";
import type { OutboxEntry } from "../../../src/engagements/outbox/outboxStorage";
import { makeCall } from "../fixtures";

// Web Storage as the browser implements it (synchronous, string values,
// keys in insertion order), for Node.
class MemoryStorage implements Storage {
  #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.#items.set(key, String(value));
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  clear() {
    this.#items.clear();
  }
  keys() {
    return [...this.#items.keys()];
  }
  [name: string]: unknown;
}

const entry = (id: string, revision = "r1"): OutboxEntry => ({
  id,
  call: makeCall(1, { externalCallId: id }),
  properties: {},
  status: "pending",
  attempts: 0,
  createdAt: 1,
  nextAttemptAt: 1,
  revision,
});

describe("localStorageOutboxStorage", () => {
  it("keeps the records of outboxes named 'sales' and 'sales:eu' apart", async () => {
    const storage = new MemoryStorage();
    const sales = localStorageOutboxStorage({ name: "sales", storage });
    const salesEu = localStorageOutboxStorage({ name: "sales:eu", storage });
    await salesEu.put(entry("call-1"));
    // An id with a colon must not land on another outbox's key either.
    await sales.put(entry("eu:call-1"));
    expect((await sales.list()).map((e) => e.id)).toEqual(["eu:call-1"]);
    expect((await salesEu.list()).map((e) => e.id)).toEqual(["call-1"]);
    expect(await sales.get("call-1")).toBeUndefined();
    await sales.delete("eu:call-1");
    expect((await salesEu.list()).map((e) => e.id)).toEqual(["call-1"]);
    expect(storage.keys()).toEqual(["hubspot-calling-kit:outbox:sales%3Aeu:call-1"]);
  });

  it("lists only entries stored under their own key", async () => {
    const storage = new MemoryStorage();
    const outbox = localStorageOutboxStorage({ name: "calls", storage });
    await outbox.put(entry("call-1"));
    // A copy under another key (pasted by hand, or left by other code) is not a second record.
    storage.setItem("hubspot-calling-kit:outbox:calls:copy", JSON.stringify(entry("call-1")));
    expect((await outbox.list()).map((e) => e.id)).toEqual(["call-1"]);
  });

  it("compareAndSet replaces or removes an entry only while it still has the given revision", async () => {
    const storage = new MemoryStorage();
    const tabA = localStorageOutboxStorage({ name: "calls", storage });
    const tabB = localStorageOutboxStorage({ name: "calls", storage });
    await tabA.put(entry("call-1"));
    await tabB.put(entry("call-1", "r2")); // a correction from another tab
    await expect(tabA.compareAndSet?.("call-1", "r1", undefined)).resolves.toBe(false);
    await expect(tabA.compareAndSet?.("call-1", "r1", { ...entry("call-1"), attempts: 1 })).resolves.toBe(false);
    expect(await tabA.get("call-1")).toEqual(entry("call-1", "r2"));
    await expect(tabA.compareAndSet?.("call-1", "r2", { ...entry("call-1", "r2"), attempts: 1 })).resolves.toBe(true);
    expect((await tabB.get("call-1"))?.attempts).toBe(1);
    await expect(tabA.compareAndSet?.("call-1", "r2", undefined)).resolves.toBe(true);
    expect(storage.length).toBe(0);
    await expect(tabA.compareAndSet?.("call-1", "r2", entry("call-1", "r2"))).resolves.toBe(false);
    expect(storage.length).toBe(0);
  });
});
