// The calling remote and the calling window in real Chromium, with the real
// SDK on both sides of both iframes, across two origins: HubSpot's page on
// localhost, the widget on 127.0.0.1. The widget uses coordinateSurfaces().
import type { BrowserContext, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchProfile } from "../support/browser";
import { type FixtureServers, startFixtureServers } from "../support/fixtureServer";

const env = {} as { servers: FixtureServers };
beforeAll(async () => {
  env.servers = await startFixtureServers();
});
afterAll(() => env.servers?.close());
let channels = 0;

type Surface = "remote" | "window";
type Sent = { surface: Surface; type: string; data?: { externalCallId?: string; callEndStatus?: string } };

/** Opens HubSpot's page with the layout; every page of one test shares a channel name. */
async function openHubSpot(page: Page, channel: string, query = ""): Promise<void> {
  const widgetUrl = `${env.servers.widgetOrigin}/test/e2e/fixtures/surface-widget.html?channel=${channel}&allow=${encodeURIComponent(env.servers.hostOrigin)}`;
  await page.goto(`${env.servers.hostOrigin}/test/e2e/fixtures/layout.html?widget=${encodeURIComponent(widgetUrl)}${query}`);
  await page.waitForFunction(() => "layout" in window);
  await page.evaluate(() => (window as any).layout.ready({ timeout: 15_000 }));
}

/** The widget's frame on one surface, once its script ran. */
async function frameOf(page: Page, surface: Surface): Promise<Frame> {
  for (;;) {
    const handle = await page.$(`#${surface} iframe`);
    const frame = await handle?.contentFrame();
    if (frame && (await frame.evaluate(() => "widget" in window).catch(() => false))) return frame;
    await page.waitForTimeout(25);
  }
}

const role = (frame: Frame) => frame.evaluate(() => (window as any).widget.snapshot().surface);
const waitFor = (frame: Frame, fn: string) => frame.waitForFunction(fn, undefined, { timeout: 10_000 });

/** What the widget sent HubSpot, on every surface of this page. */
const sentOn = (page: Page): Promise<Sent[]> =>
  page.evaluate(() =>
    (window as any).layout
      .messages()
      .filter((m: { direction: string; type: string }) => m.direction === "toHost" && m.type !== "SYNC_ACK")
      .map((m: Sent) => ({ surface: m.surface, type: m.type, data: m.data })),
  );

