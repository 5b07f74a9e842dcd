// Outbox throughput: call records per second through the whole local path,
//   relayWriter -> withOutbox (memory) -> node:http relay handler
//     -> calls writer -> fake HubSpot (node:http, loopback)
// with and without faults, and the relay writer alone for comparison.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { EngagementWriter, EngagementWriterEvent } from "../src/engagements/engagementWriter";
import { memoryOutboxStorage } from "../src/engagements/outbox/memoryOutboxStorage";
import { withOutbox } from "../src/engagements/outbox/withOutbox";
import { relayWriter } from "../src/engagements/relayWriter";
import { createCallsApiWriter } from "../src/server/callsApiWriter";
import { createRelayHandler } from "../src/server/relayHandler";
import { toNodeListener } from "../src/server/toNodeListener";
import { seeded, makeCall } from "../test/engagements/fixtures";
import { callsRoutes } from "../test/support/fakeHubSpot/callsRoutes";
import { startFakeHubSpot } from "../test/support/fakeHubSpot/server";
import type { Bench, BenchRow } from "./bench";

const RECORDS = Number(process.env.BENCH_OUTBOX_RECORDS ?? 2_000);
const CONCURRENCY = 8;

async function stack(faultRate: number) {
  const calls = callsRoutes();
  const hubspot = await startFakeHubSpot({
    routes: calls.routes,
    faultRate,
    randomFaults: [{ kind: "500" }, { kind: "drop" }, { kind: "dropAfterHandling" }],
    random: seeded(11),
  });
  const writer = createCallsApiWriter({
    accessToken: "bench",
    baseUrl: hubspot.url,
    maxPer10Seconds: Number.POSITIVE_INFINITY,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    // The stand-in's search lists a call at once; HubSpot's lags (default 30 s hold).
    searchLagMs: 0,
  });
  const server = createServer(toNodeListener(createRelayHandler({ writer, authenticate: () => true })));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/relay`;
  return {
    url,
    store: calls.store,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await hubspot.close();
    },
  };
}

const request = (i: number) => ({
  call: makeCall(i),
  engagementId: undefined,
  properties: { hs_call_body: `notes ${i}` },
  signal: new AbortController().signal,
});

async function throughOutbox(faultRate: number): Promise<{ perSecond: number; created: number }> {
  const { url, store, close } = await stack(faultRate);
  const outbox = withOutbox(relayWriter({ url }), {
    storage: memoryOutboxStorage(),
    concurrency: CONCURRENCY,
    retry: { baseDelayMs: 2, maxDelayMs: 20 },
  });
  let written = 0;
  const done = new Promise<void>((resolve) =>
    outbox.subscribe((event: EngagementWriterEvent) => {
      if (event.type === "written" && ++written === RECORDS) resolve();
    }),
  );
  const started = performance.now();
  for (let i = 0; i < RECORDS; i++) await outbox.write(request(i));
  await done;
  const seconds = (performance.now() - started) / 1_000;
  outbox.stop();
  const created = store.calls.size;
  await close();
  return { perSecond: RECORDS / seconds, created };
}

async function relayAlone(): Promise<number> {
  const { url, close } = await stack(0);
  const writer: EngagementWriter = relayWriter({ url });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < RECORDS) await writer.write(request(next++));
    }),
  );
  const seconds = (performance.now() - started) / 1_000;
  await close();
  return RECORDS / seconds;
}

const bench: Bench = {
  name: "outbox-throughput",
  description: `${RECORDS} call records through the local relay (loopback, concurrency ${CONCURRENCY})`,
  async run() {
    const rows: BenchRow[] = [];
    await relayAlone(); // warm-up: JIT and sockets, not measured
    const clean = await throughOutbox(0);
    rows.push({
      metric: "withOutbox(relayWriter), no faults",
      value: Math.round(clean.perSecond),
      unit: "records/s",
      note: `${clean.created}/${RECORDS} calls in HubSpot`,
    });
    const alone = await relayAlone();
    rows.push({ metric: "relayWriter alone (no outbox)", value: Math.round(alone), unit: "records/s" });
    const faulty = await throughOutbox(0.3);
    rows.push({
      metric: "withOutbox(relayWriter), 30% HubSpot faults",
      value: Math.round(faulty.perSecond),
      unit: "records/s",
      note: `${faulty.created}/${RECORDS} calls in HubSpot`,
    });
    return rows;
  },
};
export default bench;
