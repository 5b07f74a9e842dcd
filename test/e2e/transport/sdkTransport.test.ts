// The real SDK on both sides, in real Chromium, across two origins: the
// parent plays HubSpot with the SDK's IFrameManager host mode, the widget
// runs createCallingClient() with the default SDK transport.
import type { Frame, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { fixturesPerFile } from "../support/fixtureServer";

const env = fixturesPerFile();

type Logged = { direction: string; type: string; data: Record<string, unknown> | undefined };

function widgetUrl(query: Record<string, string | string[]> = {}): string {
  const url = new URL(`${env.servers.widgetOrigin}/test/e2e/fixtures/widget.html`);
  url.searchParams.append("allow", env.servers.hostOrigin);
  for (const [key, value] of Object.entries(query)) {
    for (const item of [value].flat()) url.searchParams.append(key, item);
  }
  return url.href;
}

async function openHost(options: { widget?: string; host?: Record<string, string | string[]> } = {}) {
  const page = await env.browser.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  const url = new URL(`${env.servers.hostOrigin}/test/e2e/fixtures/host.html`);
  url.searchParams.set("widget", options.widget ?? widgetUrl());
  for (const [key, value] of Object.entries(options.host ?? {})) {
    for (const item of [value].flat()) url.searchParams.append(key, item);
  }
  await page.goto(url.href);
  const widget = await widgetFrame(page);
  return { page, widget, pageErrors };
}

async function widgetFrame(page: Page, origin = env.servers.widgetOrigin): Promise<Frame> {
  for (let i = 0; i < 200; i++) {
    const frame = page.frames().find((f) => f.url().startsWith(origin) && f.url().includes("widget"));
    if (frame) {
      await frame.waitForFunction(() => "widget" in window || "raw" in window);
      return frame;
    }
    await page.waitForTimeout(25);
  }
  throw new Error("widget frame did not load");
}

const hostMessages = (page: Page) => page.evaluate(() => (window as unknown as { hubspot: { messages(): Logged[] } }).hubspot.messages());

describe("SDK transport in Chromium, two origins", () => {
  it("completes a whole outbound call over real postMessage", async () => {
    const { page, widget, pageErrors } = await openHost();
    const host = await widget.evaluate(() => (window as any).widget.client.ready({ timeout: 10_000 }));
    expect(host).toMatchObject({ portalId: 987_654_321, hostUrl: env.servers.hostOrigin, iframeLocation: "widget" });

    await widget.evaluate(async () => {
      const { client } = (window as any).widget;
      await client.logIn();
      client.on("dialRequested", async () => {
        const call = await client.dial();
        await call.connected;
        await call.hangUp();
        await call.complete({ notes: "Discussed renewal", outcome: "connected" });
      });
    });
    await page.evaluate(() =>
      (window as any).hubspot.send({
        type: "DIAL_NUMBER",
        data: { phoneNumber: "+16175550100", objectId: 0, calleeInfo: { calleeId: 3_000_000_101, calleeObjectTypeId: "0-1" } },
      }),
    );
    await widget.waitForFunction(() => (window as any).widget.snapshot().call?.status === "completed", null, { timeout: 10_000 });

    const log = await hostMessages(page);
    const fromWidget = log.filter((m) => m.direction === "toHost").map((m) => m.type);
    expect(fromWidget).toEqual([
      "INITIALIZED", "LOGGED_IN", "OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED", "CALL_COMPLETED",
    ]);
    const completed = log.find((m) => m.type === "CALL_COMPLETED")?.data as Record<string, any>;
    const started = log.find((m) => m.type === "OUTGOING_CALL_STARTED")?.data as Record<string, any>;
    expect(started).toMatchObject({ toNumber: "+16175550100", createEngagement: true });
    expect(completed).toMatchObject({
      externalCallId: started.externalCallId,
      engagementId: 30_000_000_001,
      engagementProperties: {
        hs_call_body: "Discussed renewal",
        hs_call_status: "COMPLETED",
        hs_call_direction: "OUTBOUND",
        hs_call_to_number: "+16175550100",
        hs_call_callee_object_id: "3000000101",
      },
    });
    const widgetErrors = await widget.evaluate(() => (window as any).widget.errors);
    expect([...pageErrors, ...widgetErrors]).toEqual([]);
    await page.close();
  });

  it("queues messages sent before SYNC and delivers them, in order, after it", async () => {
    const { page, widget } = await openHost({ widget: widgetUrl({ early: "1" }), host: { syncAfterMs: "manual" } });
    // The widget has queued its messages before the handshake.
    await widget.waitForFunction(() => "widget" in window);
    await page.evaluate(() => (window as any).hubspot.releaseSync());
    await widget.evaluate(() => (window as any).widget.client.ready({ timeout: 10_000 }));
    await page.waitForFunction(() => (window as any).hubspot.messages().length >= 3);
    const types = (await hostMessages(page)).filter((m) => m.direction === "toHost").map((m) => m.type);
    expect(types.slice(0, 3)).toEqual(["RESIZE_WIDGET", "ERROR", "INITIALIZED"]);
    await page.close();
  });

  it("ignores SYNC and DIAL_NUMBER from a hostile sibling frame and from an allowed origin that is not the parent", async () => {
    const hostile = `${env.servers.hostileOrigin}/test/e2e/fixtures/hostile.html`;
    const sameOriginSibling = `${env.servers.hostOrigin}/test/e2e/fixtures/hostile.html`;
    const { page, widget } = await openHost({ host: { syncAfterMs: "manual", sibling: [hostile, sameOriginSibling] } });
    const reasons = () => widget.evaluate(() => ({ ...(window as any).widget.reasons }));
    // Before the handshake: both attackers are heard and refused.
    await widget.waitForFunction(
      () => (window as any).widget.reasons.originNotAllowed > 0 && (window as any).widget.reasons.notFromParent > 0,
      null,
      { timeout: 20_000 },
    );
    expect(await widget.evaluate(() => (window as any).widget.snapshot().session.status)).toBe("connecting");
    // The real HubSpot (the parent) gets the channel, not the attackers that spoke first.
    await page.evaluate(() => (window as any).hubspot.releaseSync());
    const host = await widget.evaluate(() => (window as any).widget.client.ready({ timeout: 10_000 }));
    expect(host).toMatchObject({ hostUrl: env.servers.hostOrigin, portalId: 987_654_321 });
    // After it: the attackers, still sending, are simply "not the host".
    const before = (await reasons()).notFromHost ?? 0;
    await widget.waitForFunction((n) => ((window as any).widget.reasons.notFromHost ?? 0) > n + 10, before, { timeout: 20_000 });
    const state = await widget.evaluate(() => ({
      dialRequest: (window as any).widget.snapshot().dialRequest,
      counts: (window as any).widget.counts,
    }));
    expect(state.dialRequest).toBeNull();
    expect(state.counts.dialRequested).toBeUndefined();
    await page.close();
  });

  it("a hostile parent page cannot sync with the widget at all", async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.servers.hostileOrigin}/test/e2e/fixtures/hostile.html?frame=${encodeURIComponent(widgetUrl())}`);
    const widget = await widgetFrame(page);
    await widget.waitForFunction(() => ((window as any).widget.counts.securityWarning ?? 0) > 20, null, { timeout: 20_000 });
    const state = await widget.evaluate(() => ({
      status: (window as any).widget.snapshot().session.status,
      dialRequest: (window as any).widget.snapshot().dialRequest,
      reasons: (window as any).widget.reasons,
    }));
    expect(state).toMatchObject({ status: "connecting", dialRequest: null });
    // Its SYNC is refused for its origin; its DIAL_NUMBER for coming before any handshake.
    expect(Object.keys(state.reasons).sort()).toEqual(["beforeSync", "originNotAllowed"]);
    await page.close();
  });

  it("control: the raw SDK is taken over by a hostile parent (the hole the transport closes)", async () => {
    const page = await env.browser.newPage();
    const raw = `${env.servers.widgetOrigin}/test/e2e/fixtures/widget-raw.html`;
    await page.goto(`${env.servers.hostileOrigin}/test/e2e/fixtures/hostile.html?frame=${encodeURIComponent(raw)}`);
    const widget = await widgetFrame(page);
    await widget.waitForFunction(() => (window as any).raw.dials.length > 0, null, { timeout: 5_000 });
    const taken = await widget.evaluate(() => (window as any).raw);
    expect(taken.readies[0]).toMatchObject({ hostUrl: env.servers.hostileOrigin, portalId: 666 });
    expect(taken.dials[0]).toMatchObject({ phoneNumber: "+1 900 555 0199" });
    await page.close();
  });
});
