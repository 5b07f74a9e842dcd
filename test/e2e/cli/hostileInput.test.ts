// The installed CLI (node dist/cli.js, a real process) under input that
// tries to make it leak a secret or drive the user's terminal, and settings
// HubSpot would refuse, which it must refuse before sending anything.
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSettingsRoutes } from "../../support/fakeHubSpot/settingsRoutes";
import { hubspotError, startFakeHubSpot, type FakeHubSpot, type Route } from "../../support/fakeHubSpot/server";

const CLI = resolve(import.meta.dirname, "../../../dist/cli.js");
const KEY = "dev-key-0b7c4e2a-SECRET";
// What an error page or a hostile proxy may put in HubSpot's message text:
// clear the screen, set the window title, a CSI in its one-byte C1 form,
// a carriage return that overwrites the line, a bidi override.
const HOSTILE = "\u001b[2J\u001b]0;pwned\u0007Bad request\r\u009b31m\u202eevil";
const HOSTILE_APP = "666";
const ECHO_APP = "777";

let hubspot: FakeHubSpot;

function run(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? "", HUBSPOT_API_BASE_URL: hubspot.url, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

// Terminal-active characters: C0 controls but \n and \t, DEL, C1, bidi overrides.
// eslint-disable-next-line no-control-regex
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

beforeAll(async () => {
  const settings = createSettingsRoutes();
  const hostile: Route[] = [
    {
      method: "GET",
      path: `/crm/v3/extensions/calling/${HOSTILE_APP}/settings`,
      handle: () => hubspotError(400, HOSTILE, `VALIDATION_ERROR${"\u001b[8m"}`),
    },
    {
      // An error text that repeats the request address, key included.
      method: "GET",
      path: `/crm/v3/extensions/calling/${ECHO_APP}/settings`,
      handle: (request) => hubspotError(404, `No settings at ${request.path}?${request.query.toString()}`, "OBJECT_NOT_FOUND"),
    },
  ];
  hubspot = await startFakeHubSpot({ routes: [...hostile, ...settings.routes] });
});
afterAll(() => hubspot?.close());
beforeEach(() => {
  hubspot.requests.length = 0;
});

describe("the CLI never prints a secret", () => {
  const mistyped = [
    ["--apikey=" + KEY],
    ["--apikey", KEY],
    ["--apiKey=" + KEY],
    ["--api_key", KEY],
    ["--hapikey=" + KEY],
    ["--token=" + KEY],
    ["--token", KEY],
    ["--access-token=" + KEY],
    ["--secret=" + KEY],
  ];
  for (const flag of mistyped) {
    for (const json of [false, true]) {
      it(`refuses ${flag[0]?.split("=")[0]}${flag.length > 1 || flag[0]?.includes("=") ? " <key>" : ""}${json ? " with --json" : ""} without echoing the key`, async () => {
        const result = await run(["settings", "get", "--app-id", "1", ...flag, ...(json ? ["--json"] : [])]);
        expect(result.code).toBe(2);
        expect(result.stdout + result.stderr).not.toContain(KEY);
        expect(result.stderr).toMatch(/unknown option|too many arguments/);
        if (json) expect(() => JSON.parse(result.stderr) as unknown).not.toThrow();
        expect(hubspot.requests).toEqual([]);
      });
    }
  }

  const odd = [
    'key"with\\quotes',
    "key with spaces",
    "kéy-ünïcödé-✓",
    "key\u001b[31m-escape",
    "key&hapikey=x%2F+;",
    "key\ttab",
  ];
  for (const key of odd) {
    for (const json of [false, true]) {
      it(`hides the key ${JSON.stringify(key)} when HubSpot's answer repeats it${json ? " (--json)" : ""}`, async () => {
        const result = await run(["settings", "get", "--app-id", ECHO_APP, `--api-key=${key}`, ...(json ? ["--json"] : [])]);
        expect(result.code).toBe(1);
        expect(hubspot.requests).toHaveLength(1);
        // HubSpot did repeat it; the CLI did not.
        expect(hubspot.requests[0]?.query.get("hapikey")).toBe(key);
        const printed = result.stdout + result.stderr;
        for (const form of [key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key), new URLSearchParams({ k: key }).toString().slice(2)]) {
          expect(printed).not.toContain(form);
        }
        expect(printed).toContain("[redacted]");
      });
    }
  }

  it("hides a key given in the environment", async () => {
    const result = await run(["settings", "get", "--app-id", ECHO_APP], { HUBSPOT_DEVELOPER_API_KEY: KEY });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("[redacted]");
    expect(result.stdout + result.stderr).not.toContain(KEY);
  });
});

describe("the CLI prints HubSpot's text with control characters escaped", () => {
  it("shows escape sequences as text instead of sending them to the terminal", async () => {
    const result = await run(["settings", "get", "--app-id", HOSTILE_APP, "--api-key", KEY]);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(ACTIVE);
    expect(result.stderr).toContain("\\u001b[2J\\u001b]0;pwned\\u0007Bad request\\u000d\\u009b31m\\u202eevil");
    expect(result.stderr).toContain("category: VALIDATION_ERROR\\u001b[8m");
  });

  it("keeps --json output parseable and faithful to HubSpot's text", async () => {
    const result = await run(["settings", "get", "--app-id", HOSTILE_APP, "--api-key", KEY, "--json"]);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(ACTIVE);
    const report = JSON.parse(result.stderr) as { error: { message: string; status: number } };
    expect(report.error.status).toBe(400);
    expect(report.error.message).toContain(HOSTILE);
  });
});

describe("the CLI refuses locally what HubSpot would refuse", () => {
  const create = (...extra: string[]) =>
    run(["settings", "create", "--app-id", "42", "--api-key", KEY, "--name", "Acme Phone", "--url", "https://phone.acme.example/", ...extra]);

  const refused: [string, string[], RegExp][] = [
    ["a width above 2000 px", ["--width", "40000"], /width: must be a whole number of pixels from 100 to 2000/],
    ["a width below 100 px", ["--width", "10"], /width: must be a whole number of pixels from 100 to 2000/],
    ["a height above 2000 px", ["--height", "99999999999"], /height: must be a whole number of pixels from 100 to 2000/],
    ["a name over 100 characters", ["--name", "A".repeat(101)], /name: must be at most 100 characters \(got 101\)/],
    ["a name with control characters", ["--name", "Acme\u001b[2J"], /name: must not contain control characters/],
    ["a widget URL with credentials", ["--url", "https://admin:s3cr3t-pw@phone.acme.example/"], /url: must not contain credentials/],
    ["a widget URL over 2048 characters", ["--url", `https://phone.acme.example/${"a".repeat(2_048)}`], /url: must be at most 2048 characters/],
  ];
  for (const [what, flags, message] of refused) {
    it(`refuses ${what} with exit code 2 and sends nothing`, async () => {
      const result = await create(...flags);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout + result.stderr).not.toContain("s3cr3t-pw");
      expect(hubspot.requests).toEqual([]);
    });
  }

  it("refuses the same on update", async () => {
    const result = await run(["settings", "update", "--app-id", "42", "--api-key", KEY, "--width", "0", "--url", "https://u:p@x.example/"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/width: must be a whole number/);
    expect(result.stderr).toMatch(/url: must not contain credentials/);
    expect(hubspot.requests).toEqual([]);
  });

  it("sends settings within the limits", async () => {
    const result = await create("--width", "2000", "--height", "100", "--name", "A".repeat(100), "--json");
    expect(result.code).toBe(0);
    expect(hubspot.requests).toHaveLength(1);
  });
});
