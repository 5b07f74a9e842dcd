// 1,000 calls through the whole logging path, with 30% of requests failing
// at random on both hops:
//   relayWriter -> withOutbox (memory) -> node:http + relay handler
//     -> calls writer -> fake HubSpot (node:http)
// Every call must end up in HubSpot exactly once: none lost, none duplicated.
// A second case makes the relay give up on slow creates (its writeTimeoutMs
// is shorter than HubSpot's answer) while HubSpot's search lags behind.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngagementWriterEvent } from "../../src/engagements/engagementWriter";
import { memoryOutboxStorage } from "../../src/engagements/outbox/memoryOutboxStorage";
import { withOutbox } from "../../src/engagements/outbox/withOutbox";
import { relayWriter } from "../../src/engagements/relayWriter";
import { createCallsApiWriter } from "../../src/server/callsApiWriter";
import { createRelayHandler } from "../../src/server/relayHandler";
import type { RelayErrorEvent } from "../../src/server/relayHandlerOptions";
import { toNodeListener, type NodeResponseLike } from "../../src/server/toNodeListener";
import { callsRoutes, type CallsStore } from "../support/fakeHubSpot/callsRoutes";
import { startFakeHubSpot, type FakeHubSpot } from "../support/fakeHubSpot/server";
import { makeCall, seeded } from "../engagements/fixtures";

const RECORDS = 1_000;
const FAULT_RATE = 0.3;
const TOKEN = "pat-chaos";
const RELAY_SECRET = "Bearer chaos-relay";

let hubspot: FakeHubSpot;
let store: CallsStore;
let relay: Server;
let relayUrl: string;
const relayFaults: Record<string, number> = {};
const seededEngagements = new Map<string, string>();

type RelayFault = "500" | "503" | "drop" | "dropAfterHandling" | "slow";

// The relay's network is as unreliable as HubSpot's: some requests fail
// before the handler runs, some lose their answer after it ran.
function faultyRelay(listener: ReturnType<typeof toNodeListener>, random: () => number) {
  const kinds: RelayFault[] = ["500", "503", "drop", "dropAfterHandling", "slow"];
  return (req: IncomingMessage, res: ServerResponse) => {
    const fault = random() < FAULT_RATE ? kinds[Math.floor(random() * kinds.length)] : undefined;
    if (fault) relayFaults[fault] = (relayFaults[fault] ?? 0) + 1;
    if (fault === "500" || fault === "503") {
      req.resume();
      res.writeHead(Number(fault), { "content-type": "application/json" }).end('{"message":"injected"}');
    } else if (fault === "drop") {
      req.socket.destroy();
    } else if (fault === "dropAfterHandling") {
      const lossy: NodeResponseLike = {
        statusCode: 200,
        setHeader: () => undefined,
        write: () => true,
        end: () => req.socket.destroy(),
        on: (event, handler) => res.on(event, handler),
        off: (event, handler) => res.off(event, handler),
        get writableEnded() {
          return res.writableEnded;
        },
      };
      listener(req, lossy);
    } else if (fault === "slow") {
      setTimeout(() => listener(req, res), 5);
    } else {
      listener(req, res);
    }
  };
}

