// The transport with the real SDK 0.9.7 in Node, on a stand-in window: checks
// the interplay the e2e tests cannot vary easily (hostUrl spellings, messages
// the SDK has no handler for). Real postMessage across origins: test/e2e.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSdkTransport, type InboundMessage } from "../../src/index";
import { ISSUE_216, ISSUE_228 } from "./dialNumberIssues";

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

/** A transport whose SDK is still loading until `finish()` is awaited. */
function loading() {
  const received: InboundMessage[] = [];
  const warnings: string[] = [];
  const issues: (readonly string[])[] = [];
  let finishLoading: (module: unknown) => void = () => {};
  const transport = createSdkTransport({
    window: win as unknown as Window,
    allowedOrigins: [HOST],
    loadSdk: () => new Promise((resolve) => (finishLoading = resolve)),
  });
  const starting = transport.start({
    receive: (message) => received.push(message),
    protocolError: (error) => {
      warnings.push(error.message);
      issues.push(error.issues);
    },
    securityWarning: (warning) => warnings.push(warning.reason),
  });
  const deliver = (data: unknown, source: unknown = win.parent, origin = HOST) =>
    win.dispatchEvent(Object.assign(new Event("message"), { data, origin, source }));
  const finish = async () => {
    finishLoading(await import("@hubspot/calling-extensions-sdk"));
    await starting;
  };
  return { transport, received, warnings, issues, deliver, finish };
}

async function started() {
  const transport = loading();
  await transport.finish();
  return transport;
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

  it("delivers DIAL_NUMBER as quoted in SDK issues 216 and 228 (threadId 0, a number)", async () => {
    const { received, warnings, deliver } = await started();
    deliver({ type: "SYNC", messageId: "s1", portalId: 1, hostUrl: HOST });
    deliver({ type: "DIAL_NUMBER", messageId: "d1", data: ISSUE_216 });
    deliver({ type: "DIAL_NUMBER", messageId: "d2", data: ISSUE_228 });
    expect(received.slice(1)).toEqual([
      { type: "DIAL_NUMBER", data: ISSUE_216 },
      { type: "DIAL_NUMBER", data: ISSUE_228 },
    ]);
    expect(warnings).toEqual([]);
  });

  it('reports messages with messageId "" or 0, which the SDK would drop without a word', async () => {
    const { received, issues, deliver } = await started();
    deliver({ type: "SYNC", messageId: "s1", portalId: 1, hostUrl: HOST });
    deliver({ type: "DIAL_NUMBER", messageId: "", data: { phoneNumber: "+16175550100" } });
    deliver({ type: "END_CALL", messageId: 0 });
    expect(received.map((m) => m.type)).toEqual(["SYNC"]);
    expect(issues).toEqual([
      ["messageId: required, a non-empty string or a non-zero number"],
      ["messageId: required, a non-empty string or a non-zero number"],
    ]);
  });

  it("reports a message the SDK swallows as an answer to itself (messageId starting with its instance id)", async () => {
    // The SDK's instance id is Date.now() when it is built.
    const now = vi.spyOn(Date, "now").mockReturnValue(1_700_000_000_000);
    const { received, issues, deliver } = await started().finally(() => now.mockRestore());
    deliver({ type: "SYNC", messageId: "s1", portalId: 1, hostUrl: HOST });
    deliver({ type: "DIAL_NUMBER", messageId: "1700000000000_1", data: { phoneNumber: "+16175550100" } });
    deliver({ type: "END_CALL", messageId: 17_000_000_000_001 });
    deliver({ type: "END_CALL", messageId: "hs_2" });
    expect(received.map((m) => m.type)).toEqual(["SYNC", "END_CALL"]);
    expect(issues).toEqual([
      ["messageId: dropped by the SDK as an answer to itself"],
      ["messageId: dropped by the SDK as an answer to itself"],
    ]);
  });
});

