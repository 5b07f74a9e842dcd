// A client created after another one was destroyed, in the same iframe, with
// the real SDK on both sides across two origins: HubSpot's side (the SDK's own
// host mode) stops sending SYNC once answered, so the new client must take
// over the handshake the page already made.
import { expect, it } from "vitest";
import { fixturesPerFile } from "../support/fixtureServer";

const env = fixturesPerFile();

it("a client created after the first was destroyed connects without a new SYNC and reaches HubSpot", async () => {
  const page = await env.browser.newPage();
  const widgetUrl = `${env.servers.widgetOrigin}/test/e2e/fixtures/widget.html?allow=${encodeURIComponent(env.servers.hostOrigin)}`;
  await page.goto(`${env.servers.hostOrigin}/test/e2e/fixtures/host.html?widget=${encodeURIComponent(widgetUrl)}`);
  let widget = page.frames().find((frame) => frame.url().startsWith(env.servers.widgetOrigin));
  while (!widget) {
    await page.waitForTimeout(25);
    widget = page.frames().find((frame) => frame.url().startsWith(env.servers.widgetOrigin));
  }
  await widget.waitForFunction(() => "widget" in window);
  await widget.evaluate(async () => {
    await (window as any).widget.client.ready({ timeout: 10_000 });
    await (window as any).widget.client.logIn();
  });

  const second = await widget.evaluate(async () => {
    const w = (window as any).widget;
    w.remount();
    const host = await w.client.ready({ timeout: 5_000 });
    await w.client.logIn();
    return { portalId: host.portalId, status: w.client.getSnapshot().session.status, errors: w.errors };
  });
  expect(second).toMatchObject({ status: "loggedIn", errors: [] });
  expect(typeof second.portalId).toBe("number");

  // HubSpot heard the second client: INITIALIZED and LOGGED_IN twice, in order.
  await page.waitForFunction(
    () => (window as any).hubspot.messages().filter((m: { type: string }) => m.type === "LOGGED_IN").length === 2,
    undefined,
    { timeout: 5_000 },
  );
  const types = await page.evaluate(() =>
    (window as any).hubspot.messages().filter((m: { direction: string }) => m.direction === "toHost").map((m: { type: string }) => m.type),
  );
  expect(types.filter((type: string) => type === "INITIALIZED" || type === "LOGGED_IN")).toEqual([
    "INITIALIZED",
    "LOGGED_IN",
    "INITIALIZED",
    "LOGGED_IN",
  ]);
});