// Third-party storage allowed (Chrome's defaults): the owner holds a Web Lock and stores its
// snapshot. Blocked (incognito, users who block third-party cookies): the iframes get neither,
// and the owner is elected over the BroadcastChannel.
describe.each([
  { storage: "allowed", thirdPartyStorage: true },
  { storage: "blocked", thirdPartyStorage: false },
])("calling remote + calling window in Chromium with the real SDK, third-party storage $storage", ({ thirdPartyStorage }) => {
  let profile: BrowserContext & { dispose(): Promise<void> };
  beforeAll(async () => {
    profile = await launchProfile({ thirdPartyStorage });
  });
  afterAll(() => profile?.dispose());

  it("an outbound call from the remote is held by the window; every HubSpot message is sent once", async () => {
    const page = await profile.newPage();
    await openHubSpot(page, `outbound-${++channels}`);
    const [remote, window] = [await frameOf(page, "remote"), await frameOf(page, "window")];
    await waitFor(remote, "window.widget.snapshot().surface.ownerPresent");
    expect(await role(window)).toEqual({ role: "owner", ownerPresent: true });
    expect(await role(remote)).toEqual({ role: "mirror", ownerPresent: true });
    // Which election ran: the owner's Web Lock is held only where the iframe may use locks.
    const locks = await window.evaluate(() => navigator.locks.query().then((q) => q.held?.map((l) => l.name) ?? [], () => null));
    if (thirdPartyStorage) expect(locks?.some((name) => name?.endsWith(":owner"))).toBe(true);
    else expect(locks).toBeNull();

    await page.evaluate(() => (window as any).layout.remote.dialNumber({ phoneNumber: "+16175550100" }));
    await waitFor(remote, "window.widget.snapshot().dialRequest !== null");
    const callId = await remote.evaluate(async () => {
      const { client } = (window as any).widget;
      await client.logIn();
      const call = await client.dial({ toNumber: client.getSnapshot().dialRequest.phoneNumber });
      return call.id;
    });
    expect(await window.evaluate(() => (window as any).widget.provider.calls.length)).toBe(1);
    expect(await remote.evaluate(() => (window as any).widget.provider.calls.length)).toBe(0);
    await window.evaluate(() => (window as any).widget.provider.lastCall().remoteAnswer());
    await remote.evaluate(async () => {
      const call = (window as any).widget.client.getCall();
      await call.connected;
      await call.hangUp();
      await call.complete({ notes: "from the remote" });
    });
    await waitFor(window, "window.widget.snapshot().call?.status === 'completed'");
    const sent = await sentOn(page);
    expect(sent.filter((m) => m.surface === "remote").map((m) => m.type)).toEqual(["INITIALIZED"]);
    expect(sent.filter((m) => m.surface === "window").map((m) => m.type)).toEqual([
      "INITIALIZED",
      "LOGGED_IN",
      "OUTGOING_CALL_STARTED",
      "CALL_ANSWERED",
      "CALL_ENDED",
      "CALL_COMPLETED",
    ]);
    expect(sent.filter((m) => m.data?.externalCallId).every((m) => m.data?.externalCallId === callId)).toBe(true);
    await page.close();
  });

  it("an inbound call rings in the window, is answered in the remote, and survives HubSpot navigating", async () => {
    const page = await profile.newPage();
    await openHubSpot(page, `inbound-${++channels}`);
    const [remote, window] = [await frameOf(page, "remote"), await frameOf(page, "window")];
    await waitFor(remote, "window.widget.snapshot().surface.ownerPresent");
    await remote.evaluate(async () => {
      await (window as any).widget.client.logIn();
      await (window as any).widget.client.setAvailable(true);
    });
    await window.evaluate(() => (window as any).widget.provider.incoming({ from: "+16175550123", to: "+16175550199" }));
    await waitFor(remote, "window.widget.snapshot().call?.status === 'incoming'");
    await remote.evaluate(() => (window as any).widget.client.getCall().answer());
    await waitFor(remote, "window.widget.snapshot().call?.status === 'connected'");

    // HubSpot navigates: the remote reloads; the call goes on in the window.
    await page.evaluate(() => (window as any).layout.navigate());
    await page.waitForTimeout(50);
    const reloaded = await frameOf(page, "remote");
    await waitFor(reloaded, "window.widget.snapshot().call?.status === 'connected'");
    expect(await window.evaluate(() => (window as any).widget.provider.lastCall().state)).toBe("connected");
    await reloaded.evaluate(() => (window as any).widget.client.getCall().hangUp());
    await waitFor(window, "window.widget.snapshot().call?.status === 'ended'");
    const sent = await sentOn(page);
    expect(sent.filter((m) => m.surface === "window").map((m) => m.type)).toEqual([
      "INITIALIZED",
      "LOGGED_IN",
      "USER_AVAILABLE",
      "INCOMING_CALL",
      "CALL_ANSWERED",
      "CALL_ENDED",
    ]);
    // The reloaded remote initialized its new iframe, logged in as the session is.
    const remoteSent = sent.filter((m) => m.surface === "remote");
    expect(remoteSent.map((m) => m.type)).toEqual(["INITIALIZED", "INITIALIZED"]);
    expect(remoteSent[1]?.data).toMatchObject({ isLoggedIn: true, isAvailable: true });
    await page.close();
  });

  it("the window closed while idle hands over cleanly; closed during a call, the remote reports it lost once", async () => {
    const page = await profile.newPage();
    await openHubSpot(page, `close-${++channels}`);
    const remote = await frameOf(page, "remote");
    await waitFor(remote, "window.widget.snapshot().surface.ownerPresent");
    await remote.evaluate(() => (window as any).widget.client.logIn());
    await page.evaluate(() => (window as any).layout.closeWindow());
    await waitFor(remote, "!window.widget.snapshot().surface.ownerPresent");
    await page.evaluate(() => (window as any).layout.openWindow());
    const window = await frameOf(page, "window");
    await waitFor(remote, "window.widget.snapshot().surface.ownerPresent");
    expect(await window.evaluate(() => (window as any).widget.snapshot().session.status)).toBe("loggedIn");

    const callId = await remote.evaluate(async () => (await (window as any).widget.client.dial({ toNumber: "+16175550100" })).id);
    await window.evaluate(() => (window as any).widget.provider.lastCall().remoteAnswer());
    await waitFor(remote, "window.widget.snapshot().call?.status === 'connected'");
    await page.evaluate(() => (window as any).layout.closeWindow());
    await waitFor(remote, "window.widget.snapshot().call?.status === 'ended'");
    const call = await remote.evaluate(() => (window as any).widget.snapshot().call);
    expect(call).toMatchObject({ id: callId, endStatus: "FAILED", error: { code: "OWNER_LOST" } });
    const ended = (await sentOn(page)).filter((m) => m.type === "CALL_ENDED");
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ surface: "remote", type: "CALL_ENDED", data: { externalCallId: callId, callEndStatus: "FAILED" } });
    await page.close();
  });

  it("two HubSpot tabs each with a remote and one calling window: one owner, each message once", async () => {
    const channel = `tabs-${++channels}`;
    const [tabA, tabB] = [await profile.newPage(), await profile.newPage()];
    await openHubSpot(tabA, channel);
    await openHubSpot(tabB, channel, "&window=0");
    const [remoteA, window, remoteB] = [await frameOf(tabA, "remote"), await frameOf(tabA, "window"), await frameOf(tabB, "remote")];
    await waitFor(remoteB, "window.widget.snapshot().surface.ownerPresent");
    expect([await role(remoteA), await role(window), await role(remoteB)].map((s) => s.role)).toEqual(["mirror", "owner", "mirror"]);
    await remoteB.evaluate(() => (window as any).widget.client.logIn());
    await remoteB.evaluate(() => (window as any).widget.client.dial({ toNumber: "+16175550100" }));
    await window.evaluate(() => (window as any).widget.provider.lastCall().remoteAnswer());
    await waitFor(remoteA, "window.widget.snapshot().call?.status === 'connected'");
    await remoteA.evaluate(() => (window as any).widget.client.getCall().hangUp());
    await waitFor(remoteB, "window.widget.snapshot().call?.status === 'ended'");
    const sent = [...(await sentOn(tabA)), ...(await sentOn(tabB))];
    expect(sent.filter((m) => m.type !== "INITIALIZED").map((m) => `${m.surface} ${m.type}`)).toEqual([
      "window LOGGED_IN",
      "window OUTGOING_CALL_STARTED",
      "window CALL_ANSWERED",
      "window CALL_ENDED",
    ]);
    for (const frame of [remoteA, window, remoteB]) expect(await frame.evaluate(() => (window as any).widget.errors)).toEqual([]);
    await tabA.close();
    await tabB.close();
  });
});