describe("the transport while the SDK is loading", () => {
  it("reports a hostile frame's flood at once, and HubSpot's SYNC that follows still gets through", async () => {
    const { received, warnings, deliver, finish } = loading();
    const hostile = { postMessage() {} };
    for (let i = 0; i < 60; i++) {
      deliver({ type: "SYNC", messageId: `h${i}`, hostUrl: "https://evil.example" }, hostile, "https://evil.example");
    }
    for (let i = 0; i < 60; i++) deliver({ type: "SYNC", messageId: `f${i}`, hostUrl: HOST }, hostile);
    deliver({ type: "DIAL_NUMBER", messageId: "early", data: { phoneNumber: "+19005550199" } });
    expect(warnings).toEqual([...Array(60).fill("originNotAllowed"), ...Array(60).fill("notFromParent"), "beforeSync"]);
    deliver({ type: "SYNC", messageId: "real", portalId: 1, hostUrl: HOST });
    deliver({ type: "DIAL_NUMBER", messageId: "d1", data: ISSUE_228 });
    await finish();
    expect(received.map((m) => m.type)).toEqual(["SYNC", "DIAL_NUMBER"]);
    expect(received[0]?.data).toMatchObject({ portalId: 1, hostUrl: HOST });
    expect(warnings).toHaveLength(121);
  });

  it("ignores SYNC repeats, buffers 50 messages from HubSpot and reports the rest as bufferFull", async () => {
    const { received, warnings, deliver, finish } = loading();
    deliver({ type: "SYNC", messageId: "s1", portalId: 1, hostUrl: HOST });
    for (let i = 0; i < 5; i++) deliver({ type: "SYNC", messageId: `again${i}`, portalId: 1, hostUrl: HOST });
    for (let i = 0; i < 55; i++) deliver({ type: "VISIBILITY_CHANGED", messageId: `v${i}`, data: { isMinimized: i % 2 === 0, isHidden: false } });
    expect(warnings).toEqual(Array(6).fill("bufferFull"));
    await finish();
    expect(received.map((m) => m.type)).toEqual(["SYNC", ...Array(49).fill("VISIBILITY_CHANGED")]);
    expect(warnings).toHaveLength(6);
  });

  it("buffers a malformed SYNC and reports it once loaded; the next good SYNC is the handshake", async () => {
    const { received, warnings, deliver, finish } = loading();
    deliver({ type: "SYNC", messageId: "s1", portalId: "one", hostUrl: HOST });
    deliver({ type: "SYNC", messageId: "s2", portalId: 2, hostUrl: HOST });
    deliver({ type: "SYNC", messageId: "s3", portalId: 3, hostUrl: HOST });
    expect(warnings).toEqual([]);
    await finish();
    expect(received.map((m) => [m.type, (m.data as { portalId?: number }).portalId])).toEqual([["SYNC", 2]]);
    expect(warnings).toEqual([expect.stringContaining("portalId")]);
  });
});

describe("message ids", () => {
  it("gives every message its own id, even when the queue is flushed within one millisecond", async () => {
    const { transport, deliver } = await started();
    transport.send({ type: "LOGGED_IN" });
    transport.send({ type: "USER_AVAILABLE" });
    transport.send({ type: "RESIZE_WIDGET", data: { width: 400, height: 600 } });
    deliver({ type: "SYNC", messageId: "h_1", portalId: 1, hostUrl: HOST });
    transport.send({ type: "USER_UNAVAILABLE" });
    const ours = posted.filter((p) => p.message.type !== "SYNC_ACK").map((p) => (p.message as { messageId?: string }).messageId);
    expect(ours).toHaveLength(4);
    expect(new Set(ours).size).toBe(4);
    // The SDK's instance prefix stays (`${instanceId}_`), so HubSpot's answers still read as answers to it.
    const prefixes = new Set(ours.map((id) => id?.split("_")[0]));
    expect(prefixes.size).toBe(1);
    for (const id of ours) expect(id).toMatch(/^\d+_\d+_\d+$/);
  });
});

describe("a client created after another one was destroyed (a remount)", () => {
  const sinkFor = (received: InboundMessage[], warnings: string[] = []) => ({
    receive: (message: InboundMessage) => received.push(message),
    protocolError: (error: Error) => warnings.push(error.message),
    securityWarning: (warning: { reason: string }) => warnings.push(warning.reason),
  });
  const deliver = (data: unknown, origin = HOST) =>
    win.dispatchEvent(Object.assign(new Event("message"), { data, origin, source: win.parent }));

  it("takes over the handshake HubSpot will not repeat, and talks to the same origin", async () => {
    const first = createSdkTransport({ window: win as unknown as Window, allowedOrigins: [HOST] });
    const firstReceived: InboundMessage[] = [];
    await first.start(sinkFor(firstReceived));
    deliver({ type: "SYNC", messageId: "s1", portalId: 7, hostUrl: HOST });
    expect(firstReceived.map((m) => m.type)).toEqual(["SYNC"]);
    first.stop();
    posted.length = 0;

    const second = createSdkTransport({ window: win as unknown as Window, allowedOrigins: [HOST] });
    second.send({ type: "LOGGED_IN" }); // before start: queued
    const received: InboundMessage[] = [];
    const warnings: string[] = [];
    await second.start(sinkFor(received, warnings));
    expect(received).toEqual([{ type: "SYNC", data: expect.objectContaining({ portalId: 7, hostUrl: HOST }) }]);
    deliver({ type: "DIAL_NUMBER", messageId: "d1", data: { phoneNumber: "+16175550100" } });
    second.send({ type: "USER_AVAILABLE" });
    expect(received.map((m) => m.type)).toEqual(["SYNC", "DIAL_NUMBER"]);
    expect(warnings).toEqual([]);
    // No second SYNC_ACK; both messages go to HubSpot's origin.
    expect(posted.map((p) => [p.message.type, p.targetOrigin])).toEqual([
      ["LOGGED_IN", HOST],
      ["USER_AVAILABLE", HOST],
    ]);
  });

  it("does not take over a handshake its own allowlist would refuse", async () => {
    const first = createSdkTransport({ window: win as unknown as Window, allowedOrigins: [HOST] });
    await first.start(sinkFor([]));
    deliver({ type: "SYNC", messageId: "s1", portalId: 7, hostUrl: HOST });
    first.stop();
    const stricter = createSdkTransport({ window: win as unknown as Window, allowedOrigins: ["https://app-eu1.hubspot.com"] });
    const received: InboundMessage[] = [];
    await stricter.start(sinkFor(received));
    deliver({ type: "DIAL_NUMBER", messageId: "d1", data: { phoneNumber: "+16175550100" } });
    expect(received).toEqual([]);
  });
});
