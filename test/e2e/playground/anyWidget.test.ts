// The playground in front of ANY widget: `npm run dev -- --widget-url <url>`
// (a real process) hosting a widget on the raw SDK, loaded from a script tag
// and served as plain files, the way HubSpot's own demo widgets are; and a
// widget folder without package.json beside the page's own Vite pre-bundle.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlayground } from "../../../playground/server.mjs";
import { launchChromium } from "../support/browser";
import { type StaticServer, startRawSdkWidget } from "../support/staticServer";
import { hostMessages, type PlaygroundWindow, sequence } from "./support";

let browser: Browser;
let rawWidget: StaticServer;
const processes: ChildProcess[] = [];
beforeAll(async () => {
  [browser, rawWidget] = await Promise.all([launchChromium(), startRawSdkWidget()]);
});
afterAll(async () => {
  for (const child of processes) child.kill("SIGTERM");
  await browser?.close();
  await rawWidget?.close();
});

/** Runs `node scripts/dev.mjs` as a person would (`npm run dev -- …`); resolves with the playground's address from its banner. */
function runDev(args: string[], env: Record<string, string> = {}): Promise<{ url: string; output: () => string }> {
  const child = spawn(process.execPath, ["scripts/dev.mjs", ...args], {
    env: { ...process.env, PLAYGROUND_PORT: "0", WIDGET_PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  processes.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run dev printed no banner:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Playground \(plays HubSpot\):\s+(http:\/\/localhost:\d+\/)/.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve({ url: found[1], output: () => output });
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("exit", (code) => reject(new Error(`npm run dev exited with ${code}:\n${output}`)));
  });
}

async function open(url: string): Promise<{ page: Page; widget: FrameLocator; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as PlaygroundWindow).playground?.host().synced === true, null, { timeout: 30_000 });
  return { page, widget: page.frameLocator("#widget-frame iframe"), errors };
}

const status = (widget: FrameLocator, text: string | RegExp) => widget.getByTestId("status").filter({ hasText: text }).waitFor({ timeout: 10_000 });
const since = (types: string[], first: string) => types.slice(types.indexOf(first));

