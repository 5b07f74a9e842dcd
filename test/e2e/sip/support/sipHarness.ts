// What every SIP end-to-end test needs: Kamailio on a loopback port (a child
// process of the test, test/sip/kamailio.cfg), the fixtures served through
// Vite (the kit's sources and sip.js, pre-bundled), and Debian's Chromium
// with a fake microphone and loopback WebRTC.
//
// Media stays on 127.0.0.1: where this machine can open a network namespace
// (scripts/loopbackNamespace.mjs: `unshare --net`, only `lo`), Chromium and
// Kamailio run inside it, so 127.0.0.1 is the only address WebRTC can find,
// and the fixture server is reached through the namespace's agent. Where it
// cannot, they run on this machine's network and the pages drop every
// remote ICE candidate that is not 127.0.0.1 (fixtures/loopbackOnly.ts);
// that fallback is announced on stderr, with the reason.
import { type Browser, type BrowserContext, chromium, type Frame, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { createServer, type ViteDevServer } from "vite";
import { CHROMIUM_ARGS, chromiumPath } from "../../../../scripts/chromium.ts";
import { type RunningKamailio, type StartKamailioOptions, startKamailio } from "../../../../scripts/kamailio.mjs";
import { type LoopbackNamespace, type NamespaceProbe, openLoopbackNamespace, probeLoopbackNamespace } from "../../../../scripts/loopbackNamespace.mjs";

/** Chromium flags for WebRTC between pages on this machine, media on 127.0.0.1. */
export const SIP_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  "--allow-loopback-in-peer-connection",
  // Real addresses in host candidates (not mDNS names), so loopback ones can be kept.
  "--disable-features=WebRtcHideLocalIpsWithMdns",
  "--autoplay-policy=no-user-gesture-required",
];

/** Chromium for the SIP pages; inside `namespace` when given (its only network is `lo`). */
export function launchSipChromium(namespace?: LoopbackNamespace): Promise<Browser> {
  const executablePath = namespace ? namespace.wrapper(chromiumPath()) : chromiumPath();
  return chromium.launch({ executablePath, args: SIP_CHROMIUM_ARGS, headless: true });
}

/** How this machine keeps the SIP tests' media on 127.0.0.1 (decided once, before the tests are collected). */
export const MEDIA_ISOLATION: NamespaceProbe = probeLoopbackNamespace();
let warned = false;
function announceFallback(): void {
  if (MEDIA_ISOLATION.ok || warned) return;
  warned = true;
  process.stderr.write(
    `\n[sip e2e] NO network namespace (${MEDIA_ISOLATION.reason}): Chromium, Kamailio, rtpengine and the plain far end run on this machine's network; ` +
      "media is kept on 127.0.0.1 by filtering ICE candidates instead, and the loopback test checks that weaker promise (its title says so).\n\n",
  );
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
  /** The network namespace Chromium and Kamailio run in (undefined in the fallback: see MEDIA_ISOLATION). */
  namespace: LoopbackNamespace | undefined;
  kamailio: RunningKamailio;
  origin: string;
  otherOrigin: string;
  browser: Browser;
  context: BrowserContext;
  /** Opens a fixture page (e.g. "far-end.html") and waits for its script. */
  open(fixture: string, global: string, origin?: string): Promise<Page>;
}

/** Kamailio, the fixture server and Chromium for the tests of one file (inside one network namespace when the machine allows). */
export function sipPerFile(
  kamailioOptions: Omit<StartKamailioOptions, "namespace"> = {},
  /** Starts what Kamailio needs before it starts (in the same namespace), and returns more of its options. */
  before?: (namespace: LoopbackNamespace | undefined) => Promise<Omit<StartKamailioOptions, "namespace">>,
): SipEnv {
  const env = {} as SipEnv & { server: { origin: string; otherOrigin: string; close(): Promise<void> } };
  beforeAll(async () => {
    announceFallback();
    const namespace = MEDIA_ISOLATION.ok ? await openLoopbackNamespace() : undefined;
    env.namespace = namespace;
    const more = before ? await before(namespace) : {};
    const [kamailio, server, browser] = await Promise.all([
      startKamailio({ ...kamailioOptions, ...more, namespace }),
      startSipFixtureServer(),
      launchSipChromium(namespace),
    ]);
    Object.assign(env, { kamailio, server, origin: server.origin, otherOrigin: server.otherOrigin, browser });
    if (namespace) {
      // The pages load from inside the namespace: the same server, through the agent.
      const port = await namespace.expose(Number(new URL(server.origin).port));
      Object.assign(env, { origin: `http://127.0.0.1:${port}`, otherOrigin: `http://localhost:${port}` });
    }
    env.context = await browser.newContext();
    // The pages' SDP modifier (fixtures/loopbackOnly.ts) filters candidates only in the fallback.
    await env.context.addInitScript((inside) => Object.assign(globalThis, { sipMediaNamespace: inside }), Boolean(namespace));
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
    await env.namespace?.close();
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
