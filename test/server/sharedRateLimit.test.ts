// The rate limit holds at HubSpot, counted where HubSpot counts: at the fake
// HubSpot on loopback, which sends X-HubSpot-RateLimit-* on every answer.
// A short window (500 ms) stands in for the ten-secondly one so the test
// runs in seconds; what is asserted are counts of requests, not times.
import { createClient } from "@redis/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCallsApiWriter, type CallsApiWriter } from "../../src/server/callsApiWriter";
import { memoryRateLimitStore } from "../../src/server/memoryRateLimitStore";
import type { RateLimitStore } from "../../src/server/rateLimitStore";
import { redisRateLimitStore } from "../../src/server/redisRateLimitStore";
import { makeCall } from "../engagements/fixtures";
import { callsRoutes } from "../support/fakeHubSpot/callsRoutes";
import { startFakeHubSpot, type FakeHubSpot } from "../support/fakeHubSpot/server";
import { startRedis, type RedisServer } from "../support/redisServer";

const TOKEN = "pat-shared-limit";
const LIMIT = 10;
const WINDOW_MS = 500;

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.close());


async function fakeWithCalls(count: number, windowMs: number) {
  const calls = callsRoutes();
  const hubspot = await startFakeHubSpot({ routes: calls.routes, accessTokens: [TOKEN], tenSecondlyLimit: LIMIT, windowMs });
  const ids = Array.from({ length: count }, () => Number(calls.store.seed({ hs_timestamp: "1" }).id));
  return { hubspot, calls, ids };
}

const writerWith = (hubspot: FakeHubSpot, store: RateLimitStore | undefined, windowMs = WINDOW_MS) =>
  createCallsApiWriter({
    accessToken: TOKEN,
    baseUrl: hubspot.url,
    maxPer10Seconds: LIMIT,
    rateLimit: { ...(store ? { store } : {}), key: "portal:1", windowMs },
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });

const update = (writer: CallsApiWriter, id: number, i: number) =>
  writer.write({ call: makeCall(i), engagementId: id, properties: {}, signal: new AbortController().signal });

/**
 * Three writers (three relay processes, say) log 60 calls between them at
 * once; after its 10th call each one is thrown away and created anew (a
 * restart), with a fresh connection to the store.
 */
async function threeWritersWithRestarts(newStore: () => Promise<{ store: RateLimitStore; close(): Promise<void> }>) {
  const { hubspot, calls, ids } = await fakeWithCalls(60, WINDOW_MS);
  const opened: { close(): Promise<void> }[] = [];
  try {
    const run = async (writerIndex: number) => {
      let connection = await newStore();
      opened.push(connection);
      let writer = writerWith(hubspot, connection.store);
      const mine = ids.filter((_, i) => i % 3 === writerIndex);
      for (const [n, id] of mine.entries()) {
        if (n === 10) {
          connection = await newStore();
          opened.push(connection);
          writer = writerWith(hubspot, connection.store);
        }
        await update(writer, id, n);
      }
    };
    // The three write at the same time.
    await Promise.all([0, 1, 2].map(run));
    expect(calls.store.writes.filter((w) => w.kind === "update")).toHaveLength(60);
    return { busiest: hubspot.busiestWindow(WINDOW_MS) };
  } finally {
    await Promise.all(opened.map((c) => c.close()));
    await hubspot.close();
  }
}

describe("a rate limit shared between writers and restarts", () => {
  it("keeps HubSpot's busiest window at or below the limit through Redis", { timeout: 60_000 }, async () => {
    const { busiest } = await threeWritersWithRestarts(async () => {
      const client = await createClient({ url: redis.url }).connect();
      return {
        store: redisRateLimitStore({ redis: { sendCommand: (args) => client.sendCommand(args) } }),
        close: async () => void (await client.close()),
      };
    });
    expect(busiest).toBeGreaterThan(LIMIT / 2);
    expect(busiest).toBeLessThanOrEqual(LIMIT);
  });

  it("keeps it with one memoryRateLimitStore shared in a process", { timeout: 60_000 }, async () => {
    const store = memoryRateLimitStore();
    const { busiest } = await threeWritersWithRestarts(async () => ({ store, close: async () => undefined }));
    expect(busiest).toBeLessThanOrEqual(LIMIT);
  });

  it("refuses a store that is not one", () => {
    expect(() =>
      createCallsApiWriter({ accessToken: TOKEN, rateLimit: { store: {} as RateLimitStore } }),
    ).toThrow(/rateLimit.store must be a RateLimitStore/);
  });
});

describe("HubSpot's rate-limit headers", () => {
  it("keeps under X-HubSpot-RateLimit-Remaining when another app used most of the window", { timeout: 30_000 }, async () => {
    const windowMs = 1_000;
    const { hubspot, calls, ids } = await fakeWithCalls(7, windowMs);
    try {
      // Another integration on the account: 7 of the 10 requests of the window.
      for (let i = 0; i < 7; i++) {
        await fetch(`${hubspot.url}/crm/v3/objects/calls/${ids[0]}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      }
      const writer = writerWith(hubspot, undefined, windowMs);
      // One answer tells the writer what is left; then six calls at once.
      await update(writer, ids[0] as number, 0);
      await Promise.all(ids.slice(1).map((id, i) => update(writer, id, i + 1)));
      expect(calls.store.writes).toHaveLength(7);
      expect(hubspot.busiestWindow(windowMs)).toBeLessThanOrEqual(LIMIT);
      // Nothing had to be refused: the writer never went over.
      expect(hubspot.requests.filter((r) => r.method === "PATCH")).toHaveLength(7);
    } finally {
      await hubspot.close();
    }
  });
});
