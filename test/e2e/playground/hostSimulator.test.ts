// createHostSimulator() itself, in Chromium: the handshake again after a
// widget reload, the provider control channel and its refusals.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPlayground, startPlayground } from "../../../playground/server.mjs";
import { launchChromium } from "../support/browser";
import { type FixtureServers, startFixtureServers } from "../support/fixtureServer";
import { hostMessages, openPlayground, sequence } from "./support";

let running: RunningPlayground;
let fixtures: FixtureServers;
let browser: Browser;

beforeAll(async () => {
  [running, fixtures, browser] = await Promise.all([
    startPlayground({ playgroundPort: 0, widgetPort: 0, watch: false, logLevel: "error" }),
    startFixtureServers(),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([running?.close(), fixtures?.close()]);
});

/** Runs `fn` in the page against its host simulator; returns what it returns, or the error's code and message. */
const withHost = <T>(page: Page, fn: string) =>
  page.evaluate(async (source) => {
    const host = (window as any).playground?.host() ?? (window as any).hubspot.simulator;
    try {
      return { ok: true as const, value: (await new Function("host", `return (${source})(host)`)(host)) as T };
    } catch (error) {
      return { ok: false as const, code: (error as { code?: string }).code, message: String((error as Error).message) };
    }
  }, fn);

describe("createHostSimulator", () => {
  it("records SYNC once per handshake with the host context, and shakes hands again when the widget reloads", async () => {
    const { page } = await openPlayground(browser, running);
    const first = await hostMessages(page);
    expect(sequence(first).slice(0, 3)).toEqual(["toWidget SYNC", "toHost SYNC_ACK", "toHost INITIALIZED"]);
    expect(first[1]?.data).toMatchObject({ type: "SYNC_ACK", portalId: 987_654_321, iFrameUrl: new URL(running.widgets[0]?.url ?? "").origin });

    // A reload (the widget's own, or HubSpot reopening it) starts a new handshake.
    await withHost(page, `(host) => { host.iframe.src = host.iframe.src; }`);
    await page.waitForFunction(() => (window as any).playground.messages().filter((m: { type: string }) => m.type === "SYNC_ACK").length === 2);
    expect(await withHost(page, `async (host) => (await host.ready({ timeout: 1000 }), host.synced)`)).toEqual({ ok: true, value: true });
    const types = sequence(await hostMessages(page)).filter((t) => t.includes("SYNC"));
    expect(types).toEqual(["toWidget SYNC", "toHost SYNC_ACK", "toWidget SYNC", "toHost SYNC_ACK"]);
    await page.close();
  });

  it("refuses to send before the handshake and refuses SYNC by hand", async () => {
    // The fixture host holds SYNC back for 3 s.
    const page = await browser.newPage();
    const widgetUrl = `${fixtures.widgetOrigin}/test/e2e/fixtures/widget.html?allow=${encodeURIComponent(fixtures.hostOrigin)}`;
    await page.goto(`${fixtures.hostOrigin}/test/e2e/fixtures/host.html?syncAfterMs=3000&widget=${encodeURIComponent(widgetUrl)}`);
    await page.waitForFunction(() => (window as any).hubspot?.simulator?.iframe !== null);
    const early = await withHost(page, `(host) => host.endCall()`);
    expect(early).toMatchObject({ ok: false, code: "INVALID_STATE", message: expect.stringContaining("await host.ready()") });
    const sync = await withHost(page, `(host) => host.send("SYNC", {})`);
    expect(sync).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await withHost(page, `async (host) => (await host.ready({ timeout: 10000 }), host.synced)`)).toEqual({ ok: true, value: true });
    await page.close();
  });

  it("drives the widget's simulated provider, and passes on its refusals", async () => {
    const { page, widget } = await openPlayground(browser, running, { outcome: "manual" });
    const noCall = await withHost(page, `(host) => host.simulateProvider({ type: "remoteAnswer" })`);
    expect(noCall).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringContaining("there is no call") });
    const bogus = await withHost(page, `(host) => host.simulateProvider({ type: "explode" })`);
    expect(bogus).toMatchObject({ ok: false, message: expect.stringContaining("unknown command") });

    // outcome=manual: the call rings and connects only when the test says so.
    await widget.getByTestId("login").click();
    await page.getByTestId("call-button").click();
    await widget.getByTestId("dial").click();
    await widget.locator('[data-testid="status"][data-screen="calling"]').waitFor();
    expect(await withHost(page, `(host) => host.simulateProvider({ type: "ring" })`)).toEqual({ ok: true });
    await widget.getByText("Ringing…").waitFor();
    expect(await withHost(page, `(host) => host.simulateProvider({ type: "remoteAnswer" })`)).toEqual({ ok: true });
    await widget.locator('[data-testid="status"][data-screen="inCall"]').waitFor();
    expect(await withHost(page, `(host) => host.simulateProvider({ type: "remoteHangUp", reason: "completed" })`)).toEqual({ ok: true });
    await widget.locator('[data-testid="status"][data-screen="wrapUp"]').waitFor();
    await page.close();
  });

  it("says clearly when the widget offers no simulator control", async () => {
    // The transport tests' widget does not call acceptSimulatorControl().
    const page = await browser.newPage();
    const widgetUrl = `${fixtures.widgetOrigin}/test/e2e/fixtures/widget.html?allow=${encodeURIComponent(fixtures.hostOrigin)}`;
    await page.goto(`${fixtures.hostOrigin}/test/e2e/fixtures/host.html?widget=${encodeURIComponent(widgetUrl)}`);
    await page.waitForFunction(() => (window as any).hubspot?.simulator?.synced === true, null, { timeout: 30_000 });
    const result = await withHost(page, `(host) => host.simulateProvider({ type: "ring" }, { timeout: 300 })`);
    expect(result).toMatchObject({ ok: false, code: "NOT_SUPPORTED", message: expect.stringContaining("acceptSimulatorControl") });
    await page.close();
  });
});
