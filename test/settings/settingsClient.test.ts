import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AbortError } from "../../src/errors/abortError";
import { HubSpotApiError } from "../../src/errors/hubSpotApiError";
import { TimeoutError } from "../../src/errors/timeoutError";
import { ValidationError } from "../../src/errors/validationError";
import { createSettingsClient, type SettingsClient } from "../../src/settings/index";
import {
  createSettingsRoutes,
  type FakeSettingsStore,
} from "../support/fakeHubSpot/settingsRoutes";
import { startFakeHubSpot, type FakeHubSpot } from "../support/fakeHubSpot/server";

const API_KEY = "dev-key-7f3a91";
const TOKEN = "oauth-token-5521";
const APP = 424242;
const BASE_SETTINGS = { name: "Acme Phone", url: "https://phone.acme.example/hubspot" };

let server: FakeHubSpot;
let store: FakeSettingsStore;
let client: SettingsClient;

beforeAll(async () => {
  const fake = createSettingsRoutes();
  store = fake.store;
  server = await startFakeHubSpot({
    routes: fake.routes,
    apiKeys: [API_KEY],
    accessTokens: [TOKEN],
  });
  client = createSettingsClient({ apiKey: API_KEY, baseUrl: server.url });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  store.calling.clear();
  store.recording.clear();
  store.channelConnection.clear();
});

const last = () => server.requests[server.requests.length - 1]!;

describe("calling settings", () => {
  it("create sends all nine fields with defaults, the key as hapikey, and returns HubSpot's record", async () => {
    const created = await client.createSettings({ appId: APP, settings: BASE_SETTINGS });
    const request = last();
    expect(request.method).toBe("POST");
    expect(request.path).toBe(`/crm/v3/extensions/calling/${APP}/settings`);
    expect(request.query.get("hapikey")).toBe(API_KEY);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).toEqual({
      name: "Acme Phone",
      url: "https://phone.acme.example/hubspot",
      width: 400,
      height: 600,
      isReady: false,
      supportsCustomObjects: false,
      supportsInboundCalling: false,
      usesCallingWindow: false,
      usesRemote: false,
    });
    expect(created).toMatchObject({ ...BASE_SETTINGS, width: 400, height: 600, isReady: false });
    expect(typeof created.createdAt).toBe("string");
    expect(typeof created.updatedAt).toBe("string");
  });

  it("create keeps the values it is given", async () => {
    await client.createSettings({
      appId: String(APP),
      settings: { ...BASE_SETTINGS, width: 320, height: 560, isReady: true, usesRemote: true },
    });
    expect(last().body).toMatchObject({ width: 320, height: 560, isReady: true, usesRemote: true });
  });

  it("get reads what was stored", async () => {
    await client.createSettings({ appId: APP, settings: BASE_SETTINGS });
    const settings = await client.getSettings({ appId: APP });
    expect(last().method).toBe("GET");
    expect(settings.name).toBe("Acme Phone");
    expect(settings.usesCallingWindow).toBe(false);
  });

  it("update sends only the fields given", async () => {
    await client.createSettings({ appId: APP, settings: BASE_SETTINGS });
    const updated = await client.updateSettings({
      appId: APP,
      settings: { isReady: true, url: "https://v2.acme.example/" },
    });
    expect(last().method).toBe("PATCH");
    expect(last().body).toEqual({ isReady: true, url: "https://v2.acme.example/" });
    expect(updated).toMatchObject({
      name: "Acme Phone",
      isReady: true,
      url: "https://v2.acme.example/",
    });
  });

  it("delete resolves on 204, after which get is a 404 HubSpotApiError", async () => {
    await client.createSettings({ appId: APP, settings: BASE_SETTINGS });
    await expect(client.deleteSettings({ appId: APP })).resolves.toBeUndefined();
    expect(last().method).toBe("DELETE");
    const error = await client.getSettings({ appId: APP }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubSpotApiError);
    const apiError = error as HubSpotApiError;
    expect(apiError.status).toBe(404);
    expect(apiError.code).toBe("HUBSPOT_API_ERROR");
    expect(apiError.category).toBe("OBJECT_NOT_FOUND");
    expect(apiError.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(apiError.message).toContain(`Calling settings for app ${APP} not found`);
  });

  it("a second create surfaces HubSpot's conflict", async () => {
    await client.createSettings({ appId: APP, settings: BASE_SETTINGS });
    await expect(
      client.createSettings({ appId: APP, settings: BASE_SETTINGS }),
    ).rejects.toMatchObject({
      status: 409,
      category: "CONFLICT",
    });
  });
});

