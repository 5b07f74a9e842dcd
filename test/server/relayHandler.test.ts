import { describe, expect, it } from "vitest";
import type { EngagementWriteRequest, EngagementWriter } from "../../src/engagements/engagementWriter";
import { buildEngagementProperties } from "../../src/engagements/engagementProperties";
import { toRelayRecord } from "../../src/engagements/relayRecord";
import { HubSpotApiError } from "../../src/errors/hubSpotApiError";
import { ValidationError } from "../../src/errors/validationError";
import { memoryIdempotencyStore } from "../../src/server/memoryIdempotencyStore";
import { createRelayHandler } from "../../src/server/relayHandler";
import type { RelayErrorEvent, RelayHandlerOptions } from "../../src/server/relayHandlerOptions";
import { drain, fakeTimer, makeCall } from "../engagements/fixtures";

const SECRET = "Bearer relay-secret";

function countingWriter(behaviour: (request: EngagementWriteRequest) => Promise<{ engagementId?: number }> = async () => ({ engagementId: 99 })) {
  const writes: EngagementWriteRequest[] = [];
  const writer: EngagementWriter = {
    write: (request) => {
      writes.push(request);
      return behaviour(request);
    },
  };
  return { writer, writes };
}

function handlerWith(options: Partial<RelayHandlerOptions> = {}) {
  const counting = countingWriter();
  const errors: RelayErrorEvent[] = [];
  const handler = createRelayHandler({
    writer: counting.writer,
    authenticate: (request) => request.headers.get("authorization") === SECRET,
    onError: (event) => errors.push(event),
    ...options,
  });
  return { handler, errors, ...counting };
}

const body = (index = 1, extra: object = {}) =>
  JSON.stringify({ ...toRelayRecord({ call: makeCall(index), engagementId: undefined, properties: { hs_call_body: "x" } }), ...extra });

function post(payload: BodyInit | null, headers: Record<string, string> = {}, method = "POST") {
  return new Request("http://relay.test/relay", {
    method,
    headers: { authorization: SECRET, "content-type": "application/json", ...headers },
    ...(payload === null ? {} : { body: payload }),
  });
}

