// What every SIP end-to-end test needs: Kamailio on a loopback port (a child
// process of the test, test/sip/kamailio.cfg), the fixtures served through
// Vite (the kit's sources and sip.js, pre-bundled), and Debian's Chromium
// with a fake microphone and loopback WebRTC.
import { type Browser, type BrowserContext, chromium, type Frame, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { createServer, type ViteDevServer } from "vite";
import { CHROMIUM_ARGS, chromiumPath } from "../../../../scripts/chromium.ts";
import { type RunningKamailio, startKamailio } from "../../../../scripts/kamailio.mjs";

/** Chromium flags for WebRTC between pages on this machine, media on 127.0.0.1. */
export const SIP_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  "--allow-loopback-in-peer-connection",
  // Real addresses in host candidates (not mDNS names), so loopback ones can be kept.
  "--disable-features=WebRtcHideLocalIpsWithMdns",
  "--autoplay-policy=no-user-gesture-required",
];

export function launchSipChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: SIP_CHROMIUM_ARGS, headless: true });
}

export async function startSipFixtureServer(): Promise<{ origin: string; otherOrigin: string; close(): Promise<void> }> {
  const server: ViteDevServer = await createServer({
    configFile: false,
    root: process.cwd(),
    logLevel: "error",
    clearScreen: false,
    server: { host: "127.0.0.1", port: 0, strictPort: false, hmr: false, watch: null },
    optimizeDeps: {
      include: ["@hubspot/calling-extensions-sdk", "sip.js"],
      entries: ["test/e2e/sip/fixtures/*.html"],
    },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === "string") throw new Error("fixture server has no port");
  return {
    origin: `http://127.0.0.1:${address.port}`,
    otherOrigin: `http://localhost:${address.port}`,
    close: () => server.close(),
  };
}

export interface SipEnv {
  kamailio: RunningKamailio;
  origin: string;
  otherOrigin: string;
  browser: Browser;
  context: BrowserContext;
  /** Opens a fixture page (e.g. "far-end.html") and waits for its script. */
  open(fixture: string, global: string, origin?: string): Promise<Page>;
}

/** Kamailio, the fixture server and Chromium for the tests of one file. */
export function sipPerFile(): SipEnv {
  const env = {} as SipEnv & { server: { close(): Promise<void> } };
  beforeAll(async () => {
    const [kamailio, server, browser] = await Promise.all([startKamailio(), startSipFixtureServer(), launchSipChromium()]);
    Object.assign(env, { kamailio, server, origin: server.origin, otherOrigin: server.otherOrigin, browser });
    env.context = await browser.newContext();
    env.open = async (fixture, global, origin = env.origin) => {
      const page = await env.context.newPage();
      await page.goto(`${origin}/test/e2e/sip/fixtures/${fixture}`);
      await page.waitForFunction((name) => name in window, global);
      return page;
    };
  });
  afterAll(async () => {
    await env.browser?.close();
    await Promise.all([env.server?.close(), env.kamailio?.stop()]);
  });
  return env;
}

/** Polls the expression in the page until it is truthy (a wait, not a timed assertion); synchronous expressions only (a promise is truthy at once). */
export async function until<T>(page: Page, fn: string, timeout = 15_000): Promise<T> {
  const handle = await page.waitForFunction(fn, undefined, { timeout, polling: 50 });
  return (await handle.jsonValue()) as T;
}

/**
 * Evaluates `read` in the page until `done` holds for its value, and returns
 * that value; a wait for something to happen, not a timed assertion (it
 * gives up after `timeout` with the last value seen).
 */
export async function poll<T>(page: Page | Frame, read: () => T | Promise<T>, done: (value: T) => boolean, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = (await page.evaluate(read)) as T;
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