describe("recording and channel-connection settings", () => {
  const recordingUrl = "https://api.acme.example/recordings/%s";

  it("recording settings: create, get, update", async () => {
    const created = await client.createRecordingSettings({
      appId: APP,
      settings: { urlToRetrieveAuthedRecording: recordingUrl },
    });
    expect(last().path).toBe(`/crm/v3/extensions/calling/${APP}/settings/recording`);
    expect(last().body).toEqual({ urlToRetrieveAuthedRecording: recordingUrl });
    expect(created.urlToRetrieveAuthedRecording).toBe(recordingUrl);
    const updated = await client.updateRecordingSettings({
      appId: APP,
      settings: { urlToRetrieveAuthedRecording: "https://rec.acme.example/%s" },
    });
    expect(last().method).toBe("PATCH");
    expect(updated.urlToRetrieveAuthedRecording).toBe("https://rec.acme.example/%s");
    expect((await client.getRecordingSettings({ appId: APP })).urlToRetrieveAuthedRecording).toBe(
      "https://rec.acme.example/%s",
    );
  });

  it("channel connection: create defaults isReady to false, update sends the subset, delete", async () => {
    const created = await client.createChannelConnection({
      appId: APP,
      settings: { url: "https://api.acme.example/channel" },
    });
    expect(last().path).toBe(`/crm/v3/extensions/calling/${APP}/settings/channel-connection`);
    expect(last().body).toEqual({ url: "https://api.acme.example/channel", isReady: false });
    expect(created).toMatchObject({ url: "https://api.acme.example/channel", isReady: false });
    await client.updateChannelConnection({ appId: APP, settings: { isReady: true } });
    expect(last().body).toEqual({ isReady: true });
    expect((await client.getChannelConnection({ appId: APP })).isReady).toBe(true);
    await client.deleteChannelConnection({ appId: APP });
    expect(store.channelConnection.has(String(APP))).toBe(false);
  });
});

describe("recordings and inbound calls", () => {
  it("markRecordingReady posts the engagement id as a number", async () => {
    await expect(client.markRecordingReady({ engagementId: "98765" })).resolves.toBeUndefined();
    expect(last().path).toBe("/crm/v3/extensions/calling/recordings/ready");
    expect(last().body).toEqual({ engagementId: 98765 });
    expect(store.readyRecordings).toContain(98765);
  });

  it("submitInboundCall sends numbers as objects and returns the caller-id matches", async () => {
    store.callers.set("+14155550100", [
      {
        callerIdType: "CONTACT",
        objectCoordinates: { objectId: 51, objectTypeId: "0-1", portalId: 62515 },
        firstName: "Ada",
      },
    ]);
    const result = await client.submitInboundCall({
      call: {
        externalCallId: "call-1",
        createEngagement: true,
        engagementProperties: { hs_call_body: "hello" },
        finalCallStatus: "COMPLETED",
        fromNumber: "+14155550100",
        toNumber: { e164Number: "+14155550199", extension: "12" },
        potentialRecipientUserIds: [7],
        callStartedTimestamp: new Date("2026-01-02T03:04:05Z"),
        durationSeconds: 42,
      },
    });
    expect(last().path).toBe("/crm/v3/extensions/calling/inbound-call");
    expect(last().body).toMatchObject({
      fromNumber: { e164Number: "+14155550100" },
      toNumber: { e164Number: "+14155550199", extension: "12" },
      callStartedTimestamp: "2026-01-02T03:04:05.000Z",
      durationSeconds: 42,
    });
    expect(result.callerIdMatches).toEqual([
      {
        callerIdType: "CONTACT",
        objectCoordinates: { objectId: 51, objectTypeId: "0-1", portalId: 62515 },
        firstName: "Ada",
      },
    ]);
  });
});

