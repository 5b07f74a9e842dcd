// The transport with the real SDK 0.9.7 in Node, on a stand-in window: checks
// the interplay the e2e tests cannot vary easily (hostUrl spellings, messages
// the SDK has no handler for). Real postMessage across origins: test/e2e.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSdkTransport, type InboundMessage } from "../../src/index";

const HOST = "https://app.hubspot.com";
type Posted = { message: { type?: string }; targetOrigin: string };

let win: EventTarget & { parent: { postMessage(message: unknown, targetOrigin: string): void }; location: { href: string } };
let posted: Posted[];
const saved = { window: globalThis.window, document: globalThis.document };

beforeEach(() => {
  posted = [];
  win = Object.assign(new EventTarget(), {
    parent: { postMessage: (message: unknown, targetOrigin: string) => void posted.push({ message: message as Posted["message"], targetOrigin }) },
    location: { href: "https://phone.example.com/widget" },
  });
  // The SDK reads these globals directly.
  Object.assign(globalThis, {
    window: win,
    document: {
      referrer: "",
      createElement: () => {
        const anchor = { protocol: "", host: "" };
        return Object.defineProperty(anchor, "href", {
          set(value: string) {
            const url = new URL(value || "about:blank");
            anchor.protocol = url.protocol;
            anchor.host = url.host;
          },
        });
      },
    },
  });
});
afterEach(() => {
  Object.assign(globalThis, saved);
});

async function started() {
  const received: InboundMessage[] = [];
  const warnings: string[] = [];
  const transport = createSdkTransport({
    window: win as unknown as Window,
    allowedOrigins: [HOST],
    loadSdk: () => import("@hubspot/calling-extensions-sdk"),
  });
  await transport.start({
    receive: (message) => received.push(message),
    protocolError: (error) => warnings.push(error.message),
    securityWarning: (warning) => warnings.push(warning.reason),
  });
  const deliver = (data: unknown) =>
    win.dispatchEvent(Object.assign(new Event("message"), { data, origin: HOST, source: win.parent }));
  return { transport, received, warnings, deliver };
}

describe("the transport over the real SDK", () => {
  for (const hostUrl of ["https://app.hubspot.com/", "https://APP.hubspot.com"]) {
    it(`accepts SYNC with hostUrl ${JSON.stringify(hostUrl)} and keeps hearing HubSpot afterwards`, async () => {
      const { received, warnings, deliver, transport } = await started();
      deliver({ type: "SYNC", messageId: "s1", portalId: 1, hostUrl });
      deliver({ type: "DIAL_NUMBER", messageId: "d1", data: { phoneNumber: "+16175550100" } });
      expect(received.map((m) => m.type)).toEqual(["SYNC", "DIAL_NUMBER"]);
      expect(received[0]?.data).toMatchObject({ hostUrl: HOST });
      expect(warnings).toEqual([]);
      transport.send({ type: "LOGGED_IN" });
      expect(posted.map((p) => [p.message.type, p.targetOrigin])).toEqual([
        ["SYNC_ACK", HOST],
        ["LOGGED_IN", HOST],
      ]);
    });
  }

  it("passes ERROR and UNLOADING on without the SDK answering HubSpot with an ERROR", async () => {
    const { received, deliver } = await started();
    deliver({ type: "SYNC", messageId: "s1", portalId: 1, hostUrl: HOST });
    posted.length = 0;
    deliver({ type: "ERROR", messageId: "e1", data: { message: "boom" } });
    deliver({ type: "UNLOADING", messageId: "u1" });
    expect(received.map((m) => m.type)).toEqual(["SYNC", "ERROR", "UNLOADING"]);
    expect(posted).toEqual([]);
  });

  it("cannot be restarted once stopped, and sends nothing after stop()", async () => {
    const { transport } = await started();
    transport.stop();
    expect(() => transport.send({ type: "LOGGED_IN" })).toThrow(/stopped/);
    await expect(transport.start({ receive() {}, protocolError() {}, securityWarning() {} })).rejects.toMatchObject({ code: "INVALID_STATE" });
  });
});
