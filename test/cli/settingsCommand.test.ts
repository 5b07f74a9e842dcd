import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createSettingsRoutes,
  type FakeSettingsStore,
} from "../support/fakeHubSpot/settingsRoutes";
import { startFakeHubSpot, type FakeHubSpot } from "../support/fakeHubSpot/server";
import { buildCli, type BuiltCli, type CliRun } from "./support/cliProcess";

const KEY = "dev-key-SECRET-93f1c2";
const APP = "777001";
const SETTINGS_PATH = `/crm/v3/extensions/calling/${APP}/settings`;

let cli: BuiltCli;
let server: FakeHubSpot;
let store: FakeSettingsStore;

beforeAll(async () => {
  const fake = createSettingsRoutes();
  store = fake.store;
  [cli, server] = await Promise.all([
    buildCli(),
    startFakeHubSpot({ routes: fake.routes, apiKeys: [KEY] }),
  ]);
});
afterAll(async () => {
  await Promise.all([cli?.remove(), server?.close()]);
});
beforeEach(() => {
  server.requests.length = 0;
  store.calling.clear();
});

/** Runs the CLI with the key and host from the environment, like CI would. */
const run = (...args: string[]) =>
  cli.run(args, { HUBSPOT_DEVELOPER_API_KEY: KEY, HUBSPOT_API_BASE_URL: server.url });

const seed = () =>
  store.calling.set(APP, {
    name: "Acme Phone",
    url: "https://phone.acme.example/",
    width: 400,
    height: 600,
    isReady: false,
    supportsCustomObjects: false,
    supportsInboundCalling: true,
    usesCallingWindow: false,
    usesRemote: false,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  });

function expectNoKey(result: CliRun) {
  expect(result.stdout + result.stderr).not.toContain(KEY);
}

