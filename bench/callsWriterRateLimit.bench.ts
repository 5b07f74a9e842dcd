// The calls writer against a fake HubSpot that enforces 100 requests per
// rolling 10 s: with a configured limit, the busiest 10 s window HubSpot
// sees never exceeds it, even with slow answers mixed in.
import { createCallsApiWriter } from "../src/server/callsApiWriter";
import { makeCall, seeded } from "../test/engagements/fixtures";
import { callsRoutes } from "../test/support/fakeHubSpot/callsRoutes";
import { startFakeHubSpot } from "../test/support/fakeHubSpot/server";
import type { Bench } from "./bench";

const LIMIT = Number(process.env.BENCH_RATE_LIMIT ?? 40);
const RECORDS = Number(process.env.BENCH_RATE_RECORDS ?? 100);
const WINDOW_MS = 10_000;


const bench: Bench = {
  name: "calls-writer-rate-limit",
  description: `${RECORDS} creates, maxPer10Seconds ${LIMIT}, 20% of answers slowed by 1.5 s, HubSpot enforcing 100/10 s`,
  async run() {
    const calls = callsRoutes();
    const hubspot = await startFakeHubSpot({
      routes: calls.routes,
      tenSecondlyLimit: 100,
      faultRate: 0.2,
      randomFaults: [{ kind: "slow", delayMs: 1_500 }],
      random: seeded(5),
    });
    const writer = createCallsApiWriter({ accessToken: "bench", baseUrl: hubspot.url, maxPer10Seconds: LIMIT });
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < RECORDS) {
          const i = next++;
          await writer.write({ call: makeCall(i), engagementId: undefined, properties: {}, signal: new AbortController().signal });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1_000;
    const rejected = hubspot.requests.length - calls.store.writes.length;
    const busiest = hubspot.busiestWindow(WINDOW_MS);
    await hubspot.close();
    return [
      { metric: "configured maxPer10Seconds", value: LIMIT, unit: "requests" },
      {
        metric: "busiest rolling 10 s at HubSpot",
        value: busiest,
        unit: "requests",
        note: busiest <= LIMIT ? "within the limit" : "OVER THE LIMIT",
      },
      { metric: "requests HubSpot refused (429)", value: rejected, unit: "requests" },
      { metric: "calls written", value: calls.store.calls.size, unit: "calls", note: `in ${seconds.toFixed(1)} s` },
    ];
  },
};
export default bench;
