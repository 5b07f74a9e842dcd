import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/engagements/callRecord";
import { HubSpotApiError } from "../../src/errors/hubSpotApiError";
import { ValidationError } from "../../src/errors/validationError";
import { createCallsApiWriter, type CallsApiWriterOptions } from "../../src/server/callsApiWriter";
import type { ServerClock } from "../../src/server/serverClock";
import { callsRoutes, type CallsStore } from "../support/fakeHubSpot/callsRoutes";
import { startFakeHubSpot, type FakeHubSpot } from "../support/fakeHubSpot/server";
import { drain, makeCall } from "../engagements/fixtures";

const TOKEN = "pat-na1-test";
let hubspot: FakeHubSpot;
let store: CallsStore;

async function restartHubSpot(options: Parameters<typeof callsRoutes>[0] = {}) {
  await hubspot?.close();
  const calls = callsRoutes(options);
  store = calls.store;
  hubspot = await startFakeHubSpot({ routes: calls.routes, accessTokens: [TOKEN] });
}

beforeEach(() => restartHubSpot());
afterEach(() => hubspot.close());

/** Virtual time whose timers fire only when the test says so; sleeps return at once. */
function manualClock() {
  let now = 1_700_000_000_000;
  const timers = new Map<number, { ms: number; run: () => void }>();
  let next = 0;
  const clock: ServerClock = {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    setTimeout: (run, ms) => {
      timers.set(++next, { ms, run });
      return next;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
  };
  return {
    clock,
    pending: () => [...timers.values()].map((t) => t.ms),
    fireAll() {
      const due = [...timers.values()];
      timers.clear();
      for (const timer of due) timer.run();
    },
  };
}

/** Virtual time: sleeps return at once and move the clock; request timeouts never fire. */
function virtualClock(): ServerClock & { slept: number[] } {
  let now = 1_700_000_000_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    setTimeout: () => 0,
    clearTimeout: () => undefined,
  };
}

