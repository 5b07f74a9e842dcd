// Per inbound message: the wrapper's work on top of the SDK, side by side in
// one Chromium run. Contenders run interleaved, several rounds, and the
// median per contender is reported with its ratio to the raw SDK.
import { launchChromium } from "../test/e2e/support/browser";
import { startFixtureServers } from "../test/e2e/support/fixtureServer";
import type { Bench, BenchRow } from "./bench";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const ROUNDS = 7;
const MODES = ["raw", "rawQuiet", "transport", "client"] as const;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

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
      for (let round = 0; round < ROUNDS; round++) {
        for (const mode of MODES) {
          const ns = await frames[mode]!.evaluate(
            (count) => (window as unknown as { bench: { run(n: number): number } }).bench.run(count),
            MESSAGES,
          );
          if (round > 0) samples[mode]!.push(ns); // round 0 warms the JIT
        }
      }
      const raw = median(samples.raw!);
      const rawQuiet = median(samples.rawQuiet!);
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
          note: `${(value / raw).toFixed(2)}x raw, ${(value / rawQuiet).toFixed(2)}x rawQuiet; ${notes[mode]}`,
        };
      });
    } finally {
      await browser.close();
      await servers.close();
    }
  },
};
export default bench;
