import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/engagements/callRecord";
import { HubSpotApiError } from "../../src/errors/hubSpotApiError";
import { ValidationError } from "../../src/errors/validationError";
import { createCallsApiWriter, type CallsApiWriterOptions } from "../../src/server/callsApiWriter";
import type { ServerClock } from "../../src/server/serverClock";
import { callsRoutes, type CallsStore } from "../support/fakeHubSpot/callsRoutes";
import { startFakeHubSpot, type FakeHubSpot } from "../support/fakeHubSpot/server";
import { makeCall } from "../engagements/fixtures";

const TOKEN = "pat-na1-test";
let hubspot: FakeHubSpot;
let store: CallsStore;

beforeEach(async () => {
  const calls = callsRoutes();
  store = calls.store;
  hubspot = await startFakeHubSpot({ routes: calls.routes, accessTokens: [TOKEN] });
});
afterEach(() => hubspot.close());

/** Virtual time: sleeps return at once and move the clock. */
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
    expect(callRequests().map((r) => `${r.method} ${r.path}`)).toEqual(["POST /crm/v3/objects/calls"]);
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
    const { engagementId } = await write(writerFor(), makeCall(4));
    expect(store.byExternalId("call-4")).toHaveLength(1);
    expect(String(engagementId)).toBe(store.byExternalId("call-4")[0]?.id);
    expect(callRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /crm/v3/objects/calls",
      "POST /crm/v3/objects/calls/search",
      "PATCH /crm/v3/objects/calls/" + String(engagementId),
    ]);
  });

  it("remembers an uncertain create across writes, so a later retry finds it", async () => {
    const writer = writerFor({ maxAttempts: 1 });
    hubspot.inject({ kind: "dropAfterHandling" });
    await expect(write(writer, makeCall(5))).rejects.toMatchObject({ code: "NETWORK_ERROR", retryable: true });
    await write(writer, makeCall(5));
    expect(store.byExternalId("call-5")).toHaveLength(1);
  });

  it("searches before every create when asked to (several processes)", async () => {
    const other = writerFor();
    await write(other, makeCall(6));
    const fresh = writerFor({ searchBeforeCreate: true });
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
    const writer = writerFor({ clock });
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

  it("requires a token and a sensible limit", () => {
    expect(() => createCallsApiWriter({})).toThrow(ValidationError);
    expect(() => createCallsApiWriter({ accessToken: "x", maxPer10Seconds: 0 })).toThrow(ValidationError);
  });
});
