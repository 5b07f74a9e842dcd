// Fuzzes the relay handler over a real node:http server: whatever arrives,
// the answer is the right 4xx (or 202 for a valid, authenticated record), never
// a 5xx or a crash, and the server keeps serving.
import fc from "fast-check";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRelayRecord, toRelayRecord } from "../../src/engagements/relayRecord";
import { createRelayHandler } from "../../src/server/relayHandler";
import { toNodeListener } from "../../src/server/toNodeListener";
import { makeCall } from "../engagements/fixtures";

const SECRET = "Bearer fuzz-secret";
const MAX_BODY = 4_096;
let server: Server;
let url: string;
let writes = 0;

beforeAll(async () => {
  const handler = createRelayHandler({
    writer: {
      write: async () => {
        writes++;
        return { engagementId: 1 };
      },
    },
    authenticate: (request) => request.headers.get("authorization") === SECRET,
    maxBodyBytes: MAX_BODY,
  });
  server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/relay`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const validRecord = (id: string) =>
  toRelayRecord({ call: makeCall(1, { externalCallId: id }), engagementId: undefined, properties: { hs_call_body: "x" } });

// A valid record with one field somewhere replaced by junk.
const mutatedRecord = fc
  .tuple(
    fc.constantFrom("version", "call", "properties", "engagementId", "call.direction", "call.startedAt", "call.endStatus", "call.callee", "properties.hs_call_body", "call.externalCallId"),
    fc.oneof(fc.jsonValue(), fc.string({ maxLength: 5_000 }), fc.constant(undefined)),
  )
  .map(([path, junk]) => {
    const record = JSON.parse(JSON.stringify(validRecord("mutated"))) as Record<string, Record<string, unknown>>;
    const [head, tail] = path.split(".") as [string, string | undefined];
    if (tail === undefined) (record as Record<string, unknown>)[head] = junk;
    else if (typeof record[head] === "object" && record[head] !== null) record[head][tail] = junk;
    return JSON.stringify(record);
  });

// The oracle for "valid": a mutation may leave a record valid (say,
// `properties` replaced by `{}`), and then 202 is the right answer.
function isRecord(body: string | Uint8Array): boolean {
  try {
    parseRelayRecord(JSON.parse(typeof body === "string" ? body : new TextDecoder("utf-8", { fatal: true }).decode(body)));
    return true;
  } catch {
    return false;
  }
}

const bodyArbitrary = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value) ?? ""),
  fc.string({ maxLength: 2_000 }),
  fc.uint8Array({ maxLength: 2_000 }),
  mutatedRecord,
  fc.integer({ min: MAX_BODY + 1, max: 200_000 }).map((size) => "x".repeat(size)),
);

const contentType = fc.constantFrom("application/json", "text/plain", "", "application/json; charset=utf-8", "multipart/form-data");
const authorization = fc.constantFrom(SECRET, "Bearer wrong", "", "Basic Zm9vOmJhcg==");
const method = fc.constantFrom("POST", "POST", "POST", "PUT", "DELETE");

describe("relay handler fuzz", () => {
  it("answers malformed, oversized and unauthenticated bodies with 4xx and keeps serving", async () => {
    await fc.assert(
      fc.asyncProperty(bodyArbitrary, contentType, authorization, method, async (body, type, auth, verb) => {
        const headers: Record<string, string> = {};
        if (type) headers["content-type"] = type;
        if (auth) headers.authorization = auth;
        const response = await fetch(url, { method: verb, headers, body });
        const answer = JSON.parse(await response.text()) as { errors?: unknown[] };
        const size = typeof body === "string" ? new TextEncoder().encode(body).byteLength : body.byteLength;
        if (verb !== "POST") expect(response.status).toBe(405);
        else if (auth !== SECRET) expect(response.status).toBe(401);
        else if (!type.startsWith("application/json")) expect(response.status).toBe(415);
        else if (size > MAX_BODY) expect(response.status).toBe(413);
        else if (isRecord(body)) expect(response.status).toBe(202);
        else {
          expect(response.status).toBe(400);
          expect(answer.errors?.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300, seed: 20_240_601 },
    );
    const before = writes;
    const ok = await fetch(url, {
      method: "POST",
      headers: { authorization: SECRET, "content-type": "application/json" },
      body: JSON.stringify(validRecord("after-fuzz")),
    });
    expect(ok.status).toBe(202);
    expect(writes).toBe(before + 1);
  });
});
