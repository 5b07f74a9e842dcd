// docs/guides/without-a-bundler.md, followed as written: its index.html (an
// import map) and widget.js, served as plain files next to the built package
// and the SDK (as `npm install` lays them out in node_modules/), on a
// loopback server; no bundler anywhere. A page that plays HubSpot, itself
// loading hubspot-calling-kit/testing through an import map, makes one call
// with createHostSimulator() in Chromium, across two origins.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeGuideFiles } from "../../support/guideFiles";
import { launchChromium } from "../support/browser";
import { type StaticServer, startStaticServer } from "../support/staticServer";

const GUIDE = "docs/guides/without-a-bundler.md";

// The HubSpot side of the test: the host simulator from the built package, without a bundler either.
const HOST_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <script type="importmap">
      { "imports": {
          "hubspot-calling-kit/testing": "/node_modules/hubspot-calling-kit/dist/testing.js",
          "@hubspot/calling-extensions-sdk": "/node_modules/@hubspot/calling-extensions-sdk/dist/main.esm.js"
      } }
    </script>
    <script type="module">
      import { createHostSimulator } from "hubspot-calling-kit/testing";
      window.host = createHostSimulator({ widgetUrl: new URLSearchParams(location.search).get("widget"), container: "#widget" });
    </script>
  </head>
  <body><div id="widget"></div></body>
</html>
`;

type HostWindow = { host: import("../../../src/testing/index").HostSimulator };

let browser: Browser;
let server: StaticServer;
let folder: string;
let written: string[];
const requested: string[] = [];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "hubspot-calling-kit-import-map-"));
  written = writeGuideFiles(GUIDE, folder);
  const hostFolder = mkdtempSync(join(tmpdir(), "hubspot-calling-kit-import-map-host-"));
  writeFileSync(join(hostFolder, "index.html"), HOST_PAGE);
  [browser, server] = await Promise.all([
    launchChromium(),
    startStaticServer({
      // What `npm install hubspot-calling-kit` puts there: the published dist/ and the SDK's.
      "/node_modules/hubspot-calling-kit/dist/": resolve("dist"),
      "/node_modules/@hubspot/calling-extensions-sdk/dist/": resolve("node_modules/@hubspot/calling-extensions-sdk/dist"),
      "/host/": hostFolder,
      "/": folder,
    }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function openHost(): Promise<Page> {
  const page = await browser.newPage();
  page.on("request", (request) => requested.push(request.url()));
  const widgetUrl = `${server.origin}/`; // http://127.0.0.1:<port>/
  const hostUrl = `${server.origin.replace("127.0.0.1", "localhost")}/host/?widget=${encodeURIComponent(widgetUrl)}`;
  await page.goto(hostUrl);
  await page.waitForFunction(() => (window as unknown as HostWindow).host !== undefined);
  return page;
}

describe("the guide without a bundler (import map)", () => {
  it("writes the page and the widget, nothing to build", () => {
    expect(written).toEqual(["index.html", "widget.js"]);
  });

  it("makes a call in Chromium: SYNC, log in, HubSpot's dial request, connected, hang up, logged", async () => {
    const page = await openHost();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    await page.evaluate(() => (window as unknown as HostWindow).host.ready({ timeout: 20_000 }));
    const widget = page.frameLocator("#widget iframe");

    await widget.locator("#login").click();
    await page.evaluate(() => (window as unknown as HostWindow).host.nextMessage("LOGGED_IN"));
    const asked = await page.evaluate(() => (window as unknown as HostWindow).host.dialNumber({ phoneNumber: "+16175550100" }).phoneNumber);
    await expect.poll(() => widget.locator("#status").textContent()).toBe(`Dial ${asked}?`);

    await widget.locator("#dial").click();
    const started = await page.evaluate(() => (window as unknown as HostWindow).host.nextMessage("OUTGOING_CALL_STARTED").then((m) => m.data));
    expect(started.toNumber).toBe("+16175550100");
    await page.evaluate(() => (window as unknown as HostWindow).host.nextMessage("CALL_ANSWERED", { timeout: 20_000 }));
    await expect.poll(() => widget.locator("#status").textContent()).toBe("connected +16175550100");

    await widget.locator("#hangup").click();
    await page.evaluate(() => (window as unknown as HostWindow).host.nextMessage("CALL_ENDED"));
    const completed = await page.evaluate(() => (window as unknown as HostWindow).host.nextMessage("CALL_COMPLETED").then((m) => m.data));
    expect(completed.engagementProperties?.hs_call_body).toBe("Logged from a widget without a bundler");
    const engagements = await page.evaluate(() => [...(window as unknown as HostWindow).host.engagements.values()]);
    expect(engagements).toHaveLength(1);
    expect(errors).toEqual([]);

    // Everything came from the plain files: the library's dist/ and the SDK's ES module build, no bundle.
    const paths = requested.map((url) => new URL(url).pathname);
    expect(paths).toContain("/node_modules/hubspot-calling-kit/dist/index.js");
    expect(paths).toContain("/node_modules/@hubspot/calling-extensions-sdk/dist/main.esm.js");
    expect(paths).toContain("/widget.js");
    await page.close();
  });
});
