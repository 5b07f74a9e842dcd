import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RelayError } from "../../src/engagements/relayError";
import { relayWriter } from "../../src/engagements/relayWriter";
import { AbortError } from "../../src/errors/abortError";
import { ValidationError } from "../../src/errors/validationError";
import { makeCall } from "./fixtures";

interface Seen {
  headers: IncomingMessage["headers"];
  body: unknown;
}

let server: Server;
let url: string;
const seen: Seen[] = [];
let answer: { status: number; body?: unknown; headers?: Record<string, string>; hang?: boolean } = { status: 202 };

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      seen.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      if (answer.hang) return;
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
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
});
