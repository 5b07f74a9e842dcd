// The outbox storages and locks in real Chromium: IndexedDB, localStorage
// and Web Locks as the widget gets them.
import { describe, expect, it } from "vitest";
import type { CallRecord } from "../../../src/engagements/callRecord";
import type { EngagementWriter } from "../../../src/engagements/engagementWriter";
import { indexedDbOutboxStorage } from "../../../src/engagements/outbox/indexedDbOutboxStorage";
import { localStorageOutboxStorage } from "../../../src/engagements/outbox/localStorageOutboxStorage";
import type { OutboxEntry, OutboxStorage } from "../../../src/engagements/outbox/outboxStorage";
import { selectOutboxStorage } from "../../../src/engagements/outbox/selectOutboxStorage";
import { withOutbox } from "../../../src/engagements/outbox/withOutbox";

const unique = () => `test-${Math.random().toString(36).slice(2)}`;

function call(i: number): CallRecord {
  return {
    externalCallId: `call-${i}`,
    direction: "OUTBOUND",
    fromNumber: "+16175550199",
    toNumber: "+16175550100",
    startedAt: 1_700_000_000_000 + i,
    endedAt: 1_700_000_042_000 + i,
    durationMs: 40_000,
    endStatus: "COMPLETED",
  };
}

const entry = (i: number): OutboxEntry => ({
  id: `call-${i}`,
  call: call(i),
  properties: { hs_call_body: `notes ${i}` },
  status: "pending",
  attempts: 0,
  createdAt: i,
  nextAttemptAt: i,
  revision: `r${i}`,
});

async function exercise(make: (name: string) => OutboxStorage) {
  const name = unique();
  const storage = make(name);
  await storage.put(entry(1));
  await storage.put(entry(2));
  await storage.put({ ...entry(2), attempts: 4 });
  expect((await storage.list()).map((e) => [e.id, e.attempts]).sort()).toEqual([
    ["call-1", 0],
    ["call-2", 4],
  ]);
  // A new instance (the page after a reload) sees the same records.
  const again = make(name);
  expect(await again.get("call-1")).toEqual(entry(1));
  await again.delete("call-1");
  await again.delete("missing");
  expect((await storage.list()).map((e) => e.id)).toEqual(["call-2"]);
  // Another outbox name is another store.
  expect(await make(unique()).list()).toEqual([]);
}

describe("outbox storage in Chromium", () => {
  it("keeps entries in IndexedDB across instances", async () => {
    await exercise((name) => indexedDbOutboxStorage({ name }));
    expect(indexedDbOutboxStorage().kind).toBe("indexedDB");
  });

  it("keeps entries in localStorage across instances and skips what is not an entry", async () => {
    await exercise((name) => localStorageOutboxStorage({ name }));
    const name = unique();
    localStorage.setItem(`hubspot-calling-kit:outbox:${name}:broken`, "{not json");
    localStorage.setItem(`hubspot-calling-kit:outbox:${name}:other`, JSON.stringify({ id: "other" }));
    // An entry whose time is not a number would never be due (or always be): skipped, not delivered.
    localStorage.setItem(`hubspot-calling-kit:outbox:${name}:call-9`, JSON.stringify({ ...entry(9), createdAt: "yesterday" }));
    const storage = localStorageOutboxStorage({ name });
    await storage.put(entry(1));
    expect((await storage.list()).map((e) => e.id)).toEqual(["call-1"]);
  });

  it("picks IndexedDB first, then localStorage, then memory", async () => {
    expect((await selectOutboxStorage({ name: unique() })).kind).toBe("indexedDB");
    expect((await selectOutboxStorage({ name: unique(), indexedDB: null })).kind).toBe("localStorage");
    expect((await selectOutboxStorage({ name: unique(), indexedDB: null, localStorage: null })).kind).toBe("memory");
    const refusing = {
      open: () => {
        throw new DOMException("blocked", "SecurityError");
      },
    } as unknown as IDBFactory;
    expect((await selectOutboxStorage({ name: unique(), indexedDB: refusing })).kind).toBe("localStorage");
    const full = {
      setItem: () => {
        throw new DOMException("full", "QuotaExceededError");
      },
    } as unknown as Storage;
    expect((await selectOutboxStorage({ name: unique(), indexedDB: null, localStorage: full })).kind).toBe("memory");
  });

  it("two outboxes on one origin (two tabs) deliver each record once, through IndexedDB and Web Locks", async () => {
    const name = unique();
    const sent: string[] = [];
    const slowWriter: EngagementWriter = {
      write: async ({ call: record }) => {
        sent.push(record.externalCallId);
        await new Promise((resolve) => setTimeout(resolve, 2));
        return {};
      },
    };
    const tabA = withOutbox(slowWriter, { name });
    const tabB = withOutbox(slowWriter, { name });
    const writes = [];
    for (let i = 0; i < 30; i++) {
      writes.push((i % 2 ? tabA : tabB).write({ call: call(i), engagementId: undefined, properties: {}, signal: new AbortController().signal }));
    }
    await Promise.all(writes);
    tabA.start({ signal: new AbortController().signal });
    tabB.start({ signal: new AbortController().signal });
    await expect.poll(async () => (await tabA.pending()).length, { timeout: 10_000 }).toBe(0);
    await tabA.flush();
    await tabB.flush();
    expect(sent.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `call-${i}`).sort());
    expect((await selectOutboxStorage({ name })).kind).toBe("indexedDB");
    tabA.stop();
    tabB.stop();
  });
});
