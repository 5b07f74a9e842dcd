// Fuzzes the relay handler over a real node:http server: whatever arrives,
// the answer is the right 4xx (or 202 for a valid, authenticated record), never
// a 5xx or a crash, and the server keeps serving.
import fc from "fast-check";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDeepStrictEqual } from "node:util";
import { toRelayRecord } from "../../src/engagements/relayRecord";
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

// What the wire format allows, written down from the documented rules (the
// RelayRecord docs and the call-logging guide), not from the parser.
const END_STATUSES = ["COMPLETED", "FAILED", "CANCELED", "BUSY", "NO_ANSWER", "REJECTED", "MISSED"];
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isCount = (value: unknown) => typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
const isText = (value: unknown, max: number) => typeof value === "string" && value.length <= max;
const absent = (value: unknown) => value === undefined || value === null;

const allowed: Record<string, (value: unknown, original: unknown) => boolean> = {
  version: (value) => value === 1,
  call: (value, original) => isDeepStrictEqual(value, original),
  properties: (value) =>
    isObject(value) &&
    Object.keys(value).length <= 100 &&
    Object.entries(value).every(
      ([name, item]) =>
        /^[a-z][a-z0-9_]{0,99}$/.test(name) && !["constructor", "prototype"].includes(name) && isText(item, 65_536),
    ) &&
    // Values the relay checks as HubSpot reads them (call-logging guide, "Validation").
    (value.hs_call_duration === undefined || /^\d{1,15}$/.test(String(value.hs_call_duration))) &&
    (value.hs_timestamp === undefined ||
      /^\d{1,15}$/.test(String(value.hs_timestamp)) ||
      (/^\d{4}-\d{2}-\d{2}/.test(String(value.hs_timestamp)) && !Number.isNaN(Date.parse(String(value.hs_timestamp))))) &&
    (value.hs_call_direction === undefined || ["INBOUND", "OUTBOUND"].includes(String(value.hs_call_direction))) &&
    (value.hubspot_owner_id === undefined || /^[1-9]\d{0,14}$/.test(String(value.hubspot_owner_id))) &&
    (value.hs_call_recording_url === undefined || /^https:\/\/[^\s/]+/i.test(String(value.hs_call_recording_url))),
  engagementId: (value) => absent(value) || isCount(value),
  "call.direction": (value) => value === "OUTBOUND" || value === "INBOUND",
  "call.startedAt": (value) => isCount(value),
  "call.endStatus": (value) => END_STATUSES.includes(value as string),
  "call.callee": (value) =>
    absent(value) ||
    (isObject(value) && isCount(value.objectId) && typeof value.objectTypeId === "string" && /^\d{1,4}-\d{1,12}$/.test(value.objectTypeId)),
  "properties.hs_call_body": (value) => value === undefined || isText(value, 65_536),
  "call.externalCallId": (value) =>
    typeof value === "string" && value.length >= 1 && value.length <= 256 && !/[\u0000-\u001f\u007f]/.test(value),
};

interface Candidate {
  body: string | Uint8Array<ArrayBuffer>;
  /** Whether the body is a valid record; false for anything that is not one at all. */
  valid: boolean;
}

// A valid record with one field somewhere replaced by junk; the expected
// answer follows from that field's rule alone.
const mutatedRecord = fc
  .tuple(
    fc.constantFrom(...Object.keys(allowed)),
    fc.oneof(fc.jsonValue(), fc.string({ maxLength: 5_000 }), fc.constant(undefined)),
  )
  .map(([path, junk]): Candidate => {
    const original = validRecord("mutated") as unknown as Record<string, Record<string, unknown>>;
    const record = JSON.parse(JSON.stringify(original)) as Record<string, Record<string, unknown>>;
    const [head, tail] = path.split(".") as [string, string | undefined];
    if (tail === undefined) (record as Record<string, unknown>)[head] = junk;
    else (record[head] as Record<string, unknown>)[tail] = junk;
    const body = JSON.stringify(record);
    // The value as the relay receives it (JSON drops undefined, turns -0 into 0).
    const sent = JSON.parse(body) as Record<string, Record<string, unknown>>;
    const value = tail === undefined ? sent[head] : sent[head]?.[tail];
    const before = tail === undefined ? original[head] : original[head]?.[tail];
    return { body, valid: (allowed[path] as (value: unknown, original: unknown) => boolean)(value, before) };
  });

const notARecord = (body: string | Uint8Array<ArrayBuffer>): Candidate => ({ body, valid: false });

const bodyArbitrary = fc.oneof(
  fc.jsonValue().map((value) => notARecord(JSON.stringify(value) ?? "")),
  fc.string({ maxLength: 2_000 }).map(notARecord),
  fc.uint8Array({ maxLength: 2_000 }).map(notARecord),
  mutatedRecord,
  fc.integer({ min: MAX_BODY + 1, max: 200_000 }).map((size) => notARecord("x".repeat(size))),
);

const contentType = fc.constantFrom("application/json", "text/plain", "", "application/json; charset=utf-8", "multipart/form-data");
const authorization = fc.constantFrom(SECRET, "Bearer wrong", "", "Basic Zm9vOmJhcg==");
const method = fc.constantFrom("POST", "POST", "POST", "PUT", "DELETE");

describe("relay handler fuzz", () => {
  it("answers malformed, oversized and unauthenticated bodies with 4xx and keeps serving", async () => {
    const statuses = new Map<number, number>();
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const writesBefore = writes;
    await fc.assert(
      fc.asyncProperty(bodyArbitrary, contentType, authorization, method, async ({ body, valid }, type, auth, verb) => {
        const headers: Record<string, string> = {};
        if (type) headers["content-type"] = type;
        if (auth) headers.authorization = auth;
        const response = await fetch(url, { method: verb, headers, body });
        const answer = JSON.parse(await response.text()) as { errors?: unknown[] };
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const size = typeof body === "string" ? new TextEncoder().encode(body).byteLength : body.byteLength;
        if (verb !== "POST") expect(response.status).toBe(405);
        else if (auth !== SECRET) expect(response.status).toBe(401);
        else if (!type.startsWith("application/json")) expect(response.status).toBe(415);
        else if (size > MAX_BODY) expect(response.status).toBe(413);
        else if (valid) expect(response.status).toBe(202);
        else {
          expect(response.status).toBe(400);
          expect(answer.errors?.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300, seed: 20_240_601 },
    );
    // The run met every kind of answer, valid mutations (202) included.
    expect([...statuses.keys()].sort()).toEqual([202, 400, 401, 405, 413, 415]);
    // Nothing refused reached the writer (a repeat of an accepted record is a duplicate, not a write).
    expect(writes - writesBefore).toBeLessThanOrEqual(statuses.get(202) ?? 0);
    // No body changed any object's prototype.
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
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
