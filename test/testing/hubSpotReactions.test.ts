// The memory transport plays the script of test/support/hubSpotReactionCases.ts;
// test/e2e/testing/hubSpotReactions.test.ts plays the same script against the
// host simulator in Chromium: both simulated HubSpots agree message by message.
import { describe, expect, it } from "vitest";
import { createCallingClient, type OutboundMessage } from "../../src/index";
import { createMemoryTransport, simulatedProvider } from "../../src/testing/index";
import { CALLER_ID_MATCHES, ENGAGEMENTS_AFTER, FIRST_ENGAGEMENT_ID, hubSpotReactionCases, transcriptAt } from "../support/hubSpotReactionCases";

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("createMemoryTransport: HubSpot's reaction to every message a widget may send", () => {
  it("plays the shared script: answers, malformed messages, notices, sizes, string engagement ids", async () => {
    const host = createMemoryTransport({ autoCallerId: CALLER_ID_MATCHES, firstEngagementId: FIRST_ENGAGEMENT_ID });
    await host.transport.start({ receive: () => {}, protocolError: () => {}, securityWarning: () => {} });
    host.sync();
    await flush();
    for (const step of hubSpotReactionCases("http://127.0.0.1:5174/")) {
      const at = host.messages().length;
      // Whatever a widget on the raw SDK can send, data-less messages included: nothing throws.
      expect(() => host.transport.send(step.send as OutboundMessage), step.name).not.toThrow();
      expect(transcriptAt(host.messages(), at, host.widgetSize), step.name).toEqual(step.expected);
      if (step.widgetUrl) expect(host.widgetUrl, step.name).toBe(step.widgetUrl);
    }
    expect([...host.engagements].map(([engagementId, properties]) => ({ engagementId, properties }))).toEqual(ENGAGEMENTS_AFTER);
    expect(host.notices().map((notice) => notice.kind)).toEqual(["callTransferred", "navigateToRecord", "error"]);
  });

  it("client.setWidgetUrl(): recorded, and the widget's address is the new one", async () => {
    const host = createMemoryTransport();
    const client = createCallingClient({ provider: simulatedProvider(), transport: host.transport });
    host.sync();
    await client.ready();
    client.setWidgetUrl({ iFrameUrl: "https://phone.example.com/widget?v=2" });
    await expect(host.nextMessage("SET_WIDGET_URL")).resolves.toEqual({ type: "SET_WIDGET_URL", data: { iFrameUrl: "https://phone.example.com/widget?v=2" } });
    expect(host.widgetUrl).toBe("https://phone.example.com/widget?v=2");
    client.destroy();
  });

  it("a refused SET_WIDGET_URL reaches the client as hostError SET_WIDGET_URL_FAILED", async () => {
    const host = createMemoryTransport({ autoWidgetUrl: { fail: "Not an allowed address" } });
    const client = createCallingClient({ provider: simulatedProvider(), transport: host.transport });
    host.sync();
    await client.ready();
    const failed = new Promise((resolve) => client.on("hostError", ({ error }) => resolve([error.code, error.message])));
    client.setWidgetUrl({ iFrameUrl: "https://phone.example.com/widget?v=2" });
    await expect(failed).resolves.toEqual(["SET_WIDGET_URL_FAILED", expect.stringContaining("Not an allowed address")]);
    expect(host.widgetUrl).toBeUndefined();
    client.destroy();
  });

  it("client.resizeWidget() and INITIALIZED's sizeInfo set the widget's size", async () => {
    const host = createMemoryTransport();
    const client = createCallingClient({ provider: simulatedProvider(), transport: host.transport });
    host.sync();
    await client.ready();
    expect(host.widgetSize).toEqual({ width: 400, height: 600 });
    client.resizeWidget({ width: 360, height: 640 });
    await host.nextMessage("RESIZE_WIDGET");
    expect(host.widgetSize).toEqual({ width: 360, height: 640 });
    client.destroy();
  });
});