describe("createRelayHandler", () => {
  it("writes a valid record once and answers 202 with the engagement id", async () => {
    const { handler, writes } = handlerWith();
    const response = await handler(post(body(1), { "idempotency-key": "call-1" }));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: "accepted", externalCallId: "call-1", engagementId: 99 });
    expect(writes).toHaveLength(1);
    expect(writes[0]?.call).toEqual(makeCall(1));
    // The writer gets every property again: those the call gives, and the record's on top.
    expect(writes[0]?.properties).toEqual(buildEngagementProperties(makeCall(1), { hs_call_body: "x" }));
    expect(writes[0]?.signal).toBeInstanceOf(AbortSignal);
  });

  it("acknowledges a repeated record without writing it again", async () => {
    const { handler, writes } = handlerWith();
    await handler(post(body(1)));
    const again = await handler(post(body(1)));
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ status: "duplicate", externalCallId: "call-1", engagementId: 99 });
    expect(writes).toHaveLength(1);
  });

  it("never lets two concurrent copies of a record both write", async () => {
    let finish: (() => void) | undefined;
    const counting = countingWriter(() => new Promise((resolve) => (finish = () => resolve({ engagementId: 5 }))));
    const handler = createRelayHandler({ writer: counting.writer, authenticate: () => true });
    const first = handler(post(body(1)));
    await expect.poll(() => counting.writes.length).toBe(1);
    const second = await handler(post(body(1)));
    expect(second.status).toBe(409);
    expect(second.headers.get("retry-after")).toBe("1");
    finish?.();
    expect((await first).status).toBe(202);
    expect((await handler(post(body(1)))).status).toBe(202);
    expect(counting.writes).toHaveLength(1);
  });

  it("scopes idempotency by the principal's tenant", async () => {
    const { handler, writes } = handlerWith({
      authenticate: (request) => ({ tenant: request.headers.get("x-portal") ?? "none" }),
    });
    await handler(post(body(1), { "x-portal": "1" }));
    await handler(post(body(1), { "x-portal": "2" }));
    await handler(post(body(1), { "x-portal": "2" }));
    expect(writes).toHaveLength(2);
  });

  it("gives a writer factory the principal and the record", async () => {
    const counting = countingWriter();
    const seen: unknown[] = [];
    const handler = createRelayHandler({
      authenticate: () => ({ tenant: "portal-7" }),
      writer: ({ principal, record }) => {
        seen.push([principal.tenant, record.call.externalCallId]);
        return counting.writer;
      },
    });
    expect((await handler(post(body(3)))).status).toBe(202);
    expect(seen).toEqual([["portal-7", "call-3"]]);
  });

  it("answers 405 to anything but POST", async () => {
    const { handler } = handlerWith();
    const response = await handler(post(null, {}, "GET"));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("answers 401 when authenticate refuses, before reading the body", async () => {
    const { handler, writes } = handlerWith();
    let pulled = false;
    const stream = new ReadableStream(
      {
        pull(controller) {
          pulled = true;
          controller.enqueue(new TextEncoder().encode(body(1)));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const response = await handler(
      new Request("http://relay.test/relay", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer wrong" },
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(401);
    expect(pulled).toBe(false);
    expect(writes).toHaveLength(0);
  });

  it("answers 503 when authenticate throws, and reports it", async () => {
    const boom = new Error("session store down");
    const { handler, errors } = handlerWith({
      authenticate: () => {
        throw boom;
      },
    });
    const response = await handler(post(body(1)));
    expect(response.status).toBe(503);
    expect(errors).toEqual([expect.objectContaining({ error: boom, status: 503 })]);
  });

  it("answers 415 to a body that is not declared JSON", async () => {
    const { handler } = handlerWith();
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "", "application/jsonp"]) {
      expect((await handler(post(body(1), { "content-type": type }))).status).toBe(415);
    }
    expect((await handler(post(body(2), { "content-type": "application/json; charset=utf-8" }))).status).toBe(202);
    expect((await handler(post(body(3), { "content-type": "application/vnd.calls+json" }))).status).toBe(202);
  });

  it("answers 413 to a body over the limit, whether it declares its length or not", async () => {
    const { handler, writes } = handlerWith({ maxBodyBytes: 1_000 });
    const big = body(1, { padding: "x".repeat(2_000) });
    expect((await handler(post(big))).status).toBe(413);
    let chunks = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        chunks++;
        controller.enqueue(new Uint8Array(300).fill(32));
      },
    });
    const response = await handler(
      new Request("http://relay.test/relay", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: SECRET },
        body: endless,
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(chunks).toBeLessThan(10);
    expect(writes).toHaveLength(0);
  });

  it("answers 400 with field errors for malformed bodies", async () => {
    const { handler, writes } = handlerWith();
    const cases: [BodyInit, string][] = [
      ["{not json", ""],
      ["", ""],
      [new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), ""],
      [JSON.stringify([1, 2]), ""],
      [body(1, { version: 9 }), "version"],
      [JSON.stringify({ ...JSON.parse(body(1)), call: { ...makeCall(1), startedAt: "noon" } }), "call.startedAt"],
    ];
    for (const [payload, path] of cases) {
      const response = await handler(post(payload));
      expect(response.status).toBe(400);
      const answer = (await response.json()) as { errors: { path: string; message: string }[] };
      expect(answer.errors.map((e) => e.path)).toContain(path);
    }
    expect(writes).toHaveLength(0);
  });

  it("answers 400 when the Idempotency-Key header names another call", async () => {
    const { handler } = handlerWith();
    const response = await handler(post(body(1), { "idempotency-key": "call-2" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ path: "call.externalCallId" }] });
  });

  it("answers 422 with HubSpot's message and correlationId when HubSpot refuses the record", async () => {
    const refusal = new HubSpotApiError("Updating call 1 failed (HTTP 400): Property values were not valid", {
      status: 400,
      body: { message: "Property values were not valid", correlationId: "corr-1", category: "VALIDATION_ERROR" },
    });
    const counting = countingWriter(async () => {
      throw refusal;
    });
    const errors: RelayErrorEvent[] = [];
    const handler = createRelayHandler({ writer: counting.writer, authenticate: () => true, onError: (e) => errors.push(e) });
    const response = await handler(post(body(1)));
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      message: refusal.message,
      errors: [{ path: "", message: "Property values were not valid" }],
      correlationId: "corr-1",
    });
    expect(errors[0]).toMatchObject({ error: refusal, status: 422, record: { call: { externalCallId: "call-1" } } });
  });

  it("answers 422 with the issues of a ValidationError from the writer", async () => {
    const counting = countingWriter(async () => {
      throw new ValidationError("call update", [{ path: "engagementId", message: "must be a positive integer" }]);
    });
    const handler = createRelayHandler({ writer: counting.writer, authenticate: () => true });
    const response = await handler(post(body(1)));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ errors: [{ path: "engagementId" }] });
  });

  it("answers 503 with Retry-After when the write may pass later, and writes on the retry", async () => {
    let fail = true;
    const counting = countingWriter(async () => {
      if (fail) throw new HubSpotApiError("down", { status: 502 });
      return { engagementId: 1 };
    });
    const handler = createRelayHandler({ writer: counting.writer, authenticate: () => true });
    const response = await handler(post(body(1)));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await response.json()).toEqual({ message: "Could not log the call now; retry later (HUBSPOT_API_ERROR)" });
    fail = false;
    expect((await handler(post(body(1)))).status).toBe(202);
    expect(counting.writes).toHaveLength(2);
  });

  it("passes on HubSpot's wait: Retry-After from a 429, an hour for a DAILY limit", async () => {
    const errors = [
      new HubSpotApiError("slow", { status: 429, retryAfterMs: 2_500, body: { policyName: "TEN_SECONDLY_ROLLING" } }),
      new HubSpotApiError("daily", { status: 429, body: { policyName: "DAILY" } }),
      new Error("unexpected"),
      new HubSpotApiError("token", { status: 401 }),
    ];
    const waits = [];
    for (const error of errors) {
      const handler = createRelayHandler({
        writer: { write: async () => Promise.reject(error) },
        authenticate: () => true,
      });
      const response = await handler(post(body(1)));
      expect(response.status).toBe(503);
      waits.push(response.headers.get("retry-after"));
    }
    expect(waits).toEqual(["3", "3600", "1", "1"]);
  });

  it("answers 202 when the write succeeded even if the store fails to note it", async () => {
    const { handler, writes, errors } = handlerWith({
      idempotency: {
        claim: async () => ({ state: "claimed", token: "t" }),
        complete: async () => {
          throw new Error("redis down");
        },
        release: async () => undefined,
      },
    });
    expect((await handler(post(body(1)))).status).toBe(202);
    expect(writes).toHaveLength(1);
    expect(errors).toEqual([expect.objectContaining({ status: 202 })]);
  });

  it("answers 503 when the idempotency store cannot claim", async () => {
    const { handler, writes } = handlerWith({
      idempotency: {
        claim: async () => {
          throw new Error("redis down");
        },
        complete: async () => undefined,
        release: async () => undefined,
      },
    });
    expect((await handler(post(body(1)))).status).toBe(503);
    expect(writes).toHaveLength(0);
  });

  it("answers 503 instead of throwing when the writer factory and onError both throw", async () => {
    const { handler } = handlerWith({
      writer: () => {
        throw new Error("factory bug");
      },
      onError: () => {
        throw new Error("logger bug");
      },
    });
    const response = await handler(post(body(1)));
    expect(response.status).toBe(503);
  });

  it("writes a corrected version (another revision) as an update of the engagement written before", async () => {
    const { handler, writes } = handlerWith();
    const record = (notes: string) =>
      JSON.stringify(toRelayRecord({ call: makeCall(1, { notes }), engagementId: undefined, properties: {} }));
    expect(await (await handler(post(record("first draft")))).json()).toMatchObject({ status: "accepted", engagementId: 99 });
    const corrected = await handler(post(record("corrected notes")));
    expect(await corrected.json()).toMatchObject({ status: "accepted", engagementId: 99 });
    expect(writes.map((w) => [w.properties.hs_call_body, w.engagementId])).toEqual([
      ["first draft", undefined],
      ["corrected notes", 99],
    ]);
    // Each version is written once.
    expect(await (await handler(post(record("corrected notes")))).json()).toMatchObject({ status: "duplicate" });
    expect(writes).toHaveLength(2);
  });

  it("accepts the longest notes HubSpot keeps, in any script, with the default body limit", async () => {
    const { handler, writes } = handlerWith();
    const call = makeCall(1, { notes: "会".repeat(65_536) });
    const payload = JSON.stringify(toRelayRecord({ call, engagementId: undefined, properties: buildEngagementProperties(call) }));
    expect(new TextEncoder().encode(payload).byteLength).toBeGreaterThan(196_608);
    const response = await handler(post(payload));
    expect(response.status).toBe(202);
    expect(writes[0]?.properties.hs_call_body).toHaveLength(65_536);
  });

  it("answers 503 after writeTimeoutMs on its clock, and keeps the claim until the writer ends", async () => {
    const timer = fakeTimer();
    let finish: (() => void) | undefined;
    const counting = countingWriter(() => new Promise((resolve) => (finish = () => resolve({ engagementId: 3 }))));
    const errors: RelayErrorEvent[] = [];
    const handler = createRelayHandler({
      writer: counting.writer,
      authenticate: () => true,
      writeTimeoutMs: 25_000,
      clock: timer.clock,
      onError: (event) => errors.push(event),
    });
    const first = handler(post(body(1)));
    await expect.poll(() => counting.writes.length).toBe(1);
    expect(timer.waiting()).toEqual([25_000]);
    await timer.advance(25_000);
    const answer = await first;
    expect(answer.status).toBe(503);
    expect(counting.writes[0]?.signal.aborted).toBe(true);
    expect(errors[0]?.error).toMatchObject({ code: "TIMEOUT" });
    // This writer ignores its signal and is still writing: a retry must not write again.
    expect((await handler(post(body(1)))).status).toBe(409);
    finish?.();
    await drain();
    expect(await (await handler(post(body(1)))).json()).toMatchObject({ status: "duplicate", engagementId: 3 });
    expect(counting.writes).toHaveLength(1);
  });

  describe("a slow writer whose claim lapsed", () => {
    // Writes that end when the test says so; the store's lease runs on its own clock.
    function slowRelay() {
      const pending: { resolve: (result: { engagementId: number }) => void; reject: (error: unknown) => void }[] = [];
      const counting = countingWriter(() => new Promise((resolve, reject) => pending.push({ resolve, reject })));
      let storeNow = 0;
      const handler = createRelayHandler({
        writer: counting.writer,
        authenticate: () => true,
        idempotency: memoryIdempotencyStore({ leaseMs: 1_000, now: () => storeNow }),
        // Never advanced: the answers wait for the writers.
        clock: fakeTimer().clock,
      });
      // The first copy's writer hangs past its lease; a retry then takes the key over.
      const start = async () => {
        const first = handler(post(body(1)));
        await expect.poll(() => counting.writes.length).toBe(1);
        storeNow = 1_000;
        const second = handler(post(body(1)));
        await expect.poll(() => counting.writes.length).toBe(2);
        return { first, second };
      };
      return { handler, writes: counting.writes, pending, start };
    }

    it("cannot give away the newer request's claim when it fails", async () => {
      const { handler, writes, pending, start } = slowRelay();
      const { first, second } = await start();
      pending[0]?.reject(new Error("HubSpot went away"));
      expect((await first).status).toBe(503);
      // The second write is still running: a third copy must wait, not write.
      expect((await handler(post(body(1)))).status).toBe(409);
      pending[1]?.resolve({ engagementId: 5 });
      expect(await (await second).json()).toMatchObject({ status: "accepted", engagementId: 5 });
      expect(await (await handler(post(body(1)))).json()).toMatchObject({ status: "duplicate", engagementId: 5 });
      expect(writes).toHaveLength(2);
    });

    it("cannot end the newer request's claim when it succeeds, and its write is kept if the newer one fails", async () => {
      const { handler, writes, pending, start } = slowRelay();
      const { first, second } = await start();
      pending[0]?.resolve({ engagementId: 4 });
      expect(await (await first).json()).toMatchObject({ status: "accepted", engagementId: 4 });
      expect((await handler(post(body(1)))).status).toBe(409);
      pending[1]?.reject(new Error("HubSpot went away"));
      expect((await second).status).toBe(503);
      // What the slow writer wrote is what is left.
      expect(await (await handler(post(body(1)))).json()).toMatchObject({ status: "duplicate", engagementId: 4 });
      expect(writes).toHaveLength(2);
    });
  });

  it("asks for at most an hour in Retry-After", async () => {
    const handler = createRelayHandler({
      writer: { write: async () => Promise.reject(new HubSpotApiError("slow", { status: 503, retryAfterMs: 10 * 365 * 86_400_000 })) },
      authenticate: () => true,
    });
    expect((await handler(post(body(1)))).headers.get("retry-after")).toBe("3600");
  });

  it("refuses to be created without authenticate or writer", () => {
    const { writer } = countingWriter();
    expect(() => createRelayHandler({ writer } as unknown as RelayHandlerOptions)).toThrow(/authenticate/);
    expect(() => createRelayHandler({ writer } as unknown as RelayHandlerOptions)).toThrow(ValidationError);
    expect(() => createRelayHandler({ authenticate: () => true } as unknown as RelayHandlerOptions)).toThrow(/writer/);
  });

  it("answers 400 with a clear message for an id that cannot be the Idempotency-Key, without writing", async () => {
    const { handler, writes } = handlerWith();
    for (const externalCallId of [" call-1", "caf\u00e9"]) {
      const response = await handler(post(body(1, { call: { ...makeCall(1), externalCallId } })));
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        message: "Invalid call record",
        errors: [{ path: "call.externalCallId", message: expect.stringContaining("printable ASCII") }],
      });
    }
    expect(writes).toHaveLength(0);
  });

  it("answers 400 for engagement id 0 instead of passing it to the writer", async () => {
    const { handler, writes } = handlerWith();
    const response = await handler(post(body(1, { engagementId: 0 })));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ path: "engagementId", message: "must be a positive integer" }] });
    expect(writes).toHaveLength(0);
  });
});


describe("createRelayHandler in production", () => {
  const writer: EngagementWriter = { write: async () => ({ engagementId: 1 }) };
  const withNodeEnv = (value: string | undefined, run: () => void) => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = value;
    try {
      run();
    } finally {
      process.env.NODE_ENV = before;
    }
  };

  it("warns once when it runs on the default memory idempotency store", () => {
    const warnings: string[] = [];
    withNodeEnv("production", () => {
      createRelayHandler({ writer, authenticate: () => true, onWarning: (w) => warnings.push(`${w.code}: ${w.message}`) });
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^MEMORY_IDEMPOTENCY_IN_PRODUCTION: .*forgets on every restart/);
  });

  it("stays quiet with a store given, or outside production", () => {
    const warnings: unknown[] = [];
    withNodeEnv("production", () => {
      createRelayHandler({ writer, authenticate: () => true, idempotency: memoryIdempotencyStore(), onWarning: (w) => warnings.push(w) });
    });
    withNodeEnv("development", () => {
      createRelayHandler({ writer, authenticate: () => true, onWarning: (w) => warnings.push(w) });
    });
    expect(warnings).toEqual([]);
  });
});
