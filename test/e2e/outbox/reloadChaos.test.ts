// 200 records in the IndexedDB outbox, the page reloaded 30 times while they
// are being sent, and 30% of the relay's answers failing (503, or the record
// written and the answer lost): every record reaches the writer exactly once.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { counts, relayPerFile, type Kit } from "./relayHarness";

declare const kit: Kit;

const env = relayPerFile();
const RECORDS = 200;
const RELOADS = 30;
const ids = Array.from({ length: RECORDS }, (_, i) => `chaos-${String(i).padStart(3, "0")}`);

async function open(page: Page) {
  await page.goto(`${env.relay.origin}/?outbox=chaos`);
  await page.waitForFunction(() => document.title === "ready");
}

describe("outbox under reloads and relay faults (Chromium)", () => {
  it("delivers 200 records once each across 30 reloads with 30% of answers failing", { timeout: 120_000 }, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    env.relay.mode = "fail";
    await open(page);
    await page.evaluate((list) => kit.write(list), ids);
    expect(await page.evaluate(() => kit.pending())).toEqual(ids);

    env.relay.mode = "flaky";
    // Each accepted record takes a moment, so the records are still being
    // sent when the last reload comes, however fast the machine.
    env.relay.delayMs = 25;
    for (let reload = 0; reload < RELOADS; reload++) {
      // Reload once the page has sent more records (some mid-answer).
      const before = env.relay.posts.length;
      await expect.poll(() => env.relay.posts.length, { timeout: 20_000, interval: 5 }).toBeGreaterThan(before);
      await page.reload();
      await page.waitForFunction(() => document.title === "ready");
    }
    await expect.poll(() => page.evaluate(() => kit.pending()), { timeout: 60_000, interval: 200 }).toEqual([]);
    env.relay.delayMs = 0;

    expect(counts(env.relay.written)).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
    // The faults were real: some answers were lost after the write, some refused.
    expect(env.relay.posts.filter((p) => p.mode === "flaky").length).toBeGreaterThan(RECORDS);
    await context.close();
  });
});
