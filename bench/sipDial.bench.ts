// hubspot-calling-kit/sip through a local Kamailio: dial -> answered latency
// of the kit's provider, side by side with plain sip.js placing the same call
// (same server, same callee, same digest challenge), interleaved call by
// call in one Chromium; and the subpath's size, the kit's part and sip.js's
// part apart (minified + brotli).
import { build } from "esbuild";
import { brotliCompressSync } from "node:zlib";
import { startKamailio } from "../scripts/kamailio.mjs";
import { launchSipChromium, startSipFixtureServer } from "../test/e2e/sip/support/sipHarness";
import type { Bench, BenchRow } from "./bench";

const CALLS = Number(process.env.BENCH_SIP_CALLS ?? 30);
const CALLEE = "+16175550200";

const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))] ?? NaN;

async function brotliSize(contents: string, external: string[]): Promise<number> {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    write: false,
    platform: "browser",
    external,
  });
  return brotliCompressSync(result.outputFiles[0]!.contents).length;
}

const bench: Bench = {
  name: "sip",
  description: `dial -> answered through a local Kamailio, ${CALLS} calls each, kit provider vs plain sip.js; subpath size`,
  async run(): Promise<BenchRow[]> {
    const kitPart = await brotliSize(`export { createSipProvider } from "./src/sip/index.ts";`, ["@hubspot/calling-extensions-sdk", "sip.js"]);
    const whole = await brotliSize(`export { createSipProvider } from "./src/sip/index.ts";`, ["@hubspot/calling-extensions-sdk"]);
    const sipJsUsed = await brotliSize(`export { UserAgent, Registerer, Inviter } from "sip.js";`, []);

    const [kamailio, server, browser] = await Promise.all([startKamailio(), startSipFixtureServer(), launchSipChromium()]);
    try {
      const context = await browser.newContext();
      const open = async (fixture: string, global: string) => {
        const page = await context.newPage();
        await page.goto(`${server.origin}/test/e2e/sip/fixtures/${fixture}`);
        await page.waitForFunction((name) => name in window, global);
        return page;
      };
      const callee = await open("far-end.html", "farEnd");
      await callee.evaluate(([s, d, n]) => (window as any).farEnd.register(s, d, n, "instant"), [kamailio.url, kamailio.domain, CALLEE] as const);
      const raw = await open("far-end.html", "farEnd");
      await raw.evaluate(([s, d]) => (window as any).farEnd.register(s, d, "rawcaller", "manual"), [kamailio.url, kamailio.domain] as const);
      const kit = await open("caller.html", "kit");
      await kit.evaluate(([s, d]) => (window as any).kit.create({ server: s, domain: d, user: "kitcaller" }), [kamailio.url, kamailio.domain] as const);
      await kit.evaluate(() => (window as any).kit.start(10_000));

      const kitMs: number[] = [];
      const rawMs: number[] = [];
      const ratios: number[] = [];
      for (let i = 0; i <= CALLS; i++) {
        // Alternate which goes first, so neither always runs on a warmer machine.
        const order = i % 2 === 0 ? ["kit", "raw"] : ["raw", "kit"];
        const ms: Record<string, number> = {};
        for (const who of order) {
          ms[who] =
            who === "kit"
              ? await kit.evaluate((to) => (window as any).kit.timeDial(to), CALLEE)
              : await raw.evaluate(([to, d]) => (window as any).farEnd.timeDial("rawcaller", `sip:${to}@${d}`), [CALLEE, kamailio.domain] as const);
        }
        if (i === 0) continue; // warm-up
        kitMs.push(ms.kit!);
        rawMs.push(ms.raw!);
        ratios.push(ms.kit! / ms.raw!);
      }
      await kit.evaluate(() => (window as any).kit.stop());
      const row = (metric: string, values: number[], note: string): BenchRow => ({
        metric,
        value: Number(quantile(values, 0.5).toFixed(1)),
        unit: "ms",
        note: `p10 ${quantile(values, 0.1).toFixed(1)}, p90 ${quantile(values, 0.9).toFixed(1)}; ${note}`,
      });
      return [
        row("dial->answered (kit)", kitMs, `createSipProvider().dial() to the answered event; paired ratio to plain sip.js ${quantile(ratios, 0.5).toFixed(2)}x (quartiles ${quantile(ratios, 0.25).toFixed(2)}-${quantile(ratios, 0.75).toFixed(2)})`),
        row("dial->answered (plain sip.js)", rawMs, "baseline: new Inviter().invite() to Established, same server and callee"),
        { metric: "subpath size, kit part", value: kitPart, unit: "B", note: "createSipProvider, minified + brotli, sip.js and the SDK external" },
        { metric: "subpath size, with sip.js", value: whole, unit: "B", note: `the same with sip.js bundled (sip.js adds ${whole - kitPart} B)` },
        { metric: "sip.js alone", value: sipJsUsed, unit: "B", note: "UserAgent + Registerer + Inviter from sip.js 0.21, minified + brotli" },
      ];
    } finally {
      await browser.close();
      await Promise.all([server.close(), kamailio.stop()]);
    }
  },
};
export default bench;
