// The widget page is reloaded while call records are waiting: they are kept
// in IndexedDB and delivered by the page after the reload, once each.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser";
import { counts, startRelayHarness, type Kit, type RelayHarness } from "./relayHarness";

declare const kit: Kit;

let browser: Browser;
let relay: RelayHarness;

beforeAll(async () => {
  [browser, relay] = await Promise.all([launchChromium(), startRelayHarness()]);
});
afterAll(async () => {
  await browser?.close();
  await relay?.close();
});

async function open(page: Page, outbox: string) {
  await page.goto(`${relay.origin}/?outbox=${outbox}`);
  await page.waitForFunction(() => document.title === "ready");
}

const ids = Array.from({ length: 5 }, (_, i) => `reload-${i}`);

describe("outbox across a reload (Chromium)", () => {
  it("delivers records that were pending when the page reloaded, once each", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await open(page, "reload");
    expect(await page.evaluate(() => kit.storageKind())).toBe("indexedDB");

    // The relay is down: every record is stored and tried at least once.
    relay.mode = "fail";
    await page.evaluate((list) => kit.write(list), ids);
    await expect.poll(() => new Set(relay.posts.map((p) => p.id)).size, { timeout: 10_000 }).toBe(ids.length);
    expect(await page.evaluate(() => kit.pending())).toEqual(ids);

    // Now attempts hang; reload while some are in flight.
    relay.mode = "hang";
    const before = relay.posts.length;
    await expect.poll(() => relay.posts.length, { timeout: 10_000 }).toBeGreaterThan(before);
    await page.reload();
    await page.waitForFunction(() => document.title === "ready");

    // The new page found the records in IndexedDB and has delivered none.
    expect(await page.evaluate(() => kit.pending())).toEqual(ids);
    expect(relay.written).toEqual([]);

    // The relay recovers: the reloaded page delivers everything.
    relay.mode = "accept";
    relay.releaseHanging();
    await expect.poll(() => page.evaluate(() => kit.pending()), { timeout: 15_000 }).toEqual([]);
    expect(counts(relay.written)).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
    const delivered = await page.evaluate(() => kit.events.filter((e) => e.type === "written").map((e) => e.id).sort());
    expect(delivered).toEqual(ids);
    await context.close();
  });
});