beforeAll(async () => {
  const calls = callsRoutes();
  store = calls.store;
  hubspot = await startFakeHubSpot({
    routes: calls.routes,
    accessTokens: [TOKEN],
    faultRate: FAULT_RATE,
    randomFaults: [
      { kind: "429", retryAfterSeconds: 0 },
      { kind: "500" },
      { kind: "502" },
      { kind: "drop" },
      { kind: "dropAfterHandling" },
      { kind: "slow", delayMs: 5 },
    ],
    random: seeded(1),
  });
  // Half the calls started in HubSpot, which created their engagement.
  for (let i = 0; i < RECORDS; i += 2) seededEngagements.set(`call-${i}`, store.seed({ hs_timestamp: "1" }).id);

  const writer = createCallsApiWriter({
    accessToken: TOKEN,
    baseUrl: hubspot.url,
    appId: 77,
    maxPer10Seconds: Number.POSITIVE_INFINITY,
    maxAttempts: 3,
    retry: { baseDelayMs: 1, maxDelayMs: 5, random: seeded(2) },
    timeoutMs: 5_000,
    // This stand-in's search is consistent at once (the lagging case is below).
    searchLagMs: 0,
  });
  const handler = createRelayHandler({
    writer,
    authenticate: (request) => request.headers.get("authorization") === RELAY_SECRET,
  });
  relay = createServer(faultyRelay(toNodeListener(handler), seeded(3)));
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}/relay`;
});

afterAll(async () => {
  relay.closeAllConnections();
  await new Promise<void>((resolve) => relay.close(() => resolve()));
  await hubspot.close();
});

describe("call logging under chaos", () => {
  it("writes each of 1,000 calls exactly once with 30% of requests failing on both hops", { timeout: 60_000 }, async () => {
    const outbox = withOutbox(relayWriter({ url: relayUrl, headers: { authorization: RELAY_SECRET }, timeout: 5_000 }), {
      storage: memoryOutboxStorage(),
      retry: { baseDelayMs: 2, maxDelayMs: 20, random: seeded(4) },
      concurrency: 8,
    });
    const events: EngagementWriterEvent[] = [];
    outbox.subscribe((event) => events.push(event));
    outbox.start({ signal: new AbortController().signal });

    for (let i = 0; i < RECORDS; i++) {
      const engagementId = seededEngagements.get(`call-${i}`);
      await outbox.write({
        call: makeCall(i),
        engagementId: engagementId === undefined ? undefined : Number(engagementId),
        properties: { hs_call_body: `notes ${i}` },
        signal: new AbortController().signal,
      });
    }
    await expect
      .poll(() => events.filter((e) => e.type === "written").length, { timeout: 55_000, interval: 50 })
      .toBe(RECORDS);
    await outbox.flush();
    outbox.stop();

    // Nothing waiting, nothing given up on.
    expect(await outbox.pending()).toEqual([]);
    expect(await outbox.failed()).toEqual([]);
    expect(events.filter((e) => e.type === "writeFailed" && !e.willRetry)).toEqual([]);

    // Every call delivered once by the outbox...
    const written = events.flatMap((e) => (e.type === "written" ? [e.call.externalCallId] : []));
    expect(new Set(written).size).toBe(RECORDS);

    // ...and present exactly once in HubSpot, with its notes.
    expect(store.calls.size).toBe(RECORDS);
    for (let i = 0; i < RECORDS; i++) {
      const id = `call-${i}`;
      const seededId = seededEngagements.get(id);
      if (seededId) {
        expect(store.byExternalId(id)).toEqual([]);
        expect(store.calls.get(seededId)?.properties.hs_call_body).toBe(`notes ${i}`);
      } else {
        const found = store.byExternalId(id);
        expect(found).toHaveLength(1);
        expect(found[0]?.properties.hs_call_body).toBe(`notes ${i}`);
        expect(found[0]?.associations).toEqual([{ toObjectId: String(5_000 + i), associationTypeId: 194 }]);
      }
    }
    expect(store.writes.filter((w) => w.kind === "create")).toHaveLength(RECORDS / 2);

    // The chaos was real: both hops failed often, in every way.
    expect(events.filter((e) => e.type === "writeFailed").length).toBeGreaterThan(RECORDS * 0.2);
    expect(Object.keys(relayFaults).sort()).toEqual(["500", "503", "drop", "dropAfterHandling", "slow"]);
    expect(hubspot.requests.length).toBeGreaterThan(RECORDS * 1.3);
  });
});

describe("call logging when the relay gives up on slow creates and HubSpot's search lags", () => {
  it("still creates each call once", { timeout: 60_000 }, async () => {
    const CALLS = 20;
    const calls = callsRoutes({ searchLagMs: 2_000 });
    const slowHubSpot = await startFakeHubSpot({
      routes: calls.routes,
      accessTokens: [TOKEN],
      // Half the creates happen at once but are answered after 400 ms.
      faultRate: 0.5,
      randomFaults: [{ kind: "slowAnswer", delayMs: 400 }],
      faultsApplyTo: (request) => request.method === "POST" && request.path === "/crm/v3/objects/calls",
      random: seeded(5),
    });
    const relayErrors: RelayErrorEvent[] = [];
    const handler = createRelayHandler({
      writer: createCallsApiWriter({
        accessToken: TOKEN,
        baseUrl: slowHubSpot.url,
        maxPer10Seconds: Number.POSITIVE_INFINITY,
        retry: { baseDelayMs: 1, maxDelayMs: 5, random: seeded(6) },
        searchLagMs: 5_000,
      }),
      authenticate: (request) => request.headers.get("authorization") === RELAY_SECRET,
      // Shorter than the slow answers: the relay aborts creates HubSpot has made.
      writeTimeoutMs: 150,
      onError: (event) => relayErrors.push(event),
    });
    const server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/relay`;
    const outbox = withOutbox(relayWriter({ url, headers: { authorization: RELAY_SECRET } }), {
      storage: memoryOutboxStorage(),
      retry: { baseDelayMs: 20, maxDelayMs: 200, random: seeded(7) },
    });
    const events: EngagementWriterEvent[] = [];
    outbox.subscribe((event) => events.push(event));
    outbox.start({ signal: new AbortController().signal });
    try {
      for (let i = 0; i < CALLS; i++) {
        await outbox.write({
          call: makeCall(i, { externalCallId: `slow-${i}` }),
          engagementId: undefined,
          properties: {},
          signal: new AbortController().signal,
        });
      }
      await expect
        .poll(() => events.filter((e) => e.type === "written").length, { timeout: 50_000, interval: 100 })
        .toBe(CALLS);
    } finally {
      outbox.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await slowHubSpot.close();
    }

    for (let i = 0; i < CALLS; i++) expect(calls.store.byExternalId(`slow-${i}`), `slow-${i}`).toHaveLength(1);
    expect(calls.store.writes.filter((w) => w.kind === "create")).toHaveLength(CALLS);
    // The abort path was taken: the relay timed out on creates HubSpot had made,
    // and the retries looked them up instead of creating them again.
    expect(relayErrors.filter((e) => (e.error as { code?: string }).code === "TIMEOUT").length).toBeGreaterThan(0);
    expect(slowHubSpot.requests.filter((r) => r.path === "/crm/v3/objects/calls/search").length).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === "writeFailed" && !e.willRetry)).toEqual([]);
  });
});
