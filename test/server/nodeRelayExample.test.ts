// Runs examples/node-relay/server.mjs as a real process (bundled against the
// library's source) in front of the fake HubSpot, and logs a call through it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toRelayRecord } from "../../src/engagements/relayRecord";
import { makeCall } from "../engagements/fixtures";
import { callsRoutes, type CallsStore } from "../support/fakeHubSpot/callsRoutes";
import { startFakeHubSpot, type FakeHubSpot } from "../support/fakeHubSpot/server";

const root = resolve(import.meta.dirname, "../..");
let hubspot: FakeHubSpot;
let store: CallsStore;
let child: ChildProcess;
let url: string;

beforeAll(async () => {
  const calls = callsRoutes();
  store = calls.store;
  hubspot = await startFakeHubSpot({ routes: calls.routes, accessTokens: ["pat-example"] });
  const outDir = join(root, "node_modules", ".cache", "hubspot-calling-kit-tests");
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, "node-relay-server.mjs");
  await build({
    entryPoints: [join(root, "examples/node-relay/server.mjs")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    logLevel: "error",
    plugins: [
      {
        name: "library-from-source",
        setup(b) {
          b.onResolve({ filter: /^hubspot-calling-kit\/server$/ }, () => ({ path: join(root, "src/server/index.ts") }));
        },
      },
    ],
  });
  child = spawn(process.execPath, [outfile], {
    env: {
      PATH: process.env.PATH,
      PORT: "0",
      HUBSPOT_ACCESS_TOKEN: "pat-example",
      HUBSPOT_BASE_URL: hubspot.url,
      HUBSPOT_APP_ID: "314",
      RELAY_SECRET: "example-secret",
      WIDGET_ORIGIN: "https://widget.example.com",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  url = await new Promise<string>((resolveUrl, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (http:\/\/\S+)/.exec(output);
      if (found?.[1]) resolveUrl(found[1]);
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`example exited (${code}): ${output}`)));
  });
});

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((done) => child.on("exit", done));
    child.kill("SIGTERM");
    await exited;
  }
  await hubspot.close();
});

const post = (body: unknown, secret = "example-secret") =>
  fetch(`${url}/hubspot/calls`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("examples/node-relay", () => {
  it("logs a call in HubSpot once, and acknowledges the repeat", async () => {
    const record = toRelayRecord({ call: makeCall(1), engagementId: undefined, properties: { hs_call_body: "Via the example" } });
    const first = await post(record);
    expect(first.status).toBe(202);
    const answer = (await first.json()) as { engagementId: number };
    expect(store.calls.get(String(answer.engagementId))?.properties).toMatchObject({
      hs_call_body: "Via the example",
      hs_call_app_id: "314",
      hs_call_external_id: "call-1",
    });
    const again = await post(record);
    expect(await again.json()).toMatchObject({ status: "duplicate", engagementId: answer.engagementId });
    expect(store.byExternalId("call-1")).toHaveLength(1);
  });

  it("answers CORS for the widget's origin and lets it read Retry-After", async () => {
    const preflight = await fetch(`${url}/hubspot/calls`, {
      method: "OPTIONS",
      headers: { origin: "https://widget.example.com", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://widget.example.com");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("idempotency-key");
    // A 409 while the same call is being logged carries Retry-After; the widget must be able to read it.
    const answer = await post(toRelayRecord({ call: makeCall(3), engagementId: undefined, properties: {} }), "guess");
    expect(answer.headers.get("access-control-allow-origin")).toBe("https://widget.example.com");
    const exposed = (answer.headers.get("access-control-expose-headers") ?? "").toLowerCase().split(/\s*,\s*/);
    expect(exposed).toContain("retry-after");
  });

  it("refuses strangers and malformed records", async () => {
    expect((await post(toRelayRecord({ call: makeCall(2), engagementId: undefined, properties: {} }), "guess")).status).toBe(401);
    expect((await post({ version: 1, call: {} })).status).toBe(400);
  });

  it("marks a recording ready and maps a legacy engagement update", async () => {
    const existing = store.seed({ hs_timestamp: "1" });
    const headers = { authorization: "Bearer example-secret", "content-type": "application/json" };
    const ready = await fetch(`${url}/hubspot/calls/${existing.id}/recording-ready`, { method: "POST", headers });
    expect(ready.status).toBe(204);
    expect(store.recordingsReady).toEqual([Number(existing.id)]);
    const legacy = await fetch(`${url}/legacy/engagements/${existing.id}`, {
      method: "PATCH",
      headers,
      body: JSON.stringify({ engagement: { timestamp: 1_700_000_000_000 }, metadata: { body: "Ported", durationMilliseconds: 5_000 } }),
    });
    expect(legacy.status).toBe(204);
    expect(store.calls.get(existing.id)?.properties).toMatchObject({ hs_call_body: "Ported", hs_call_duration: "5000" });
    const invalid = await fetch(`${url}/legacy/engagements/${existing.id}`, {
      method: "PATCH",
      headers,
      body: JSON.stringify({ metadata: { recordingUrl: "http://insecure" } }),
    });
    expect(invalid.status).toBe(400);
  });
});
