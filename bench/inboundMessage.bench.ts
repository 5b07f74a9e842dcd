// Per inbound message: the wrapper's work on top of the SDK, side by side in
// one Chromium run. Contenders run interleaved, several rounds. Each round
// gives every contender a ratio to the quiet SDK measured moments apart, so
// machine noise that hits a whole round cancels out; the table reports the
// median ns, the median of those paired ratios and their quartiles.
import { launchChromium } from "../test/e2e/support/browser";
import { startFixtureServers } from "../test/e2e/support/fixtureServer";
import type { Bench, BenchRow } from "./bench";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const MODES = ["raw", "rawQuiet", "transport", "client"] as const;

const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))] ?? NaN;
const median = (values: number[]) => quantile(values, 0.5);

const bench: Bench = {
  name: "inbound-message",
  description: `ns per inbound message, ${MESSAGES.toLocaleString("en")} messages x ${ROUNDS} rounds in Chromium`,
  async run(): Promise<BenchRow[]> {
    const [servers, browser] = await Promise.all([startFixtureServers(), launchChromium()]);
    try {
      const page = await browser.newPage();
      await page.goto(`${servers.hostOrigin}/bench/fixtures/inbound-host.html`);
      const frames = Object.fromEntries(
        await Promise.all(
          MODES.map(async (mode) => {
            const frame = await (async () => {
              for (;;) {
                const found = page.frames().find((f) => f.name() === mode);
                if (found) return found;
                await page.waitForTimeout(20);
              }
            })();
            await frame.waitForFunction(() => "bench" in window);
            await frame.evaluate(() => (window as unknown as { bench: { ready: Promise<void> } }).bench.ready);
            return [mode, frame] as const;
          }),
        ),
      );
      const samples: Record<string, number[]> = Object.fromEntries(MODES.map((mode) => [mode, []]));
      const ratios: Record<string, number[]> = Object.fromEntries(MODES.map((mode) => [mode, []]));
      for (let round = 0; round <= ROUNDS; round++) {
        const ns: Record<string, number> = {};
        // A different order each round, so no contender always runs first.
        for (const mode of MODES.map((_, i) => MODES[(i + round) % MODES.length]!)) {
          ns[mode] = await frames[mode]!.evaluate(
            (count) => (window as unknown as { bench: { run(n: number): number } }).bench.run(count),
            MESSAGES,
          );
        }
        if (round === 0) continue; // round 0 warms the JIT
        for (const mode of MODES) {
          samples[mode]!.push(ns[mode]!);
          ratios[mode]!.push(ns[mode]! / ns.rawQuiet!);
        }
      }
      const raw = median(samples.raw!);
      const notes: Record<string, string> = {
        raw: "the SDK as shipped (console.debug per message)",
        rawQuiet: "the SDK with its logging silenced",
        transport: "origin/window checks + validation, then the SDK",
        client: "transport + machine + snapshot + event",
      };
      return MODES.map((mode) => {
        const value = median(samples[mode]!);
        return {
          metric: mode,
          value: Math.round(value),
          unit: "ns/msg",
          note: `${(value / raw).toFixed(2)}x raw; paired ratio to rawQuiet ${median(ratios[mode]!).toFixed(2)}x (quartiles ${quantile(ratios[mode]!, 0.25).toFixed(2)}-${quantile(ratios[mode]!, 0.75).toFixed(2)}); ${notes[mode]}`,
        };
      });
    } finally {
      await browser.close();
      await servers.close();
    }
  },
};
export default bench;
