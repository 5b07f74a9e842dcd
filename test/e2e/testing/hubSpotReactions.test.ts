// The host simulator (the SDK's IFrameManager in host mode, in Chromium)
// plays the same script as the memory transport in
// test/testing/hubSpotReactions.test.ts, against a widget on the raw SDK that
// can send anything: both simulated HubSpots agree message by message.
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordedMessage } from "../../../src/testing/index";
import { CALLER_ID_MATCHES, ENGAGEMENTS_AFTER, hubSpotReactionCases, transcriptAt } from "../../support/hubSpotReactionCases";
import { fixturesPerFile } from "../support/fixtureServer";
import { type StaticServer, startRawSdkWidget } from "../support/staticServer";

const env = fixturesPerFile();
let rawWidget: StaticServer;
beforeAll(async () => {
  rawWidget = await startRawSdkWidget();
});
afterAll(() => rawWidget?.close());

interface Host {
  messages(): RecordedMessage[];
  widgetSize: { width: number; height: number };
  widgetUrl: string;
  synced: boolean;
  iframe: HTMLIFrameElement | null;
  engagements: Map<number, Record<string, string>>;
  setReplies(changes: object): void;
  notices(): { kind: string }[];
}

async function open(widgetUrl: string, query: Record<string, string> = {}): Promise<{ page: Page; errors: string[]; frame: () => Promise<Frame> }> {
  const page = await env.browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const url = new URL(`${env.servers.hostOrigin}/test/e2e/fixtures/host.html`);
  url.searchParams.set("widget", widgetUrl);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  await page.goto(url.href);
  await page.waitForFunction(() => (window as any).hubspot?.simulator?.synced === true, null, { timeout: 30_000 });
  const frame = async () => {
    const found = page.frames().find((f) => f !== page.mainFrame());
    if (!found) throw new Error("no widget frame");
    return found;
  };
  return { page, errors, frame };
}

describe("createHostSimulator: HubSpot's reaction to every message a widget may send", () => {
  it("plays the shared script over real postMessage; the iframe resizes and moves; nothing throws in the host page", async () => {
    const widgetUrl = `${rawWidget.origin}/?quiet=1`;
    const { page, errors, frame } = await open(widgetUrl);
    await page.evaluate((matches) => (window as any).hubspot.simulator.setReplies({ callerId: matches }), CALLER_ID_MATCHES);
    // The widget's own INITIALIZED (onReady) is in the log already; the script starts after it.
    await page.waitForFunction(() => (window as any).hubspot.simulator.messages().some((m: RecordedMessage) => m.type === "INITIALIZED"));
    const widget = await frame();
    for (const step of hubSpotReactionCases(widgetUrl)) {
      const at = await page.evaluate(() => (window as any).hubspot.simulator.messages().length);
      await widget.evaluate((message) => (window as any).rawSend(message), step.send);
      await page.waitForFunction((count) => (window as any).hubspot.simulator.messages().length > count, at);
      const [log, size, attributes] = await page.evaluate(() => {
        const simulator = (window as any).hubspot.simulator;
        return [simulator.messages(), simulator.widgetSize, [simulator.iframe.getAttribute("width"), simulator.iframe.getAttribute("height")]];
      });
      expect(transcriptAt(log, at, size), step.name).toEqual(step.expected);
      // The iframe itself has the size HubSpot gave it.
      expect(attributes, step.name).toEqual([`${size.width}px`, `${size.height}px`]);
      if (step.widgetUrl) {
        // HubSpot loads the widget from its new address: a new handshake there.
        await page.waitForFunction((url) => {
          const simulator = (window as any).hubspot.simulator;
          return simulator.iframe.src === url && simulator.synced && simulator.messages().filter((m: RecordedMessage) => m.type === "SYNC_ACK").length === 2;
        }, step.widgetUrl);
        expect(await page.evaluate(() => (window as any).hubspot.simulator.widgetUrl)).toBe(step.widgetUrl);
      }
    }
    const engagements = await page.evaluate(() => [...((window as any).hubspot.simulator as Host).engagements].map(([engagementId, properties]) => ({ engagementId, properties })));
    expect(engagements).toEqual(ENGAGEMENTS_AFTER);
    expect(await page.evaluate(() => ((window as any).hubspot.simulator as Host).notices().map((notice) => notice.kind))).toEqual(["callTransferred", "navigateToRecord", "error"]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a widget posting null, undefined or a number to HubSpot: nothing throws in the host page", async () => {
    const { page, errors, frame } = await open(`${rawWidget.origin}/`);
    const widget = await frame();
    await widget.evaluate(() => {
      for (const value of [null, undefined, 42, "SYNC"]) window.parent.postMessage(value, "*");
      (window as any).rawSend({ type: "CALL_COMPLETED" });
    });
    await page.waitForFunction(() => (window as any).hubspot.simulator.messages().some((m: RecordedMessage) => m.type === "CALL_COMPLETED"));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("client.setWidgetUrl() through the SDK transport: recorded, and the widget reloads at the new address", async () => {
    const widgetUrl = `${env.servers.widgetOrigin}/test/e2e/fixtures/widget.html?allow=${encodeURIComponent(env.servers.hostOrigin)}`;
    const { page, errors, frame } = await open(widgetUrl);
    const moved = `${widgetUrl}&moved=1`;
    const widget = await frame();
    await widget.waitForFunction(() => "widget" in window);
    await widget.evaluate((url) => (window as any).widget.client.setWidgetUrl({ iFrameUrl: url }), moved);
    await page.waitForFunction((url) => {
      const simulator = (window as any).hubspot.simulator;
      return simulator.iframe.src === url && simulator.synced && simulator.messages().filter((m: RecordedMessage) => m.type === "SYNC_ACK").length === 2;
    }, moved);
    const types = (await page.evaluate(() => ((window as any).hubspot.simulator as Host).messages())).map((m) => `${m.direction} ${m.type}`);
    expect(types).toContain("toHost SET_WIDGET_URL");
    const data = (await page.evaluate(() => ((window as any).hubspot.simulator as Host).messages())).find((m) => m.type === "SET_WIDGET_URL")?.data;
    expect(data).toEqual({ iFrameUrl: moved });
    expect(errors).toEqual([]);
    await page.close();
  });
});
