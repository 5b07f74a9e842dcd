// The atomic step behind outbox corrections, in real IndexedDB: two tabs
// (two pages, each with its own connections) race to change one record
// that both read at the same revision; exactly one change lands.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { OutboxEntry } from "../../../src/engagements/outbox/outboxStorage";
import { relayPerFile, type Kit } from "./relayHarness";

declare const kit: Kit;

const env = relayPerFile();

async function open(page: Page) {
  await page.goto(`${env.relay.origin}/?outbox=cas-page`);
  await page.waitForFunction(() => document.title === "ready");
}

const entry = (revision: string): OutboxEntry => ({
  id: "call-1",
  call: {
    externalCallId: "call-1",
    direction: "OUTBOUND",
    fromNumber: "+16175550199",
    toNumber: "+16175550100",
    startedAt: 1_700_000_000_000,
    endedAt: 1_700_000_001_000,
    durationMs: 1_000,
    endStatus: "COMPLETED",
  },
  properties: { hs_call_body: revision },
  status: "pending",
  attempts: 0,
  createdAt: 1,
  nextAttemptAt: 1,
  revision,
});

// Each tab opens `connections` storages and, from each, tries to replace the
// record it expects at `expected`; resolves which tries succeeded.
function race(page: Page, tab: string, expected: string, connections: number) {
  return page.evaluate(
    ({ tab, expected, connections, template }) =>
      Promise.all(
        Array.from({ length: connections }, async (_, i) => {
          const revision = `${tab}-${i}`;
          const storage = kit.indexedDb("cas");
          const changed = await storage.compareAndSet?.("call-1", expected, { ...template, revision });
          return changed ? revision : undefined;
        }),
      ),
    { tab, expected, connections, template: entry("template") },
  );
}

describe("IndexedDB compareAndSet (Chromium)", () => {
  it("lets exactly one of many concurrent changes from two tabs land, and refuses stale revisions", async () => {
    const context = await env.browser.newContext();
    const [tabA, tabB] = [await context.newPage(), await context.newPage()];
    await Promise.all([open(tabA), open(tabB)]);
    await tabA.evaluate((first) => kit.indexedDb("cas").put(first), entry("r1"));

    const results = (await Promise.all([race(tabA, "a", "r1", 8), race(tabB, "b", "r1", 8)])).flat();
    const winners = results.filter((revision) => revision !== undefined);
    expect(winners).toHaveLength(1);
    const stored = await tabB.evaluate(() => kit.indexedDb("cas").get("call-1"));
    expect(stored?.revision).toBe(winners[0]);

    // A stale revision neither deletes nor replaces the record.
    const stale = await tabA.evaluate(async () => {
      const storage = kit.indexedDb("cas");
      return [await storage.compareAndSet?.("call-1", "r1", undefined), (await storage.list()).length];
    });
    expect(stale).toEqual([false, 1]);
    const removed = await tabA.evaluate(async (current) => {
      const storage = kit.indexedDb("cas");
      return [await storage.compareAndSet?.("call-1", current, undefined), (await storage.list()).length];
    }, winners[0] as string);
    expect(removed).toEqual([true, 0]);
    await context.close();
  });
});
