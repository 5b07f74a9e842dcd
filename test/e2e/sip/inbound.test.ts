// An incoming call end to end: a plain sip.js far end calls the widget's SIP
// user through Kamailio; the widget (createCallingClient + the SIP provider,
// real SDK) runs inside HubSpot's page (the host simulator, another origin);
// the user answers in the widget, audio flows, and HubSpot hears of each step.
import type { Frame, Page } from "playwright-core";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { poll, sipPerFile, until } from "./support/sipHarness";

const env = sipPerFile();
let far: Page;
let host: Page;
let widget: Frame;
let users = 0;

beforeAll(async () => {
  far = await env.open("far-end.html", "farEnd");
  await far.evaluate(([s, d]) => (window as any).farEnd.register(s, d, "+16175550123", "manual"), [env.kamailio.url, env.kamailio.domain] as const);
});
afterEach(async () => {
  await widget?.evaluate(() => (window as any).widget.provider.stop()).catch(() => undefined);
  await host?.close();
});

/** HubSpot's page with the widget, logged in, available, registered as a fresh SIP user. */
async function openWidget(): Promise<string> {
  const user = `agent${++users}`;
  const query = new URLSearchParams({ server: env.kamailio.url, domain: env.kamailio.domain, user, allow: env.otherOrigin });
  const widgetUrl = `${env.origin}/test/e2e/sip/fixtures/sip-widget.html?${query}`;
  host = await env.context.newPage();
  await host.goto(`${env.otherOrigin}/test/e2e/fixtures/host.html?widget=${encodeURIComponent(widgetUrl)}`);
  await host.waitForFunction(() => "hubspot" in window);
  await host.evaluate(() => (window as any).hubspot.ready);
  for (;;) {
    const frame = await (await host.$("#widget iframe"))?.contentFrame();
    if (frame && (await frame.evaluate(() => "widget" in window).catch(() => false))) {
      widget = frame;
      break;
    }
    await host.waitForTimeout(25);
  }
  await widget.evaluate(async () => {
    const { client, provider } = (window as any).widget;
    await client.ready({ timeout: 15_000 });
    await client.logIn();
    await client.setAvailable(true);
    await provider.start({ timeout: 10_000 });
  });
  return user;
}

const toHubSpot = (page: Page): Promise<{ type: string; data: any }[]> =>
  page.evaluate(() => (window as any).hubspot.messages().filter((m: any) => m.direction === "toHost").map((m: any) => ({ type: m.type, data: m.data })));

describe("an incoming SIP call through the calling client, in HubSpot's page", () => {
  it("rings in the widget, is answered there, carries audio both ways, and ends when the caller hangs up", async () => {
    const user = await openWidget();
    await far.evaluate(([u, d]) => (window as any).farEnd.call("+16175550123", `sip:${u}@${d}`), [user, env.kamailio.domain] as const);
    await widget.waitForFunction(() => (window as any).widget.snapshot().call?.status === "incoming");
    expect(await widget.evaluate(() => (window as any).widget.snapshot().call.fromNumber)).toBe("+16175550123");
    await widget.evaluate(() => (window as any).widget.client.getCall().answer());
    await widget.waitForFunction(() => (window as any).widget.snapshot().call?.status === "connected");
    expect(await poll(widget, () => (window as any).widget.remoteBytes(), (bytes: number) => bytes > 1_000)).toBeGreaterThan(1_000);
    await poll(far, () => (window as any).farEnd.stats(), (s: { bytesReceived: number } | undefined) => (s?.bytesReceived ?? 0) > 1_000);

    await far.evaluate(() => (window as any).farEnd.hangUp());
    await widget.waitForFunction(() => ["ended", "wrappingUp", "completed"].includes((window as any).widget.snapshot().call?.status));
    const sent = await toHubSpot(host);
    expect(sent.map((m) => m.type)).toEqual(expect.arrayContaining(["INCOMING_CALL", "CALL_ANSWERED", "CALL_ENDED"]));
    expect(sent.find((m) => m.type === "CALL_ENDED")?.data.callEndStatus).toBe("COMPLETED");
    expect(await widget.evaluate(() => (window as any).widget.errors)).toEqual([]);
  });

  it("a caller who gives up before the answer leaves a MISSED call", async () => {
    const user = await openWidget();
    await far.evaluate(([u, d]) => (window as any).farEnd.call("+16175550123", `sip:${u}@${d}`), [user, env.kamailio.domain] as const);
    await widget.waitForFunction(() => (window as any).widget.snapshot().call?.status === "incoming");
    await far.evaluate(() => (window as any).farEnd.hangUp());
    await widget.waitForFunction(() => (window as any).widget.snapshot().call?.status !== "incoming");
    const ended = (await toHubSpot(host)).find((m) => m.type === "CALL_ENDED");
    expect(ended?.data.callEndStatus).toBe("MISSED");
  });

  it("declining in the widget answers the caller 603 Decline and logs REJECTED", async () => {
    const user = await openWidget();
    await far.evaluate(([u, d]) => (window as any).farEnd.call("+16175550123", `sip:${u}@${d}`), [user, env.kamailio.domain] as const);
    await widget.waitForFunction(() => (window as any).widget.snapshot().call?.status === "incoming");
    await widget.evaluate(() => (window as any).widget.client.getCall().reject());
    await until(far, "window.farEnd.outcome().status === 603");
    const ended = (await toHubSpot(host)).find((m) => m.type === "CALL_ENDED");
    expect(ended?.data.callEndStatus).toBe("REJECTED");
  });
});
