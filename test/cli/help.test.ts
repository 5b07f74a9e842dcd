import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeHubSpot, type FakeHubSpot } from "../support/fakeHubSpot/server";
import { createSettingsRoutes } from "../support/fakeHubSpot/settingsRoutes";
import { buildCli, type BuiltCli } from "./support/cliProcess";

let cli: BuiltCli;
let server: FakeHubSpot;

beforeAll(async () => {
  [cli, server] = await Promise.all([
    buildCli(),
    startFakeHubSpot({ routes: createSettingsRoutes().routes }),
  ]);
});
afterAll(async () => {
  await Promise.all([cli?.remove(), server?.close()]);
});

const COMMANDS = [
  [],
  ["settings"],
  ["settings", "get"],
  ["settings", "create"],
  ["settings", "update"],
  ["settings", "delete"],
  ["recording-settings"],
  ["recording-settings", "get"],
  ["recording-settings", "create"],
  ["recording-settings", "update"],
  ["local-override"],
];

describe("--help", () => {
  it.each(COMMANDS.map((path) => [path.join(" ") || "(top level)", path] as const))(
    "%s prints its usage and exits 0 without a request",
    async (_title, path) => {
      const result = await cli.run([...path, "--help"], {
        HUBSPOT_DEVELOPER_API_KEY: "k",
        HUBSPOT_API_BASE_URL: server.url,
      });
      expect(result.code).toBe(0);
      expect(
        result.stdout.startsWith(`Usage: hubspot-calling-kit${["", ...path].join(" ")} `),
      ).toBe(true);
      expect(result.stdout).toContain("--help");
      expect(server.requests).toHaveLength(0);
    },
  );

  it("lists the API options on commands that call HubSpot", async () => {
    const result = await cli.run(["settings", "create", "--help"]);
    for (const option of [
      "--app-id <id>",
      "--api-key <key>",
      "--base-url <url>",
      "--timeout <ms>",
      "(default: 30000, i.e. 30 s)",
      "--json",
      "--ready",
      "--inbound",
      "--calling-window",
      "--remote",
      "--custom-objects",
      "HUBSPOT_DEVELOPER_API_KEY",
      "HUBSPOT_API_BASE_URL",
    ]) {
      // Commander wraps long descriptions: compare with the lines joined.
      expect(result.stdout.replace(/\s+/g, " ")).toContain(option);
    }
  });

  it("settings create --help marks --name, --url and --app-id as required, in the usage line and under their own heading", async () => {
    const result = await cli.run(["settings", "create", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("Usage: hubspot-calling-kit settings create --name <name> --url <url> --app-id <id> [options]");
    const required = result.stdout.split("Required options:\n")[1]?.split("\n\n")[0] ?? "";
    const flags = required.split("\n").map((line) => /^ {2}(--[a-z-]+)/.exec(line)?.[1]).filter(Boolean);
    expect(flags).toEqual(["--name", "--url", "--app-id"]);
    // The optional ones stay under "Options:", after the required ones.
    const optional = result.stdout.split("\nOptions:\n")[1] ?? "";
    expect(optional).toContain("--width <n>");
    expect(optional).not.toMatch(/^ {2}--(name|url|app-id)\b/m);
    expect(result.stdout.indexOf("Required options:")).toBeLessThan(result.stdout.indexOf("\nOptions:"));
  });

  it("settings update --help requires only --app-id (every field is optional there)", async () => {
    const result = await cli.run(["settings", "update", "--help"]);
    expect(result.stdout.split("\n")[0]).toBe("Usage: hubspot-calling-kit settings update --app-id <id> [options]");
    const required = result.stdout.split("Required options:\n")[1]?.split("\n\n")[0] ?? "";
    expect(required).toContain("--app-id <id>");
    expect(required).not.toContain("--name");
  });

  it.each(COMMANDS.filter((path) => path.length === 2 && path[0] !== "local-override"))(
    "%s %s takes --timeout",
    async (...path) => {
      const result = await cli.run([...path, "--help"]);
      expect(result.stdout).toMatch(/--timeout <ms>\s+milliseconds to wait for each answer/);
    },
  );

  it("the top-level help explains the exit codes and JSON errors", async () => {
    const result = await cli.run(["--help"]);
    expect(result.stdout).toContain("no answer within --timeout");
    expect(result.stdout).toContain("With --json, errors are printed");
  });

  it("--version prints the package version", async () => {
    const { version } = JSON.parse(
      readFileSync(resolve(import.meta.dirname, "../../package.json"), "utf8"),
    ) as { version: string };
    const result = await cli.run(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });
});