describe("settings create", () => {
  it("sends all nine fields with defaults and prints the result", async () => {
    const result = await run(
      "settings",
      "create",
      "--app-id",
      APP,
      "--name",
      "Acme Phone",
      "--url",
      "https://phone.acme.example/",
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Created calling settings of app ${APP}`);
    expect(result.stdout).toMatch(/size\s+400 x 600 px/);
    expect(result.stdout).toMatch(/ready\s+no \(hidden from users\)/);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe(SETTINGS_PATH);
    expect(request?.query.get("hapikey")).toBe(KEY);
    expect(request?.body).toEqual({
      name: "Acme Phone",
      url: "https://phone.acme.example/",
      width: 400,
      height: 600,
      isReady: false,
      supportsCustomObjects: false,
      supportsInboundCalling: false,
      usesCallingWindow: false,
      usesRemote: false,
    });
    expectNoKey(result);
  });

  it("maps every flag to its field", async () => {
    const result = await run(
      "settings",
      "create",
      "--app-id",
      APP,
      "--name",
      "Acme",
      "--url",
      "http://localhost:5174/",
      "--width",
      "320",
      "--height",
      "560",
      "--ready",
      "--inbound",
      "--calling-window",
      "--remote",
      "--custom-objects",
    );
    expect(result.code).toBe(0);
    expect(server.requests[0]?.body).toEqual({
      name: "Acme",
      url: "http://localhost:5174/",
      width: 320,
      height: 560,
      isReady: true,
      supportsCustomObjects: true,
      supportsInboundCalling: true,
      usesCallingWindow: true,
      usesRemote: true,
    });
  });
});

describe("settings get, update, delete", () => {
  it("get --json prints HubSpot's record as JSON", async () => {
    seed();
    const result = await run("settings", "get", "--app-id", APP, "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(store.calling.get(APP));
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${SETTINGS_PATH}`]);
  });

  it("get prints readable text by default", async () => {
    seed();
    const result = await run("settings", "get", "--app-id", APP);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Calling settings of app ${APP}`);
    expect(result.stdout).toMatch(/url\s+https:\/\/phone\.acme\.example\//);
    expect(result.stdout).toMatch(/inbound calling\s+yes/);
  });

  it("update sends only the options given", async () => {
    seed();
    const result = await run(
      "settings",
      "update",
      "--app-id",
      APP,
      "--not-ready",
      "--no-inbound",
      "--url",
      "https://v2.acme.example/",
      "--json",
    );
    expect(result.code).toBe(0);
    expect(server.requests[0]?.method).toBe("PATCH");
    expect(server.requests[0]?.body).toEqual({
      url: "https://v2.acme.example/",
      isReady: false,
      supportsInboundCalling: false,
    });
    expect(JSON.parse(result.stdout)).toMatchObject({
      name: "Acme Phone",
      supportsInboundCalling: false,
    });
  });

  it("update --ready flips the app live", async () => {
    seed();
    const result = await run("settings", "update", "--app-id", APP, "--ready");
    expect(result.code).toBe(0);
    expect(server.requests[0]?.body).toEqual({ isReady: true });
    expect(result.stdout).toMatch(/ready\s+yes \(visible to users\)/);
  });

  it("delete removes the settings", async () => {
    seed();
    const result = await run("settings", "delete", "--app-id", APP, "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ appId: APP, deleted: true });
    expect(server.requests[0]?.method).toBe("DELETE");
    expect(store.calling.has(APP)).toBe(false);
    const human = await run("settings", "delete", "--app-id", APP);
    expect(human.code).toBe(1);
  });
});

describe("HubSpot and network errors exit 1 with HubSpot's message and correlationId", () => {
  it("404", async () => {
    const result = await run("settings", "get", "--app-id", APP);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`Calling settings for app ${APP} not found`);
    expect(result.stderr).toMatch(/correlationId: [0-9a-f-]{36}/);
    expect(result.stderr).toContain("category: OBJECT_NOT_FOUND");
    expectNoKey(result);
  });

  it("404 with --json reports a JSON error on stderr", async () => {
    const result = await run("settings", "get", "--app-id", APP, "--json");
    expect(result.code).toBe(1);
    const { error } = JSON.parse(result.stderr) as { error: Record<string, unknown> };
    expect(error).toMatchObject({
      code: "HUBSPOT_API_ERROR",
      status: 404,
      category: "OBJECT_NOT_FOUND",
    });
    expect(error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("401 for a wrong key, which is never printed", async () => {
    const wrongKey = "wrong-key-SECRET-0042";
    const result = await cli.run([
      "settings",
      "get",
      "--app-id",
      APP,
      "--api-key",
      wrongKey,
      "--base-url",
      server.url,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Authentication credentials not found");
    expect(result.stderr).toMatch(/correlationId: [0-9a-f-]{36}/);
    expect(result.stdout + result.stderr).not.toContain(wrongKey);
    expect(server.requests[0]?.query.get("hapikey")).toBe(wrongKey);
  });

  it("429 with the policy and when to retry", async () => {
    server.inject({ kind: "429", retryAfterSeconds: 2 });
    const result = await run("settings", "get", "--app-id", APP);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("You have reached your ten_secondly_rolling limit.");
    expect(result.stderr).toMatch(/correlationId: [0-9a-f-]{36}/);
    expect(result.stderr).toContain("rate-limit policy: TEN_SECONDLY_ROLLING");
    expect(result.stderr).toContain("retry after: 2 s");
    expectNoKey(result);
  });

  it("500", async () => {
    server.inject({ kind: "500" });
    const result = await run(
      "settings",
      "create",
      "--app-id",
      APP,
      "--name",
      "A",
      "--url",
      "https://a.example/",
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `Creating calling settings of app ${APP} failed (HTTP 500): Internal error`,
    );
    expect(result.stderr).toMatch(/correlationId: [0-9a-f-]{36}/);
    expectNoKey(result);
  });

  it("an unreachable host", async () => {
    // A port that was just listening and is now closed: connection refused.
    const gone = await startFakeHubSpot({ routes: [] });
    await gone.close();
    const result = await cli.run(["settings", "get", "--app-id", APP], {
      HUBSPOT_DEVELOPER_API_KEY: KEY,
      HUBSPOT_API_BASE_URL: gone.url,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `Reading calling settings of app ${APP} failed: HubSpot could not be reached (fetch failed: ECONNREFUSED)`,
    );
    expectNoKey(result);
  });
});

describe("bad usage and invalid input exit 2 and send nothing", () => {
  const cases: [string, string[], RegExp][] = [
    [
      "an http url on a public host",
      ["settings", "create", "--app-id", APP, "--name", "A", "--url", "http://acme.example/"],
      /url: must use https:/,
    ],
    [
      "width 0",
      [
        "settings",
        "create",
        "--app-id",
        APP,
        "--name",
        "A",
        "--url",
        "https://a.example/",
        "--width",
        "0",
      ],
      /width: must be a whole number of pixels from 100 to 2000/,
    ],
    [
      "a width that is not a number",
      [
        "settings",
        "create",
        "--app-id",
        APP,
        "--name",
        "A",
        "--url",
        "https://a.example/",
        "--width",
        "wide",
      ],
      /--width <n>' argument 'wide' is invalid\. must be a positive integer/,
    ],
    [
      "an empty name",
      ["settings", "create", "--app-id", APP, "--name", "", "--url", "https://a.example/"],
      /name: must be a non-empty string/,
    ],
    [
      "a missing --name",
      ["settings", "create", "--app-id", APP, "--url", "https://a.example/"],
      /required option '--name <name>' not specified/,
    ],
    ["a missing --app-id", ["settings", "get"], /required option '--app-id <id>' not specified/],
    [
      "a bad app id",
      ["settings", "get", "--app-id", "my-app"],
      /appId: must be a positive integer id/,
    ],
    [
      "an update with nothing to change",
      ["settings", "update", "--app-id", APP],
      /must set at least one of/,
    ],
    [
      "--ready with --not-ready",
      ["settings", "update", "--app-id", APP, "--ready", "--not-ready"],
      /cannot be used with option '--ready'/,
    ],
    [
      "an unknown option",
      ["settings", "get", "--app-id", APP, "--colour"],
      /unknown option '--colour'/,
    ],
    ["an unknown command", ["settings", "list"], /unknown command 'list'/],
    [
      "an unknown API version",
      ["settings", "get", "--app-id", APP, "--api-version", "v9"],
      /Allowed choices are v3, 2026-03/,
    ],
    [
      "a plain-http remote API host",
      ["settings", "get", "--app-id", APP, "--base-url", "http://api.acme.example"],
      /baseUrl: must use https:/,
    ],
    ["no command at all", [], /Usage: hubspot-calling-kit/],
  ];

  it.each(cases)("%s", async (_title, args, message) => {
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(server.requests).toHaveLength(0);
    expectNoKey(result);
  });

  it("no API key anywhere", async () => {
    const result = await cli.run(["settings", "get", "--app-id", APP, "--base-url", server.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "--api-key: is required: pass --api-key <key> or set HUBSPOT_DEVELOPER_API_KEY",
    );
    expect(server.requests).toHaveLength(0);
  });

  it("a key passed on the command line is hidden even in usage errors", async () => {
    // Commander echoes an unknown command's name: here, the key pasted by mistake.
    const result = await cli.run(["settings", KEY, "--api-key", KEY]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command '[redacted]'");
    expectNoKey(result);
    expect(server.requests).toHaveLength(0);
  });
});

describe("with --json, usage errors are JSON on stderr too (exit 2, nothing sent)", () => {
  const create = ["settings", "create", "--app-id", APP, "--name", "A", "--url", "https://a.example/"];
  const cases: [string, string[], string][] = [
    [
      "a missing --app-id",
      ["settings", "get"],
      "required option '--app-id <id>' not specified",
    ],
    [
      "a width that is not a number",
      [...create, "--width", "wide"],
      "option '--width <n>' argument 'wide' is invalid. must be a positive integer",
    ],
    [
      "an unknown API version",
      ["settings", "get", "--app-id", APP, "--api-version", "v4"],
      "option '--api-version <version>' argument 'v4' is invalid. Allowed choices are v3, 2026-03.",
    ],
    [
      "a bad --timeout",
      ["recording-settings", "get", "--app-id", APP, "--timeout", "soon"],
      "option '--timeout <ms>' argument 'soon' is invalid. must be a whole number of milliseconds from 1 to 2147483647",
    ],
    [
      "an unknown option",
      ["settings", "get", "--app-id", APP, "--colour"],
      "unknown option '--colour'",
    ],
  ];

  it.each(cases)("%s", async (_title, args, message) => {
    const result = await run(...args, "--json");
    expect(result.code).toBe(2);
    // Only the JSON document: no "(add --help for usage)", no help screen.
    expect(JSON.parse(result.stderr)).toEqual({ error: { code: "INVALID_INPUT", message } });
    expect(result.stdout).toBe("");
    expect(server.requests).toHaveLength(0);
  });

  it("keeps a key passed on the command line hidden", async () => {
    const result = await cli.run(["settings", KEY, "--api-key", KEY, "--json"]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr)).toEqual({
      error: { code: "INVALID_INPUT", message: "unknown command '[redacted]'" },
    });
    expectNoKey(result);
  });

  it("a --json after -- is an argument, not the flag", async () => {
    const result = await run("settings", "get", "--app-id", APP, "--", "--json");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: too many arguments/);
  });
});

describe("a base URL with credentials, a query or a fragment is refused (exit 2, nothing sent)", () => {
  const PASSWORD = "pw-SECRET-4410";
  const withCredentials = () => server.url.replace("http://", `http://admin:${PASSWORD}@`);
  const cases: [string, () => string, string][] = [
    ["user:password@", withCredentials, "baseUrl: must not contain credentials (user:password@)"],
    ["a query", () => `${server.url}/?portal=1`, "baseUrl: must not contain a query (?...)"],
    ["a fragment", () => `${server.url}/#x`, "baseUrl: must not contain a fragment (#...)"],
  ];

  it.each(cases)("%s", async (_title, url, message) => {
    const result = await run("settings", "get", "--app-id", APP, "--base-url", url());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain(PASSWORD);
    expect(server.requests).toHaveLength(0);
  });

  it("from the environment too, never printing the password, with --json", async () => {
    const result = await cli.run(["settings", "get", "--app-id", APP, "--json"], {
      HUBSPOT_DEVELOPER_API_KEY: KEY,
      HUBSPOT_API_BASE_URL: withCredentials(),
    });
    expect(result.code).toBe(2);
    const { error } = JSON.parse(result.stderr) as { error: { code: string; message: string } };
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toContain("baseUrl must not contain credentials");
    expect(result.stderr).not.toContain(PASSWORD);
    expect(server.requests).toHaveLength(0);
  });
});

describe("credentials and host", () => {
  it("--api-key and --base-url win over the environment", async () => {
    seed();
    const other = await startFakeHubSpot({
      routes: createSettingsRoutes().routes,
      apiKeys: ["flag-key-1"],
    });
    try {
      const result = await cli.run(
        ["settings", "get", "--app-id", APP, "--api-key", "flag-key-1", "--base-url", other.url],
        { HUBSPOT_DEVELOPER_API_KEY: KEY, HUBSPOT_API_BASE_URL: server.url },
      );
      expect(result.code).toBe(1); // the other fake has no settings for the app
      expect(other.requests[0]?.query.get("hapikey")).toBe("flag-key-1");
      expect(server.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it("--api-version 2026-03 uses the date-versioned paths", async () => {
    seed();
    const result = await run("settings", "get", "--app-id", APP, "--api-version", "2026-03");
    expect(result.code).toBe(0);
    expect(server.requests[0]?.path).toBe(`/crm/extensions/calling/2026-03/${APP}/settings`);
  });
});
