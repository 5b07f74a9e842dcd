// The widget page is reloaded while call records are waiting: they are kept
// in IndexedDB and delivered by the page after the reload, once each.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { counts, relayPerFile, type Kit } from "./relayHarness";

declare const kit: Kit;

const env = relayPerFile();

async function open(page: Page, outbox: string) {
  await page.goto(`${env.relay.origin}/?outbox=${outbox}`);
  await page.waitForFunction(() => document.title === "ready");
}

const ids = Array.from({ length: 5 }, (_, i) => `reload-${i}`);

describe("outbox across a reload (Chromium)", () => {
  it("delivers records that were pending when the page reloaded, once each", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await open(page, "reload");
    expect(await page.evaluate(() => kit.storageKind())).toBe("indexedDB");

    // The relay is down: every record is stored and tried at least once.
    env.relay.mode = "fail";
    await page.evaluate((list) => kit.write(list), ids);
    await expect.poll(() => new Set(env.relay.posts.map((p) => p.id)).size, { timeout: 10_000 }).toBe(ids.length);
    expect(await page.evaluate(() => kit.pending())).toEqual(ids);

    // Now attempts hang; reload while some are in flight.
    env.relay.mode = "hang";
    const before = env.relay.posts.length;
    await expect.poll(() => env.relay.posts.length, { timeout: 10_000 }).toBeGreaterThan(before);
    await page.reload();
    await page.waitForFunction(() => document.title === "ready");

    // The new page found the records in IndexedDB and has delivered none.
    expect(await page.evaluate(() => kit.pending())).toEqual(ids);
    expect(env.relay.written).toEqual([]);

    // The relay recovers: the reloaded page delivers everything.
    env.relay.mode = "accept";
    env.relay.releaseHanging();
    await expect.poll(() => page.evaluate(() => kit.pending()), { timeout: 15_000 }).toEqual([]);
    expect(counts(env.relay.written)).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
    const delivered = await page.evaluate(() => kit.events.filter((e) => e.type === "written").map((e) => e.id).sort());
    expect(delivered).toEqual(ids);
    await context.close();
  });
});