describe("npm run dev -- --widget-url: a widget on the raw SDK, as HubSpot's demos are written", () => {
  it("a full outbound call, inbound with caller ID, END_CALL; the page shows what HubSpot shows", async () => {
    const widgetUrl = `${rawWidget.origin}/`;
    const dev = await runDev(["--widget-url", widgetUrl]);
    expect(dev.output()).toContain(`Widget (Your widget (${new URL(widgetUrl).host})):  ${widgetUrl}`);
    expect(dev.output()).toContain(`allowedOrigins: [...HUBSPOT_ORIGINS, "${new URL(dev.url).origin}"]`);
    const { page, widget, errors } = await open(dev.url);
    // Only the given widget is offered; the starters are not started.
    expect(await page.getByTestId("provider-picker").locator("option").allTextContents()).toEqual([`Your widget (${new URL(widgetUrl).host})`]);
    // INITIALIZED's sizeInfo (400 x 650) sized the iframe.
    expect(await page.locator("#widget-frame iframe").evaluate((frame: HTMLIFrameElement) => [frame.getAttribute("width"), frame.getAttribute("height")])).toEqual(["400px", "650px"]);

    // Outbound: log in, Call on the record, the widget starts, answers, ends and completes the call.
    await widget.locator("#login").click();
    await page.getByTestId("call-button").click();
    await widget.getByTestId("to-number").filter({ hasText: "+1 (617) 555-0100" }).waitFor();
    await widget.locator("#outgoingcall").click();
    await status(widget, /^Engagement \d+$/);
    await page.getByTestId("timeline-call").filter({ hasText: "In progress" }).waitFor();
    await widget.locator("#answercall").click();
    await widget.locator("#endcall").click();
    await widget.locator("#completecall").click();
    await page.getByTestId("timeline-body").filter({ hasText: "Resolved issue" }).waitFor();
    await status(widget, /^Saved engagement \d+$/);
    expect(since(sequence(await hostMessages(page)), "toHost LOGGED_IN")).toEqual([
      "toHost LOGGED_IN",
      "toWidget DIAL_NUMBER",
      "toHost OUTGOING_CALL_STARTED",
      "toWidget CREATE_ENGAGEMENT_SUCCEEDED",
      "toHost CALL_ANSWERED",
      "toHost CALL_ENDED",
      "toHost CALL_COMPLETED",
      "toWidget UPDATE_ENGAGEMENT_SUCCEEDED",
    ]);

    // Inbound with caller ID: HubSpot matches the caller (the page's choice: the contact); the widget opens the record.
    await widget.locator("#useravailable").click();
    await widget.locator("#incomingcall").click();
    await widget.getByTestId("caller").filter({ hasText: "Ada Lovelace" }).waitFor();
    await page.getByTestId("host-notices").locator('[data-kind="navigateToRecord"]').filter({ hasText: "contact 3000000101 (Ada Lovelace)" }).waitFor();
    expect(since(sequence(await hostMessages(page)), "toHost INCOMING_CALL")).toEqual([
      "toHost INCOMING_CALL",
      "toWidget CREATE_ENGAGEMENT_SUCCEEDED",
      "toWidget CALLER_ID_MATCH_SUCCEEDED",
      "toHost NAVIGATE_TO_RECORD",
    ]);
    await widget.locator("#answercall").click();

    // END_CALL: the demo answers with callEnded() and no payload, recorded and flagged, never a crash.
    await page.getByTestId("end-call").click();
    await page.getByTestId("message-log").locator('li.entry[data-type="CALL_ENDED"].malformed').getByTestId("malformed").filter({ hasText: "data: missing" }).waitFor();
    expect(since(sequence(await hostMessages(page)), "toWidget END_CALL")).toEqual(["toWidget END_CALL", "toHost CALL_ENDED"]);

    // ERROR, CALL_TRANSFERRED and RESIZE_WIDGET: shown, and the iframe resized.
    await widget.locator("#senderror").click();
    await page.getByTestId("host-notices").locator('[data-kind="error"]').filter({ hasText: "This is an error alert shown in the Hubspot UI" }).waitFor();
    await widget.locator("#transfercall").click();
    await page.getByTestId("host-notices").locator('[data-kind="callTransferred"]').waitFor();
    await widget.locator("#resizewidget").click();
    await page.waitForFunction(() => document.querySelector("#widget-frame iframe")?.getAttribute("width") === "420px");

    // The far-end buttons need the simulated provider: the page says why they cannot work here.
    await page.getByTestId("remote-hang-up").click();
    await page.locator("#calling-status").filter({ hasText: "not possible with this widget" }).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("PLAYGROUND_WIDGET_URL does the same; SET_WIDGET_URL moves the widget and the page connects again", async () => {
    const dev = await runDev([], { PLAYGROUND_WIDGET_URL: `${rawWidget.origin}/` });
    const { page, widget, errors } = await open(dev.url);
    await widget.locator("#setwidgeturl").click();
    await page.waitForFunction((url) => (window as any).playground.host().widgetUrl === url && (window as any).playground.host().synced, `${rawWidget.origin}/?moved=1`);
    await page.locator("#calling-status").filter({ hasText: "is connected" }).waitFor();
    expect(sequence(await hostMessages(page)).filter((type) => type.includes("SYNC") || type.includes("SET_WIDGET_URL"))).toEqual([
      "toWidget SYNC",
      "toHost SYNC_ACK",
      "toHost SET_WIDGET_URL",
      "toWidget SYNC",
      "toHost SYNC_ACK",
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("an address it cannot host stops the start with a message", async () => {
    await expect(runDev(["--widget-url", "file:///tmp/widget.html"])).rejects.toThrow(/--widget-url must be an http\(s\) address/);
  });
});

describe("a widget folder without package.json in playground/widgets.mjs", () => {
  it("gets its own Vite pre-bundle: the page's is never rewritten, and the page and both widgets work", async () => {
    const cacheRoot = await mkdtemp(join(tmpdir(), "playground-cache-"));
    const running = await startPlayground({
      playgroundPort: 0,
      widgetPort: 0,
      watch: false,
      logLevel: "error",
      cacheRoot,
      widgets: [
        { id: "vanilla", name: "Acme Phone (vanilla starter)", dir: "examples/vanilla" },
        { id: "module", name: "A folder widget", dir: "test/e2e/fixtures/module-widget" },
      ],
    });
    try {
      const pageMetadata = () => readFile(join(cacheRoot, "playground/deps/_metadata.json"), "utf8");
      const { page, errors } = await open(`${running.playgroundUrl}?widget=module`);
      const before = await pageMetadata();
      await page.frameLocator("#widget-frame iframe").getByTestId("status").filter({ hasText: "Ready" }).waitFor();
      // The folder widget pre-bundled the SDK into its own folder.
      expect(JSON.parse(await readFile(join(cacheRoot, "widget-module/deps/_metadata.json"), "utf8")).optimized).toHaveProperty(["@hubspot/calling-extensions-sdk"]);
      // Back to the starter and a fresh page: the page's own pre-bundle is untouched and serves it.
      const bad: string[] = [];
      const fresh = await browser.newContext();
      const again = await fresh.newPage();
      again.on("response", (response) => void (response.status() >= 400 && bad.push(`${response.status()} ${response.url()}`)));
      await again.goto(`${running.playgroundUrl}?widget=vanilla`);
      await again.waitForFunction(() => (window as unknown as PlaygroundWindow).playground?.host().synced === true, null, { timeout: 30_000 });
      expect(await pageMetadata()).toBe(before);
      expect(bad).toEqual([]);
      expect(errors).toEqual([]);
      await fresh.close();
      await page.close();
    } finally {
      await running.close();
      await rm(cacheRoot, { recursive: true, force: true });
    }
  });
});
