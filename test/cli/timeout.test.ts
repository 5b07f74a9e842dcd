import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startFakeHubSpot, type FakeHubSpot } from "../support/fakeHubSpot/server";
import { createSettingsRoutes } from "../support/fakeHubSpot/settingsRoutes";
import { buildCli, type BuiltCli } from "./support/cliProcess";

const KEY = "dev-key-TIMEOUT-5b2e";
const APP = "777002";

let cli: BuiltCli;
// A real loopback HTTP server that accepts each request and never answers
// (its "hang" fault); the hung connections are cut when it closes.
let silent: FakeHubSpot;

beforeAll(async () => {
  [cli, silent] = await Promise.all([
    buildCli(),
    startFakeHubSpot({ routes: createSettingsRoutes().routes, apiKeys: [KEY] }),
  ]);
});
afterAll(async () => {
  await Promise.all([cli?.remove(), silent?.close()]);
});
beforeEach(() => {
  silent.requests.length = 0;
});

const run = (...args: string[]) => {
  silent.inject({ kind: "hang" });
  return cli.run(args, {
    HUBSPOT_DEVELOPER_API_KEY: KEY,
    HUBSPOT_API_BASE_URL: silent.url,
  });
};

// Every command that sends a request, with what it needs besides --app-id.
const REQUEST_COMMANDS: [string, string[], string][] = [
  ["settings get", [], "reading calling settings"],
  [
    "settings create",
    ["--name", "Acme", "--url", "https://a.example/"],
    "creating calling settings",
  ],
  ["settings update", ["--ready"], "updating calling settings"],
  ["settings delete", [], "deleting calling settings"],
  ["recording-settings get", [], "reading recording settings"],
  [
    "recording-settings create",
    ["--url", "https://a.example/rec/%s"],
    "creating recording settings",
  ],
  [
    "recording-settings update",
    ["--url", "https://a.example/rec/%s"],
    "updating recording settings",
  ],
];

describe("--timeout: a HubSpot that never answers", () => {
  it.each(REQUEST_COMMANDS)("%s gives up and exits 1", async (command, extra, what) => {
    // Long enough for a loaded machine to start the process and write the
    // request before the CLI gives up, so the request does reach the server.
    const result = await run(...command.split(" "), "--app-id", APP, ...extra, "--timeout", "1000");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `error: Timed out after 1000 ms waiting for ${what} of app ${APP}`
    );
    expect(result.stderr).toContain("allow longer with --timeout <ms>");
    expect(result.stdout).toBe("");
    // The request did reach the server: it is the answer that never came.
    // (The server records it once it has read the body, which may be just
    // after the CLI gave up.)
    await vi.waitFor(() => expect(silent.requests).toHaveLength(1));
    expect(result.stderr).not.toContain(KEY);
  });

  it("with --json reports a TIMEOUT error as JSON on stderr", async () => {
    const result = await run("settings", "get", "--app-id", APP, "--timeout", "150", "--json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr)).toEqual({
      error: {
        code: "TIMEOUT",
        message: `Timed out after 150 ms waiting for reading calling settings of app ${APP}`,
        timeoutMs: 150,
      },
    });
    expect(result.stdout).toBe("");
  });

  it.each([["0"], ["-5"], ["1.5"], ["soon"], ["2147483648"]])(
    "--timeout %s is a usage error (exit 2, nothing sent)",
    async (value) => {
      const result = await cli.run(["settings", "get", "--app-id", APP, `--timeout=${value}`], {
        HUBSPOT_DEVELOPER_API_KEY: KEY,
        HUBSPOT_API_BASE_URL: silent.url,
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `option '--timeout <ms>' argument '${value}' is invalid. must be a whole number of milliseconds from 1 to 2147483647`
      );
      expect(silent.requests).toHaveLength(0);
    }
  );
});