describe("auth, versions and hosts", () => {
  it("sends an OAuth token as a bearer header and no hapikey", async () => {
    const oauth = createSettingsClient({ accessToken: TOKEN, baseUrl: server.url });
    await oauth.createSettings({ appId: APP, settings: BASE_SETTINGS });
    expect(last().headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(last().query.has("hapikey")).toBe(false);
  });

  it("uses the date-versioned paths with apiVersion 2026-03", async () => {
    const dated = createSettingsClient({
      apiKey: API_KEY,
      baseUrl: `${server.url}/`,
      apiVersion: "2026-03",
    });
    await dated.createSettings({ appId: APP, settings: BASE_SETTINGS });
    expect(last().path).toBe(`/crm/extensions/calling/2026-03/${APP}/settings`);
    await dated.markRecordingReady({ engagementId: 5 });
    expect(last().path).toBe("/crm/extensions/calling/2026-03/recordings/ready");
  });

  it("calls the fetch it is given", async () => {
    const seen: string[] = [];
    const custom = createSettingsClient({
      apiKey: API_KEY,
      baseUrl: server.url,
      fetch: (input, init) => {
        seen.push(`${init.method} ${new URL(input).pathname}`);
        return fetch(input, init);
      },
    });
    await custom.getSettings({ appId: APP }).catch(() => undefined);
    expect(seen).toEqual([`GET /crm/v3/extensions/calling/${APP}/settings`]);
  });

  it.each([
    ["user:password@", "https://admin:pw-SECRET-77@api.example.com", "must not contain credentials"],
    ["a password only", "https://:pw-SECRET-77@api.example.com", "must not contain credentials"],
    ["a query", "https://api.example.com/?portal=1", "must not contain a query"],
    ["an empty query", "https://api.example.com/?", "must not contain a query"],
    ["a fragment", "https://api.example.com/#top", "must not contain a fragment"],
  ])("refuses a baseUrl with %s, without quoting it", (_title, baseUrl, message) => {
    let error: unknown;
    try {
      createSettingsClient({ apiKey: "a", baseUrl });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: "baseUrl", message: expect.stringContaining(message) as string },
    ]);
    expect((error as ValidationError).message).not.toContain("pw-SECRET-77");
    expect((error as ValidationError).message).not.toContain("api.example.com");
  });

  it("keeps a path prefix in baseUrl (a proxy in front of HubSpot)", async () => {
    const proxied = createSettingsClient({ apiKey: API_KEY, baseUrl: `${server.url}/hubspot/` });
    await proxied.getSettings({ appId: APP }).catch(() => undefined);
    expect(last().path).toBe(`/hubspot/crm/v3/extensions/calling/${APP}/settings`);
    expect(last().query.get("hapikey")).toBe(API_KEY);
  });

  it("refuses bad options synchronously", () => {
    expect(() => createSettingsClient({} as never)).toThrow(ValidationError);
    expect(() => createSettingsClient({ apiKey: "a", accessToken: "b" } as never)).toThrow(
      /accessToken/,
    );
    expect(() => createSettingsClient({ apiKey: "a", baseUrl: "http://api.example.com" })).toThrow(
      /baseUrl must use https/,
    );
    expect(() => createSettingsClient({ apiKey: "a", apiVersion: "v4" as never })).toThrow(
      /apiVersion/,
    );
  });
});

