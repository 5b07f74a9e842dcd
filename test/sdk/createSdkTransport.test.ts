// Unit checks of the SDK transport's life cycle with a stand-in window and
// SDK module (the real SDK over real postMessage is tested in test/e2e).
import { describe, expect, it } from "vitest";
import { createSdkTransport } from "../../src/index";

function fakeWindow() {
  const target = new EventTarget() as EventTarget & { parent: unknown };
  target.parent = {};
  return target as unknown as Window;
}

function fakeSdk() {
  const created: unknown[] = [];
  class CallingExtensions {
    iFrameManager = {
      messageHandler: () => {},
      onMessage: () => {},
      logDebugMessage: () => {},
      remove: () => {},
    };
    constructor(options: unknown) {
      created.push(options);
    }
    sendMessage() {}
  }
  return { module: { default: CallingExtensions }, created };
}

const sink = { receive() {}, protocolError() {}, securityWarning() {} };

describe("createSdkTransport life cycle", () => {
  it("builds no SDK when stopped while the SDK was still loading (React StrictMode)", async () => {
    const sdk = fakeSdk();
    let finishLoading: (value: unknown) => void = () => {};
    const transport = createSdkTransport({ window: fakeWindow(), loadSdk: () => new Promise((resolve) => (finishLoading = resolve)) });
    const starting = transport.start(sink);
    transport.stop();
    finishLoading(sdk.module);
    await starting;
    expect(sdk.created).toEqual([]);
  });

  it("refuses to start twice and reports an SDK that does not load", async () => {
    const transport = createSdkTransport({ window: fakeWindow(), loadSdk: async () => fakeSdk().module });
    await transport.start(sink);
    await expect(transport.start(sink)).rejects.toMatchObject({ code: "INVALID_STATE" });
    const broken = createSdkTransport({ window: fakeWindow(), loadSdk: async () => ({ default: 42 }) });
    await expect(broken.start(sink)).rejects.toMatchObject({ code: "UNSUPPORTED_ENVIRONMENT", message: expect.stringContaining("0.9.7") });
  });

  it("explains that it needs a window during SSR", async () => {
    await expect(createSdkTransport().start(sink)).rejects.toMatchObject({
      code: "UNSUPPORTED_ENVIRONMENT",
      message: expect.stringContaining("createMemoryTransport"),
    });
  });

  it("queues before SYNC and refuses beyond maxQueue, with a hint", async () => {
    const transport = createSdkTransport({ window: fakeWindow(), loadSdk: async () => fakeSdk().module, maxQueue: 2 });
    await transport.start(sink);
    transport.send({ type: "LOGGED_IN" });
    transport.send({ type: "LOGGED_OUT" });
    expect(() => transport.send({ type: "LOGGED_IN" })).toThrow(/inside HubSpot/);
  });
});

describe("createSdkTransport: a wrong allowedOrigins is loud in development", () => {
  // Node's MessageEvent takes only a MessagePort as source: set the parent window afterwards.
  const sync = (origin: string, source: unknown) =>
    Object.defineProperty(new MessageEvent("message", { data: { type: "SYNC", hostUrl: origin, messageId: "1_1" }, origin }), "source", { value: source });

  async function refused(widgetOrigin: string, origins: string[]) {
    const win = fakeWindow() as Window & { location: { origin: string } };
    Object.assign(win, { location: { origin: widgetOrigin } });
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(" "));
    try {
      const transport = createSdkTransport({ window: win, loadSdk: async () => fakeSdk().module, allowedOrigins: ["https://app.hubspot.com"] });
      await transport.start(sink);
      // HubSpot repeats SYNC every 100 ms until it is answered.
      for (const origin of origins) for (let i = 0; i < 3; i++) win.dispatchEvent(sync(origin, win.parent));
      transport.stop();
    } finally {
      console.warn = original;
    }
    return warnings;
  }

  it("a SYNC refused by the allowlist logs one warning naming the origin and the option", async () => {
    const warnings = await refused("http://127.0.0.1:5174", ["http://localhost:6173"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("http://localhost:6173");
    expect(warnings[0]).toContain("allowedOrigins");
    expect(warnings[0]).toContain('createCallingClient({ allowedOrigins: [...HUBSPOT_ORIGINS, "http://localhost:6173"] })');
  });

  it("in production (neither the widget nor the page local) it stays quiet: a refused SYNC is a securityWarning only", async () => {
    expect(await refused("https://phone.example.com", ["https://evil.example"])).toEqual([]);
  });
});
