import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildEngagementProperties } from "../../src/engagements/engagementProperties";
import { relayWriter } from "../../src/engagements/relayWriter";
import { AbortError } from "../../src/errors/abortError";
import { RelayError } from "../../src/errors/relayError";
import { ValidationError } from "../../src/errors/validationError";
import { drain, fakeTimer, makeCall } from "./fixtures";

interface Seen {
  path: string;
  headers: IncomingMessage["headers"];
  body: unknown;
  bytes: number;
}

let server: Server;
let url: string;
const seen: Seen[] = [];
let answer: {
  status: number;
  body?: unknown;
  /** Sent as is instead of `body` (an HTML page, say). */
  raw?: string;
  headers?: Record<string, string>;
  hang?: boolean;
} = { status: 202 };

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const path = new URL(req.url ?? "/", "http://x").pathname;
      seen.push({ path, headers: req.headers, body: text ? JSON.parse(text) : undefined, bytes: Buffer.concat(chunks).byteLength });
      if (path === "/login") {
        res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>Log in</title>");
        return;
      }
      if (answer.hang) return;
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(answer.raw ?? (answer.body === undefined ? "" : JSON.stringify(answer.body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/relay`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen.length = 0;
  answer = { status: 202, body: { status: "accepted", externalCallId: "call-1", engagementId: 9 } };
});

const write = (writer: ReturnType<typeof relayWriter>, signal = new AbortController().signal) =>
  writer.write({ call: makeCall(1), engagementId: 55, properties: { hs_call_body: "hello" }, signal });

describe("relayWriter", () => {
  it("POSTs the record as JSON with the externalCallId as Idempotency-Key", async () => {
    const writer = relayWriter({
      url,
      headers: { authorization: "Bearer static", "x-static": "1" },
      getHeaders: ({ call }) => ({ authorization: `Bearer for-${call.externalCallId}` }),
    });
    await expect(write(writer)).resolves.toEqual({ engagementId: 9 });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers).toMatchObject({
      "content-type": "application/json",
      "idempotency-key": "call-1",
      authorization: "Bearer for-call-1",
      "x-static": "1",
    });
    expect(seen[0]?.body).toEqual({
      version: 1,
      call: makeCall(1),
      engagementId: 55,
      properties: { hs_call_body: "hello" },
    });
  });

  it("resolves without an engagement id when the relay does not report a usable one", async () => {
    answer = { status: 202, body: { status: "accepted", engagementId: "not-a-number" } };
    await expect(write(relayWriter({ url }))).resolves.toEqual({});
    answer = { status: 202 };
    await expect(write(relayWriter({ url }))).resolves.toEqual({});
  });

  it("rejects a refused record with the relay's field errors, not retryable", async () => {
    answer = {
      status: 400,
      body: { message: "Invalid call record", errors: [{ path: "call.toNumber", message: "is required" }, { junk: 1 }] },
    };
    const error = await write(relayWriter({ url })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RelayError);
    expect(error).toMatchObject({ code: "WRITER_ERROR", status: 400, retryable: false });
    expect((error as RelayError).issues).toEqual([{ path: "call.toNumber", message: "is required" }]);
    expect((error as RelayError).message).toContain("Invalid call record");
  });

  it("passes on HubSpot's correlation id from a 422", async () => {
    answer = { status: 422, body: { message: "HubSpot refused", correlationId: "abc-123" } };
    const error = (await write(relayWriter({ url })).catch((e: unknown) => e)) as RelayError;
    expect(error).toMatchObject({ status: 422, retryable: false, correlationId: "abc-123" });
  });

  it("marks 503 retryable and reads Retry-After", async () => {
    answer = { status: 503, body: { message: "later" }, headers: { "retry-after": "7" } };
    const error = (await write(relayWriter({ url })).catch((e: unknown) => e)) as RelayError;
    expect(error).toMatchObject({ status: 503, retryable: true, retryAfterMs: 7_000 });
  });

  it("survives a body that is not JSON", async () => {
    answer = { status: 500, body: undefined };
    const error = (await write(relayWriter({ url })).catch((e: unknown) => e)) as RelayError;
    expect(error).toMatchObject({ status: 500, retryable: true });
  });

  it("reports an unreachable relay as a retryable network failure", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = (await write(relayWriter({ url: `http://127.0.0.1:${port}/relay` })).catch((e: unknown) => e)) as RelayError;
    expect(error).toBeInstanceOf(RelayError);
    expect(error).toMatchObject({ status: 0, retryable: true });
  });

  it("gives up on a relay that does not answer within the timeout", async () => {
    answer = { status: 202, hang: true };
    const error = (await write(relayWriter({ url, timeout: 50 })).catch((e: unknown) => e)) as RelayError;
    expect(error).toMatchObject({ status: 0, retryable: true });
    expect(error.message).toContain("no answer within 50 ms");
  });

  it("rejects with AbortError when the caller aborts", async () => {
    answer = { status: 202, hang: true };
    const controller = new AbortController();
    const pending = write(relayWriter({ url }), controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });

  it("requires a url", () => {
    expect(() => relayWriter({} as never)).toThrow(ValidationError);
  });

  it("never follows a redirect and does not count it as delivered", async () => {
    answer = { status: 302, headers: { location: "/login" } };
    const error = (await write(relayWriter({ url })).catch((e: unknown) => e)) as RelayError;
    expect(error).toBeInstanceOf(RelayError);
    expect(error).toMatchObject({ status: 302, retryable: true });
    expect(error.message).toContain("redirected");
    expect(seen.map((s) => s.path)).toEqual(["/relay"]);
  });

  it("does not count a 2xx that is not the relay's acknowledgement of this call as delivered", async () => {
    const notAcknowledged: (typeof answer)[] = [
      { status: 200, raw: "<!doctype html><title>Log in</title>", headers: { "content-type": "text/html" } },
      { status: 200, body: { ok: true } },
      { status: 204 },
      { status: 200, body: { status: "accepted", externalCallId: "call-2" } },
      { status: 202, body: { status: "accepted", externalCallId: "call-2" } },
    ];
    for (const candidate of notAcknowledged) {
      answer = candidate;
      const error = (await write(relayWriter({ url })).catch((e: unknown) => e)) as RelayError;
      expect(error, JSON.stringify(candidate)).toBeInstanceOf(RelayError);
      expect(error).toMatchObject({ status: candidate.status, retryable: true });
    }
    answer = { status: 200, body: { status: "duplicate", externalCallId: "call-1", engagementId: 4 } };
    await expect(write(relayWriter({ url }))).resolves.toEqual({ engagementId: 4 });
  });

  it("sends long notes once, so 20,000 CJK characters fit the relay's default limit", async () => {
    const call = makeCall(1, { notes: "会".repeat(20_000) });
    const writer = relayWriter({ url });
    await writer.write({ call, engagementId: 55, properties: buildEngagementProperties(call), signal: new AbortController().signal });
    const body = seen[0]?.body as { call: { notes: string }; properties: Record<string, string> };
    expect(body.call.notes).toHaveLength(20_000);
    // Everything buildEngagementProperties(call) gives is left to the relay.
    expect(body.properties).toEqual({});
    expect(seen[0]?.bytes).toBeLessThan(61_000);
  });

  it("refuses a record over maxBodyBytes before sending anything, with a ValidationError", async () => {
    const writer = relayWriter({ url, maxBodyBytes: 2_000 });
    const call = makeCall(1, { notes: "x".repeat(3_000) });
    const error = (await writer
      .write({ call, engagementId: undefined, properties: {}, signal: new AbortController().signal })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0]?.message).toMatch(/over the relay's limit of 2000 \(maxBodyBytes\)/);
    expect(seen).toEqual([]);
  });

  it("retries 401 and 403 (an expired session) after at least a minute, or the relay's Retry-After", async () => {
    answer = { status: 401, body: { message: "Not authenticated" } };
    expect(await write(relayWriter({ url })).catch((e: unknown) => e)).toMatchObject({
      status: 401,
      retryable: true,
      retryAfterMs: 60_000,
    });
    answer = { status: 403, body: { message: "Forbidden" }, headers: { "retry-after": "5" } };
    expect(await write(relayWriter({ url })).catch((e: unknown) => e)).toMatchObject({
      status: 403,
      retryable: true,
      retryAfterMs: 5_000,
    });
  });

  it("gives up on getHeaders that never settles once the timeout passes on its clock", async () => {
    const timer = fakeTimer();
    const writer = relayWriter({ url, timeout: 5_000, clock: timer.clock, getHeaders: () => new Promise(() => undefined) });
    const outcome = write(writer).catch((e: unknown) => e);
    await drain();
    expect(timer.waiting()).toEqual([5_000]);
    await timer.advance(5_000);
    expect(await outcome).toMatchObject({ status: 0, retryable: true, message: expect.stringContaining("no answer within 5000 ms") });
    expect(seen).toEqual([]);
  });

  it("times out a relay that does not answer on the injected clock", async () => {
    answer = { status: 202, hang: true };
    const timer = fakeTimer();
    const outcome = write(relayWriter({ url, timeout: 30_000, clock: timer.clock })).catch((e: unknown) => e);
    await expect.poll(() => seen.length).toBe(1);
    await timer.advance(30_000);
    expect(await outcome).toMatchObject({ status: 0, retryable: true });
  });

  it("works where AbortSignal.any is missing (Safari < 17.4, Node < 20.3)", async () => {
    const original = AbortSignal.any;
    (AbortSignal as { any?: unknown }).any = undefined;
    try {
      await expect(write(relayWriter({ url }))).resolves.toEqual({ engagementId: 9 });
    } finally {
      AbortSignal.any = original;
    }
  });

  it("refuses an externalCallId that cannot travel as a header before sending, as a ValidationError", async () => {
    const writer = relayWriter({ url });
    for (const externalCallId of [" call-1", "call-1 ", "call-\u{1F600}"]) {
      const error = await writer
        .write({ call: makeCall(1, { externalCallId }), engagementId: undefined, properties: {}, signal: new AbortController().signal })
        .catch((e: unknown) => e);
      expect(error, JSON.stringify(externalCallId)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.path).toBe("call.externalCallId");
    }
    expect(seen).toHaveLength(0);
  });

  it("names a header fetch refuses without quoting its value, and retries it like a refused session", async () => {
    const writer = relayWriter({ url, getHeaders: () => ({ authorization: "Bearer s3cret\ntoken-\u0100" }) });
    const error = await write(writer).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RelayError);
    expect(error).toMatchObject({ status: 0, retryable: true, retryAfterMs: 60_000 });
    expect((error as Error).message).toContain('"authorization"');
    expect((error as Error).message).not.toContain("s3cret");
    expect(JSON.stringify(error)).not.toContain("s3cret");
    expect((error as Error).cause).toBeUndefined();
    expect(seen).toHaveLength(0);
  });

  it("ignores an engagement id of 0 in the relay's answer", async () => {
    answer = { status: 202, body: { status: "accepted", externalCallId: "call-1", engagementId: 0 } };
    await expect(write(relayWriter({ url }))).resolves.toEqual({});
  });
});