describe("input is refused before any request", () => {
  const cases: [string, (c: SettingsClient) => Promise<unknown>, string][] = [
    [
      "http url on a public host",
      (c) =>
        c.createSettings({
          appId: APP,
          settings: { ...BASE_SETTINGS, url: "http://acme.example/" },
        }),
      "url",
    ],
    [
      "a relative url",
      (c) => c.createSettings({ appId: APP, settings: { ...BASE_SETTINGS, url: "/widget" } }),
      "url",
    ],
    [
      "width 0",
      (c) => c.createSettings({ appId: APP, settings: { ...BASE_SETTINGS, width: 0 } }),
      "width",
    ],
    [
      "a fractional height",
      (c) => c.createSettings({ appId: APP, settings: { ...BASE_SETTINGS, height: 1.5 } }),
      "height",
    ],
    [
      "an empty name",
      (c) => c.createSettings({ appId: APP, settings: { ...BASE_SETTINGS, name: "  " } }),
      "name",
    ],
    [
      "a missing url",
      (c) => c.createSettings({ appId: APP, settings: { name: "x" } as never }),
      "url",
    ],
    [
      "an unknown field",
      (c) => c.updateSettings({ appId: APP, settings: { widht: 3 } as never }),
      "widht",
    ],
    ["an empty update", (c) => c.updateSettings({ appId: APP, settings: {} }), "(input)"],
    [
      "a flag that is not a boolean",
      (c) => c.updateSettings({ appId: APP, settings: { isReady: "yes" } as never }),
      "isReady",
    ],
    ["a bad app id", (c) => c.getSettings({ appId: "12abc" }), "appId"],
    [
      "a recording url without %s",
      (c) =>
        c.createRecordingSettings({
          appId: APP,
          settings: { urlToRetrieveAuthedRecording: "https://a.example/rec" },
        }),
      "urlToRetrieveAuthedRecording",
    ],
    [
      "an empty channel update",
      (c) => c.updateChannelConnection({ appId: APP, settings: {} }),
      "(input)",
    ],
    ["a negative engagement id", (c) => c.markRecordingReady({ engagementId: -1 }), "engagementId"],
    ["a bad timeout", (c) => c.getSettings({ appId: APP, timeout: -5 }), "timeout"],
    // setTimeout would fire after 1 ms instead of waiting this long.
    [
      "a timeout longer than a timer can wait",
      (c) => c.getSettings({ appId: APP, timeout: 2 ** 31 }),
      "timeout",
    ],
  ];

  it.each(cases)("%s", async (_title, run, path) => {
    const error = await run(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain(path);
    expect(server.requests).toHaveLength(0);
  });

  it("lists every problem at once", async () => {
    const error = (await client
      .createSettings({ appId: APP, settings: { name: "", url: "ftp://x", width: -1, height: 0 } })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      "height",
      "name",
      "url",
      "width",
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it("an already aborted signal rejects with AbortError and sends nothing", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      client.getSettings({ appId: APP, signal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("HubSpot's failures", () => {
  it("401 for a wrong key, without the key in the message", async () => {
    const wrong = createSettingsClient({ apiKey: "not-the-key-0000", baseUrl: server.url });
    const error = (await wrong
      .getSettings({ appId: APP })
      .catch((e: unknown) => e)) as HubSpotApiError;
    expect(error).toBeInstanceOf(HubSpotApiError);
    expect(error.status).toBe(401);
    expect(error.category).toBe("INVALID_AUTHENTICATION");
    expect(error.retryable).toBe(false);
    expect(error.message).not.toContain("not-the-key-0000");
  });

  it("429 is RATE_LIMITED with policy and Retry-After", async () => {
    server.inject({ kind: "429", policyName: "TEN_SECONDLY_ROLLING", retryAfterSeconds: 2 });
    const error = (await client
      .getSettings({ appId: APP })
      .catch((e: unknown) => e)) as HubSpotApiError;
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.status).toBe(429);
    expect(error.policyName).toBe("TEN_SECONDLY_ROLLING");
    expect(error.retryAfterMs).toBe(2000);
    expect(error.correlationId).toBeTruthy();
    expect(error.retryable).toBe(true);
  });

  it("500 keeps HubSpot's message and is retryable", async () => {
    server.inject({ kind: "500" });
    const error = (await client
      .createSettings({ appId: APP, settings: BASE_SETTINGS })
      .catch((e: unknown) => e)) as HubSpotApiError;
    expect(error.status).toBe(500);
    expect(error.category).toBe("INTERNAL_ERROR");
    expect(error.message).toBe(
      `Creating calling settings of app ${APP} failed (HTTP 500): Internal error`,
    );
    expect(error.retryable).toBe(true);
  });

  it("a dropped connection is a NETWORK_ERROR", async () => {
    server.inject({ kind: "drop" });
    await expect(client.getSettings({ appId: APP })).rejects.toMatchObject({
      code: "NETWORK_ERROR",
      status: 0,
    });
  });

  it("a slow answer past `timeout` rejects with TimeoutError", async () => {
    server.inject({ kind: "slow", delayMs: 1_000 });
    const error = await client.getSettings({ appId: APP, timeout: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(50);
    expect((error as TimeoutError).message).toBe(
      `Timed out after 50 ms waiting for reading calling settings of app ${APP}`,
    );
  });
});

describe("responses are validated", () => {
  it("rejects a success body of the wrong shape", async () => {
    const odd = await startFakeHubSpot({
      routes: [
        {
          method: "GET",
          path: "/crm/v3/extensions/calling/:appId/settings",
          handle: () => ({ status: 200, body: { name: 3, url: "https://x.example/" } }),
        },
      ],
    });
    try {
      const oddClient = createSettingsClient({ apiKey: API_KEY, baseUrl: odd.url });
      const error = (await oddClient
        .getSettings({ appId: 1 })
        .catch((e: unknown) => e)) as HubSpotApiError;
      expect(error).toBeInstanceOf(HubSpotApiError);
      expect(error.status).toBe(200);
      expect(error.message).toMatch(
        /unexpected response \(name is not a string; width is missing; height is missing\)/,
      );
    } finally {
      await odd.close();
    }
  });
});

describe("the fake refuses what HubSpot refuses", () => {
  it("a create without all nine fields is a 400 VALIDATION_ERROR", async () => {
    const response = await fetch(
      `${server.url}/crm/v3/extensions/calling/${APP}/settings?hapikey=${API_KEY}`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(BASE_SETTINGS),
      },
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { category: string; errors: { in: string }[] };
    expect(body.category).toBe("VALIDATION_ERROR");
    expect(body.errors.map((e) => e.in)).toContain("isReady");
  });
});
