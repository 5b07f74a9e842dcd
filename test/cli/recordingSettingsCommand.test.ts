import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createSettingsRoutes,
  type FakeSettingsStore,
} from "../support/fakeHubSpot/settingsRoutes";
import { startFakeHubSpot, type FakeHubSpot } from "../support/fakeHubSpot/server";
import { buildCli, type BuiltCli } from "./support/cliProcess";

const KEY = "dev-key-REC-5b7e";
const APP = "880022";
const PATH = `/crm/v3/extensions/calling/${APP}/settings/recording`;
const URL_TEMPLATE = "https://api.acme.example/recordings/%s";

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
  store.recording.clear();
});

const run = (...args: string[]) =>
  cli.run(args, { HUBSPOT_DEVELOPER_API_KEY: KEY, HUBSPOT_API_BASE_URL: server.url });

describe("recording-settings", () => {
  it("create, get and update", async () => {
    const created = await run(
      "recording-settings",
      "create",
      "--app-id",
      APP,
      "--url",
      URL_TEMPLATE,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`Created recording settings of app ${APP}`);
    expect(created.stdout).toContain(URL_TEMPLATE);
    expect(server.requests[0]).toMatchObject({ method: "POST", path: PATH });
    expect(server.requests[0]?.body).toEqual({ urlToRetrieveAuthedRecording: URL_TEMPLATE });

    const read = await run("recording-settings", "get", "--app-id", APP, "--json");
    expect(read.code).toBe(0);
    expect(JSON.parse(read.stdout)).toEqual({ urlToRetrieveAuthedRecording: URL_TEMPLATE });

    const updated = await run(
      "recording-settings",
      "update",
      "--app-id",
      APP,
      "--url",
      "https://rec.acme.example/%s",
    );
    expect(updated.code).toBe(0);
    expect(server.requests[2]).toMatchObject({ method: "PATCH", path: PATH });
    expect(store.recording.get(APP)?.urlToRetrieveAuthedRecording).toBe(
      "https://rec.acme.example/%s",
    );
    expect(created.stdout + read.stdout + updated.stdout).not.toContain(KEY);
  });

  it("get on an app without recording settings exits 1 with HubSpot's message", async () => {
    const result = await run("recording-settings", "get", "--app-id", APP);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Recording settings for app ${APP} not found`);
    expect(result.stderr).toMatch(/correlationId: [0-9a-f-]{36}/);
  });

  it.each([
    [["recording-settings", "create", "--app-id", APP], /required option '--url <url>'/],
    [
      ["recording-settings", "create", "--app-id", APP, "--url", "https://a.example/rec"],
      /urlToRetrieveAuthedRecording: must contain %s/,
    ],
    [
      ["recording-settings", "update", "--app-id", APP, "--url", "http://a.example/%s"],
      /urlToRetrieveAuthedRecording: must use https:/,
    ],
    [["recording-settings", "delete", "--app-id", APP], /unknown command 'delete'/],
  ])("refuses %j with exit 2 and sends nothing", async (args, message) => {
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });
});