function writerFor(options: Partial<CallsApiWriterOptions> = {}) {
  return createCallsApiWriter({
    accessToken: TOKEN,
    baseUrl: hubspot.url,
    appId: 4242,
    externalAccountId: "acct-7",
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

const write = (writer: ReturnType<typeof writerFor>, call: CallRecord, properties = {}, engagementId?: number) =>
  writer.write({ call, engagementId, properties, signal: new AbortController().signal });

const callRequests = () => hubspot.requests.filter((r) => r.path.startsWith("/crm/v3/objects/calls"));

describe("createCallsApiWriter", () => {
  it("updates an existing engagement with PATCH { properties }", async () => {
    const existing = store.seed({ hs_timestamp: "1" });
    const call = makeCall(1, { recordingUrl: "https://cdn.example.com/1.mp3" });
    const result = await write(writerFor(), call, { hs_call_body: "Interested" }, Number(existing.id));
    expect(result).toEqual({ engagementId: Number(existing.id) });
    expect(callRequests()).toHaveLength(1);
    const [request] = callRequests();
    expect(request?.method).toBe("PATCH");
    expect(request?.path).toBe(`/crm/v3/objects/calls/${existing.id}`);
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(Object.keys(request?.body as object)).toEqual(["properties"]);
    expect(store.calls.get(existing.id)?.properties).toMatchObject({
      hs_timestamp: String(call.startedAt),
      hs_call_body: "Interested",
      hs_call_duration: "40000",
      hs_call_to_number: call.toNumber,
      hs_call_recording_url: "https://cdn.example.com/1.mp3",
      hs_call_status: "COMPLETED",
    });
  });

  it("uses the call record's engagement id when the request has none", async () => {
    const existing = store.seed({ hs_timestamp: "1" });
    await write(writerFor(), makeCall(1, { engagementId: Number(existing.id) }));
    expect(callRequests().map((r) => r.method)).toEqual(["PATCH"]);
  });

  it("creates a call that started outside HubSpot, with recording fields and the callee association", async () => {
    const call = makeCall(2, { callee: { objectId: 9_001, objectTypeId: "0-1" } });
    const { engagementId } = await write(writerFor(), call, { hs_call_body: "From the dialer" });
    // Looked up first (searchBeforeCreate, the default), then created.
    expect(callRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /crm/v3/objects/calls/search",
      "POST /crm/v3/objects/calls",
    ]);
    const created = store.calls.get(String(engagementId));
    expect(created?.properties).toMatchObject({
      hs_timestamp: String(call.startedAt),
      hs_call_body: "From the dialer",
      hs_call_external_id: "call-2",
      hs_call_external_account_id: "acct-7",
      hs_call_app_id: "4242",
      hs_call_source: "INTEGRATIONS_PLATFORM",
      hs_call_direction: "OUTBOUND",
    });
    expect(created?.associations).toEqual([{ toObjectId: "9001", associationTypeId: 194 }]);
  });

  it("associates companies, deals and tickets with their own type ids, and leaves unknown types out", async () => {
    const writer = writerFor({ associationTypeIds: { "2-77": 220 } });
    const expected: [string, number | undefined][] = [
      ["0-2", 182],
      ["0-3", 206],
      ["0-5", 220],
      ["2-77", 220],
      ["2-99", undefined],
    ];
    for (const [i, [objectTypeId, typeId]] of expected.entries()) {
      const { engagementId } = await write(writer, makeCall(10 + i, { callee: { objectId: 1, objectTypeId } }));
      expect(store.calls.get(String(engagementId))?.associations.map((a) => a.associationTypeId)).toEqual(
        typeId === undefined ? [] : [typeId],
      );
    }
  });

  it("writes the same call again as an update of the engagement it created", async () => {
    const writer = writerFor();
    const first = await write(writer, makeCall(3), { hs_call_body: "v1" });
    const second = await write(writer, makeCall(3), { hs_call_body: "v2" });
    expect(second).toEqual(first);
    expect(store.byExternalId("call-3")).toHaveLength(1);
    expect(store.byExternalId("call-3")[0]?.properties.hs_call_body).toBe("v2");
  });

  it("never creates a call twice when HubSpot's answer to the create is lost", async () => {
    hubspot.inject({ kind: "dropAfterHandling" });
    const { engagementId } = await write(writerFor({ searchBeforeCreate: false }), makeCall(4));
    expect(store.byExternalId("call-4")).toHaveLength(1);
    expect(String(engagementId)).toBe(store.byExternalId("call-4")[0]?.id);
    expect(callRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /crm/v3/objects/calls",
      "POST /crm/v3/objects/calls/search",
      "PATCH /crm/v3/objects/calls/" + String(engagementId),
    ]);
  });

  it("remembers an uncertain create across writes, so a later retry finds it", async () => {
    const writer = writerFor({ maxAttempts: 1, searchBeforeCreate: false });
    hubspot.inject({ kind: "dropAfterHandling" });
    await expect(write(writer, makeCall(5))).rejects.toMatchObject({ code: "NETWORK_ERROR", retryable: true });
    await write(writer, makeCall(5));
    expect(store.byExternalId("call-5")).toHaveLength(1);
  });

  it("searches before every create by default, so another process (a restarted relay) finds the call", async () => {
    const other = writerFor();
    await write(other, makeCall(6));
    const fresh = writerFor();
    await write(fresh, makeCall(6), { hs_call_body: "from another process" });
    expect(store.byExternalId("call-6")).toHaveLength(1);
    expect(store.byExternalId("call-6")[0]?.properties.hs_call_body).toBe("from another process");
  });

  it("retries 5xx and dropped connections, then succeeds", async () => {
    const existing = store.seed({ hs_timestamp: "1" });
    hubspot.inject({ kind: "500" }, { kind: "drop" }, { kind: "502" });
    await write(writerFor(), makeCall(7), {}, Number(existing.id));
    expect(callRequests()).toHaveLength(4);
    expect(store.calls.get(existing.id)?.properties.hs_call_external_id).toBeUndefined();
  });

  it("gives up after maxAttempts with HubSpot's error", async () => {
    const existing = store.seed({ hs_timestamp: "1" });
    hubspot.inject({ kind: "500" }, { kind: "500" }, { kind: "500" });
    const error = await write(writerFor({ maxAttempts: 3 }), makeCall(8), {}, Number(existing.id)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubSpotApiError);
    expect(error).toMatchObject({ status: 500, code: "HUBSPOT_API_ERROR", retryable: true });
    expect(callRequests()).toHaveLength(3);
  });

  it("never retries a validation error, which carries HubSpot's message and correlationId", async () => {
    const existing = store.seed({ hs_timestamp: "1" });
    const error = (await write(writerFor(), makeCall(9), { hs_call_status: "EXPLODED" }, Number(existing.id)).catch(
      (e: unknown) => e,
    )) as HubSpotApiError;
    expect(error).toBeInstanceOf(HubSpotApiError);
    expect(error).toMatchObject({ status: 400, category: "VALIDATION_ERROR", retryable: false });
    expect(error.message).toContain("hs_call_status is not a valid status");
    expect(error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(callRequests()).toHaveLength(1);
  });

  it("surfaces 404 for an engagement HubSpot does not know, without retrying", async () => {
    const error = await write(writerFor(), makeCall(10), {}, 123).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, retryable: false });
    expect(callRequests()).toHaveLength(1);
  });

  it("honours Retry-After on a 429", async () => {
    const clock = virtualClock();
    const existing = store.seed({ hs_timestamp: "1" });
    hubspot.inject({ kind: "429", retryAfterSeconds: 3 });
    await write(writerFor({ clock }), makeCall(11), {}, Number(existing.id));
    expect(clock.slept).toEqual([3_000]);
    expect(callRequests()).toHaveLength(2);
  });

  it("waits for the ten-secondly window on a 429 without Retry-After", async () => {
    const clock = virtualClock();
    const existing = store.seed({ hs_timestamp: "1" });
    hubspot.inject({ kind: "429", policyName: "TEN_SECONDLY_ROLLING" });
    await write(writerFor({ clock }), makeCall(12), {}, Number(existing.id));
    expect(clock.slept).toEqual([10_000]);
  });

  it("surfaces a DAILY 429 as RATE_LIMITED at once", async () => {
    const clock = virtualClock();
    const existing = store.seed({ hs_timestamp: "1" });
    hubspot.inject({ kind: "429", policyName: "DAILY" });
    const error = await write(writerFor({ clock }), makeCall(13), {}, Number(existing.id)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "RATE_LIMITED", policyName: "DAILY" });
    expect(clock.slept).toEqual([]);
    expect(callRequests()).toHaveLength(1);
  });

  it("pauses before the next request when HubSpot says none remain in the window", async () => {
    await hubspot.close();
    const calls = callsRoutes();
    store = calls.store;
    // Answers to creates say how much of the window is left: 1, then 0.
    let left = 1;
    const routes = calls.routes.map((route) =>
      route.method === "POST" && route.path === "/crm/v3/objects/calls"
        ? {
            ...route,
            handle: async (...args: Parameters<typeof route.handle>) => ({
              ...(await route.handle(...args)),
              headers: { "X-HubSpot-RateLimit-Remaining": String(left--), "X-HubSpot-RateLimit-Interval-Milliseconds": "10000" },
            }),
          }
        : route,
    );
    hubspot = await startFakeHubSpot({ routes, accessTokens: [TOKEN] });
    const clock = virtualClock();
    const sentBeforeSleep: number[] = [];
    const sleep = clock.sleep;
    clock.sleep = (ms, signal) => {
      sentBeforeSleep.push(callRequests().length);
      return sleep(ms, signal);
    };
    const writer = writerFor({ clock, searchBeforeCreate: false });
    await write(writer, makeCall(14));
    await write(writer, makeCall(15));
    expect(clock.slept).toEqual([]);
    await write(writer, makeCall(16));
    expect(clock.slept).toEqual([10_000]);
    expect(sentBeforeSleep).toEqual([2]);
  });

  it("asks getAccessToken for every request", async () => {
    let asked = 0;
    const writer = writerFor({
      searchBeforeCreate: false,
      accessToken: undefined,
      getAccessToken: async () => {
        asked++;
        return TOKEN;
      },
    });
    await write(writer, makeCall(17));
    await write(writer, makeCall(17));
    expect(asked).toBe(2);
  });

  it("reports a refused token as a 401 HubSpotApiError", async () => {
    const error = await write(writerFor({ accessToken: "wrong" }), makeCall(18)).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, category: "INVALID_AUTHENTICATION", retryable: false });
  });

  it("marks a recording ready", async () => {
    const writer = writerFor();
    const { engagementId } = await write(writer, makeCall(19));
    await writer.markRecordingReady(engagementId as number);
    expect(store.recordingsReady).toEqual([engagementId]);
    await expect(writer.markRecordingReady(-1)).rejects.toBeInstanceOf(ValidationError);
  });

  it("updates given properties as they are", async () => {
    const existing = store.seed({ hs_timestamp: "1" });
    await writerFor().update(Number(existing.id), { hs_call_title: "Follow-up" });
    expect(store.calls.get(existing.id)?.properties).toEqual({ hs_timestamp: "1", hs_call_title: "Follow-up" });
  });

  it("counts an abort after the create was sent as an unknown outcome, and finds the call instead of creating it again", async () => {
    const writer = writerFor({ searchBeforeCreate: false });
    hubspot.inject({ kind: "slowAnswer", delayMs: 300 });
    const controller = new AbortController();
    const aborted = writer
      .write({ call: makeCall(21), engagementId: undefined, properties: {}, signal: controller.signal })
      .catch((e: unknown) => e);
    // HubSpot has created call-21 but has not answered yet: the caller gives up.
    await expect.poll(() => store.byExternalId("call-21").length).toBe(1);
    controller.abort();
    expect(await aborted).toMatchObject({ code: "ABORTED" });
    await write(writer, makeCall(21), { hs_call_body: "retried" });
    expect(store.byExternalId("call-21")).toHaveLength(1);
    expect(store.byExternalId("call-21")[0]?.properties.hs_call_body).toBe("retried");
    expect(store.writes.filter((w) => w.kind === "create")).toHaveLength(1);
  });

  it("does not create again while HubSpot's search may still be catching up after an unknown outcome", async () => {
    await restartHubSpot({ searchLagMs: 3_600_000 });
    const clock = virtualClock();
    const writer = writerFor({ clock, searchLagMs: 30_000, searchBeforeCreate: false });
    hubspot.inject({ kind: "dropAfterHandling" });
    const held = (await write(writer, makeCall(22)).catch((e: unknown) => e)) as HubSpotApiError;
    // The create happened, its answer was lost, and the search does not list it yet.
    expect(held).toBeInstanceOf(HubSpotApiError);
    expect(held).toMatchObject({ code: "NETWORK_ERROR", retryable: true });
    expect(held.retryAfterMs).toBeGreaterThan(25_000);
    expect(held.message).toContain("on hold");
    expect(await write(writer, makeCall(22)).catch((e: unknown) => e)).toMatchObject({ code: "NETWORK_ERROR" });
    expect(store.byExternalId("call-22")).toHaveLength(1);

    // Once the index has caught up, the call is found and updated.
    store.reindex();
    const { engagementId } = await write(writer, makeCall(22), { hs_call_body: "found" });
    expect(String(engagementId)).toBe(store.byExternalId("call-22")[0]?.id);
    expect(store.byExternalId("call-22")).toHaveLength(1);
    expect(store.writes.filter((w) => w.kind === "create")).toHaveLength(1);
  });

  it("trusts the search again once searchLagMs has passed since the unknown outcome", async () => {
    await restartHubSpot({ searchLagMs: 3_600_000 });
    const clock = virtualClock();
    const writer = writerFor({ clock, searchLagMs: 30_000, maxAttempts: 1, searchBeforeCreate: false });
    hubspot.inject({ kind: "drop" });
    await expect(write(writer, makeCall(23))).rejects.toMatchObject({ code: "NETWORK_ERROR" });
    await clock.sleep(30_000);
    await write(writer, makeCall(23));
    expect(callRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /crm/v3/objects/calls",
      "POST /crm/v3/objects/calls/search",
      "POST /crm/v3/objects/calls",
    ]);
    expect(store.byExternalId("call-23")).toHaveLength(1);
  });

  it("remembers at most 10,000 creates with an unknown outcome, forgetting the oldest", async () => {
    const sent: string[] = [];
    let reachable = false;
    const fakeFetch: typeof fetch = async (input, init) => {
      const body = JSON.parse(String(init?.body)) as { properties?: { hs_call_external_id?: string } };
      sent.push(`${String(input).endsWith("/search") ? "search" : "create"} ${body.properties?.hs_call_external_id ?? ""}`);
      if (!reachable) throw new TypeError("fetch failed");
      return String(input).endsWith("/search")
        ? Response.json({ results: [] })
        : Response.json({ id: "123" }, { status: 201 });
    };
    const writer = writerFor({
      fetch: fakeFetch,
      maxAttempts: 1,
      searchLagMs: 0,
      maxPer10Seconds: Number.POSITIVE_INFINITY,
      searchBeforeCreate: false,
    });
    for (let i = 0; i <= 10_000; i++) {
      await expect(write(writer, makeCall(i))).rejects.toMatchObject({ code: "NETWORK_ERROR" });
    }
    reachable = true;
    sent.length = 0;
    await write(writer, makeCall(0));
    await write(writer, makeCall(10_000));
    // call-0 was forgotten: created straight away; call-10000 is still looked up first.
    expect(sent).toEqual(["create call-0", "search ", "create call-10000"]);
  });

  it("times a request out on its clock after timeoutMs, by default 10 s (below the relay's 25 s)", async () => {
    const manual = manualClock();
    const existing = store.seed({ hs_timestamp: "1" });
    hubspot.inject({ kind: "hang" });
    const outcome = write(writerFor({ clock: manual.clock, maxAttempts: 1 }), makeCall(24), {}, Number(existing.id)).catch(
      (e: unknown) => e,
    );
    await expect.poll(() => callRequests().length).toBe(1);
    await drain();
    expect(manual.pending()).toEqual([10_000]);
    manual.fireAll();
    const error = (await outcome) as HubSpotApiError;
    expect(error).toMatchObject({ code: "NETWORK_ERROR", status: 0, retryable: true });
    expect(error.message).toContain("Timed out after 10000 ms");
    expect(manual.pending()).toEqual([]);
  });

  it("waits at most an hour for a Retry-After that asks for years", async () => {
    const clock = virtualClock();
    const existing = store.seed({ hs_timestamp: "1" });
    hubspot.inject({ kind: "429", retryAfterSeconds: 10 * 365 * 86_400 });
    await write(writerFor({ clock }), makeCall(25), {}, Number(existing.id));
    expect(clock.slept).toEqual([3_600_000]);
  });

  it("works where AbortSignal.any and AbortSignal.timeout are missing", async () => {
    const { any, timeout } = AbortSignal;
    (AbortSignal as { any?: unknown }).any = undefined;
    (AbortSignal as { timeout?: unknown }).timeout = undefined;
    try {
      const existing = store.seed({ hs_timestamp: "1" });
      await expect(write(writerFor(), makeCall(26), {}, Number(existing.id))).resolves.toEqual({
        engagementId: Number(existing.id),
      });
    } finally {
      AbortSignal.any = any;
      AbortSignal.timeout = timeout;
    }
  });

  it("requires a token and a sensible limit", () => {
    expect(() => createCallsApiWriter({})).toThrow(ValidationError);
    expect(() => createCallsApiWriter({ accessToken: "x", maxPer10Seconds: 0 })).toThrow(ValidationError);
  });

  it("refuses NaN and other nonsense numbers in its options", () => {
    for (const bad of [
      { maxAttempts: Number.NaN },
      { maxAttempts: 0 },
      { timeoutMs: Number.NaN },
      { timeoutMs: 0 },
      { searchLagMs: Number.NaN },
      { searchLagMs: -1 },
    ]) {
      const error = (() => {
        try {
          createCallsApiWriter({ accessToken: TOKEN, ...bad });
        } catch (thrown) {
          return thrown;
        }
        return undefined;
      })();
      expect(error, JSON.stringify(bad)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(Object.keys(bad));
    }
  });

  it("refuses a malformed static token at creation without quoting it", () => {
    const error = (() => {
      try {
        createCallsApiWriter({ accessToken: "pat-na1-s3cret\n" });
      } catch (thrown) {
        return thrown as ValidationError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.issues[0]?.path).toBe("accessToken");
    expect(error?.message).not.toContain("s3cret");
    expect(JSON.stringify(error?.issues)).not.toContain("s3cret");
  });

  it("refuses a malformed token from getAccessToken before any request, once, without quoting it", async () => {
    const clock = virtualClock();
    let asked = 0;
    const writer = writerFor({
      accessToken: undefined,
      getAccessToken: () => {
        asked++;
        return "pat-na1-s3cret\u00e9\u2028";
      },
      clock,
    });
    const error = await write(writer, makeCall(14)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubSpotApiError);
    expect(error).toMatchObject({ status: 401, retryable: false, code: "HUBSPOT_API_ERROR" });
    expect((error as Error).message).toMatch(/access token has characters an HTTP header cannot carry/);
    expect((error as Error).message).not.toContain("s3cret");
    expect((error as Error).cause).toBeUndefined();
    expect(asked).toBe(1);
    expect(hubspot.requests).toHaveLength(0);
    // Not an unknown outcome: a later write with a good token creates at once, no lookup first.
    expect(clock.slept).toEqual([]);
  });

  it("leaves no abort listener on a long-lived signal the caller passes", async () => {
    const shutdown = new AbortController();
    const existing = store.seed({ hs_timestamp: "1" });
    const writer = writerFor({ clock: virtualClock() });
    for (let i = 0; i < 30; i++) {
      await writer.markRecordingReady(Number(existing.id), { signal: shutdown.signal });
      await writer.update(Number(existing.id), { hs_call_body: `v${i}` }, { signal: shutdown.signal });
    }
    expect(store.recordingsReady).toHaveLength(30);
    expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(0);
  });
});

