// Call logging under faults and restarts: records/s through
//   withOutbox(relayWriter) -> node:http relay (restarted 4 times: twice its
//   connections cut mid-write like a crash, twice closed gracefully) ->
//   calls writer -> fake HubSpot with 30% faults (lost answers after the
//   write, 5xx, 429, slow answers),
// with the calls that exist twice at HubSpot and the busiest rolling window
// of requests there. Side by side: the default configuration
// (searchBeforeCreate on) and the old default (off), and a run with the rate
// limit shared through a memoryRateLimitStore across the restarts (window
// scaled down to 1 s so the run stays short).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { EngagementWriterEvent } from "../src/engagements/engagementWriter";
import { memoryOutboxStorage } from "../src/engagements/outbox/memoryOutboxStorage";
import { withOutbox } from "../src/engagements/outbox/withOutbox";
import { relayWriter } from "../src/engagements/relayWriter";
import { createCallsApiWriter, type CallsApiWriterOptions } from "../src/server/callsApiWriter";
import { memoryIdempotencyStore } from "../src/server/memoryIdempotencyStore";
import { memoryRateLimitStore } from "../src/server/memoryRateLimitStore";
import { createRelayHandler } from "../src/server/relayHandler";
import { toNodeListener } from "../src/server/toNodeListener";
import { makeCall, seeded } from "../test/engagements/fixtures";
import { callsRoutes } from "../test/support/fakeHubSpot/callsRoutes";
import { startFakeHubSpot, type Route } from "../test/support/fakeHubSpot/server";
import type { Bench, BenchRow } from "./bench";

const RECORDS = Number(process.env.BENCH_FAULT_RECORDS ?? 300);
const RESTART_AFTER_CREATES = [0.15, 0.35, 0.55, 0.75].map((share) => Math.round(share * RECORDS));


async function run(writerOptions: Partial<CallsApiWriterOptions>, seed: number) {
  const calls = callsRoutes();
  let creates = 0;
  let restart: (() => Promise<void>) | undefined;
  const routes: Route[] = calls.routes.map((route) =>
    route.method === "POST" && route.path === "/crm/v3/objects/calls"
      ? {
          ...route,
          async handle(request, params) {
            const response = await route.handle(request, params);
            // The relay goes down right after HubSpot applied this create.
            if (response.status === 201 && RESTART_AFTER_CREATES.includes(++creates)) void restart?.();
            return response;
          },
        }
      : route,
  );
  const hubspot = await startFakeHubSpot({
    routes,
    faultRate: 0.3,
    randomFaults: [
      { kind: "dropAfterHandling" },
      { kind: "500" },
      { kind: "429", retryAfterSeconds: 0 },
      { kind: "slowAnswer", delayMs: 20 },
    ],
    random: seeded(seed),
  });
  // A restart starts with nothing in memory: a new writer and idempotency store.
  const listener = () =>
    toNodeListener(
      createRelayHandler({
        writer: createCallsApiWriter({
          accessToken: "bench",
          baseUrl: hubspot.url,
          maxPer10Seconds: Number.POSITIVE_INFINITY,
          retry: { baseDelayMs: 1, maxDelayMs: 10 },
          // The stand-in's search lists a call at once.
          searchLagMs: 0,
          ...writerOptions,
        }),
        authenticate: () => true,
        idempotency: memoryIdempotencyStore(),
      }),
    );
  let server: Server = createServer(listener());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  let restarts = 0;
  let chain: Promise<void> = Promise.resolve();
  restart = () => (chain = chain.then(restartOnce));
  const restartOnce = async () => {
    const old = server;
    // Odd restarts cut every connection (a crash: answers lost); even ones close gracefully.
    const crash = restarts++ % 2 === 0;
    if (crash) old.closeAllConnections();
    // Graceful: no new connections; requests in progress finish, and each
    // keep-alive connection is closed once it has nothing left to answer.
    const idle = setInterval(() => old.closeIdleConnections(), 10);
    await new Promise<void>((resolve) => old.close(() => resolve()));
    clearInterval(idle);
    server = createServer(listener());
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  };

  const outbox = withOutbox(relayWriter({ url: `http://127.0.0.1:${port}/relay`, timeout: 10_000 }), {
    storage: memoryOutboxStorage(),
    concurrency: 8,
    retry: { baseDelayMs: 5, maxDelayMs: 50, random: seeded(seed + 1) },
  });
  let written = 0;
  const done = new Promise<void>((resolve) =>
    outbox.subscribe((event: EngagementWriterEvent) => {
      if (event.type === "written" && ++written === RECORDS) resolve();
    }),
  );
  outbox.start({ signal: new AbortController().signal });
  const started = performance.now();
  for (let i = 0; i < RECORDS; i++) {
    await outbox.write({
      call: makeCall(i, { externalCallId: `bench-${i}` }),
      engagementId: undefined,
      properties: {},
      signal: new AbortController().signal,
    });
  }
  await done;
  const seconds = (performance.now() - started) / 1_000;
  outbox.stop();
  let duplicates = 0;
  for (let i = 0; i < RECORDS; i++) duplicates += Math.max(0, calls.store.byExternalId(`bench-${i}`).length - 1);
  const result = {
    perSecond: RECORDS / seconds,
    duplicates,
    restarts,
    busiest10s: hubspot.busiestWindow(10_000),
    busiest1s: hubspot.busiestWindow(1_000),
    requests: hubspot.requests.length,
  };
  await chain;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await hubspot.close();
  return result;
}

const bench: Bench = {
  name: "call-logging-faults",
  description: `${RECORDS} records through outbox + relay + calls writer, 4 relay restarts, 30% HubSpot faults`,
  async run() {
    const rows: BenchRow[] = [];
    const safe = await run({}, 21);
    const old = await run({ searchBeforeCreate: false }, 21);
    const limited = await run({ maxPer10Seconds: 90, rateLimit: { store: memoryRateLimitStore(), windowMs: 1_000 } }, 21);
    const row = (label: string, r: typeof safe, note: string) => {
      rows.push({ metric: `${label}: throughput`, value: Math.round(r.perSecond), unit: "records/s", note });
      rows.push({
        metric: `${label}: duplicated calls`,
        value: r.duplicates,
        unit: "calls",
        note: `${r.restarts} restarts, ${r.requests} requests at HubSpot`,
      });
    };
    row("default (searchBeforeCreate)", safe, `limiter off; busiest 10 s window ${safe.busiest10s} requests`);
    row("searchBeforeCreate: false (old default)", old, `ratio default/old ${(safe.perSecond / old.perSecond).toFixed(2)}`);
    row("shared limit 90 per 1 s", limited, "memoryRateLimitStore kept across restarts");
    rows.push({
      metric: "shared limit 90 per 1 s: busiest 1 s window",
      value: limited.busiest1s,
      unit: "requests",
      note: "at the fake HubSpot; must be <= 90",
    });
    return rows;
  },
};
export default bench;
