// The cost of holding the call in another surface: `hangUp()` from the
// calling remote (a mirror: the command crosses the BroadcastChannel to the
// calling window, which runs it) against the same `hangUp()` on the window
// (the owner), measured side by side, interleaved, in one Chromium run: the
// layout simulator's HubSpot page on localhost, the widget (surface-widget
// fixture, coordinateSurfaces()) on 127.0.0.1, the real SDK in both iframes.
// The latency is from the call of `hangUp()` on a surface to the provider's
// `hangUp()` in the owner, on the pages' shared clock
// (performance.timeOrigin + now()), with both owner elections: Web Locks
// (third-party storage allowed) and the BroadcastChannel (blocked).
import type { Frame, Page } from "playwright-core";
import { launchProfile } from "../test/e2e/support/browser";
import { startFixtureServers } from "../test/e2e/support/fixtureOrigins";
import type { Bench, BenchRow } from "./bench";

const ROUNDS = Number(process.env.BENCH_SURFACE_ROUNDS ?? 60);
const GOAL_MS = 2;

type Surface = "remote" | "window";

async function frameOf(page: Page, surface: Surface): Promise<Frame> {
  for (;;) {
    const frame = await (await page.$(`#${surface} iframe`))?.contentFrame();
    if (frame && (await frame.evaluate(() => "widget" in window).catch(() => false))) return frame;
    await page.waitForTimeout(25);
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.95))]!;
const ms = (value: number) => Number(value.toFixed(3));

/** One run in one browser profile: ROUNDS calls hung up by each surface, alternating. */
async function measure(thirdPartyStorage: boolean, origins: { host: string; widget: string }): Promise<Record<Surface, number[]>> {
  const profile = await launchProfile({ thirdPartyStorage });
  try {
    const page = await profile.newPage();
    const channel = `bench-${thirdPartyStorage ? "locks" : "channel"}`;
    const widgetUrl = `${origins.widget}/test/e2e/fixtures/surface-widget.html?channel=${channel}&allow=${encodeURIComponent(origins.host)}`;
    await page.goto(`${origins.host}/test/e2e/fixtures/layout.html?widget=${encodeURIComponent(widgetUrl)}`);
    await page.waitForFunction(() => "layout" in window);
    await page.evaluate(() => (window as any).layout.ready({ timeout: 15_000 }));
    const frames: Record<Surface, Frame> = { remote: await frameOf(page, "remote"), window: await frameOf(page, "window") };
    await frames.remote.waitForFunction(() => (window as any).widget.snapshot().surface.ownerPresent, undefined, { timeout: 15_000 });
    const roles = await frames.window.evaluate(() => (window as any).widget.snapshot().surface.role);
    if (roles !== "owner") throw new Error(`the calling window is ${roles}, not the owner`);

    // The owner's provider stamps the moment its call's hangUp() runs.
    await frames.window.evaluate(async () => {
      const w = window as any;
      await w.widget.client.logIn();
      const dial = w.widget.provider.dial.bind(w.widget.provider);
      w.widget.provider.dial = async (request: unknown) => {
        const call = await dial(request);
        const hangUp = call.hangUp.bind(call);
        call.hangUp = () => {
          w.__providerHangUpAt = performance.timeOrigin + performance.now();
          return hangUp();
        };
        return call;
      };
    });

    const results: Record<Surface, number[]> = { remote: [], window: [] };
    for (let round = 0; round < ROUNDS * 2; round++) {
      const surface: Surface = round % 2 ? "remote" : "window";
      await frames.window.evaluate(async () => {
        const w = window as any;
        w.__providerHangUpAt = undefined;
        const call = await w.widget.client.dial({ toNumber: "+16175550100" });
        w.widget.provider.lastCall().remoteAnswer();
        await call.connected;
      });
      await frames.remote.waitForFunction(() => (window as any).widget.snapshot().call?.status === "connected");
      const startedAt = await frames[surface].evaluate(() => {
        const call = (window as any).widget.client.getCall();
        const at = performance.timeOrigin + performance.now();
        void call.hangUp();
        return at;
      });
      const endedAt = await frames.window.waitForFunction(() => (window as any).__providerHangUpAt).then((handle) => handle.jsonValue() as Promise<number>);
      if (round >= 2) results[surface].push(endedAt - startedAt); // the first round of each warms up
      await frames.window.evaluate(async () => {
        const w = window as any;
        await w.widget.client.getCall().ended;
        await w.widget.client.getCall().complete({});
      });
      await frames.remote.waitForFunction(() => (window as any).widget.snapshot().call?.status === "completed");
    }
    return results;
  } finally {
    await profile.dispose();
  }
}

const bench: Bench = {
  name: "surfaceCommand",
  description: `hangUp() from the calling remote (mirror) vs on the calling window (owner), ${ROUNDS} calls each, interleaved, in Chromium`,
  async run() {
    const servers = await startFixtureServers();
    const rows: BenchRow[] = [];
    try {
      for (const thirdPartyStorage of [true, false]) {
        const election = thirdPartyStorage ? "Web Locks" : "channel";
        const { remote, window } = await measure(thirdPartyStorage, { host: servers.hostOrigin, widget: servers.widgetOrigin });
        const added = median(remote) - median(window);
        rows.push(
          { metric: `owner hangUp -> provider (${election})`, value: ms(median(window)), unit: "ms median", note: `p95 ${ms(p95(window))} ms, n=${window.length}` },
          { metric: `mirror hangUp -> provider (${election})`, value: ms(median(remote)), unit: "ms median", note: `p95 ${ms(p95(remote))} ms, n=${remote.length}` },
          {
            metric: `added by the mirror (${election})`,
            value: ms(added),
            unit: "ms",
            note: `median difference; goal < ${GOAL_MS} ms: ${added < GOAL_MS ? "met" : "not met"}; ratio ${ms(median(remote) / Math.max(median(window), 0.001))}x`,
          },
        );
      }
    } finally {
      await servers.close();
    }
    return rows;
  },
};

export default bench;
