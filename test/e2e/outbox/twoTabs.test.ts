// Two tabs of the widget share one origin's outbox (IndexedDB) and deliver
// with Web Locks: each record reaches the relay once, whichever tab sends it.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { counts, relayPerFile, type Kit } from "./relayHarness";

declare const kit: Kit;

const env = relayPerFile();

async function open(page: Page) {
  await page.goto(`${env.relay.origin}/?outbox=tabs`);
  await page.waitForFunction(() => document.title === "ready");
}

const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe("outbox with two tabs open (Chromium)", () => {
  it("sends each record to the relay once", async () => {
    const context = await env.browser.newContext();
    const tabA = await context.newPage();
    await open(tabA);

    // Records pile up in tab A while the relay is down...
    env.relay.mode = "fail";
    const stored = range("stored", 20);
    await tabA.evaluate((list) => kit.write(list), stored);
    await expect.poll(() => new Set(env.relay.posts.map((p) => p.id)).size, { timeout: 10_000 }).toBe(stored.length);

    // ...then tab B opens: both tabs see the same stored records.
    const tabB = await context.newPage();
    await open(tabB);
    expect(await tabB.evaluate(() => kit.pending())).toEqual([...stored].sort());

    // The relay recovers (slowly, so both tabs' passes overlap) while both
    // tabs keep logging new calls.
    env.relay.delayMs = 15;
    env.relay.mode = "accept";
    const fromA = range("a", 10);
    const fromB = range("b", 10);
    await Promise.all([tabA.evaluate((list) => kit.write(list), fromA), tabB.evaluate((list) => kit.write(list), fromB)]);

    const all = [...stored, ...fromA, ...fromB];
    await expect.poll(() => env.relay.written.length, { timeout: 20_000 }).toBe(all.length);
    await expect.poll(() => tabA.evaluate(() => kit.pending()), { timeout: 10_000 }).toEqual([]);
    await expect.poll(() => tabB.evaluate(() => kit.pending()), { timeout: 10_000 }).toEqual([]);

    const accepted = env.relay.posts.filter((p) => p.mode === "accept").map((p) => p.id);
    expect(counts(accepted)).toEqual(Object.fromEntries(all.map((id) => [id, 1])));
    expect(counts(env.relay.written)).toEqual(Object.fromEntries(all.map((id) => [id, 1])));

    // Each delivery was reported by exactly one of the tabs.
    const deliveredBy = async (tab: Page) => tab.evaluate(() => kit.events.filter((e) => e.type === "written").length);
    const [byA, byB] = await Promise.all([deliveredBy(tabA), deliveredBy(tabB)]);
    expect(byA + byB).toBe(all.length);
    await context.close();
  });
});
