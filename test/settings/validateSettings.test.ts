import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors/validationError";
import {
  validateCallingSettings,
  validateCallingSettingsPatch,
  validateChannelConnection,
  validateRecordingSettings,
} from "../../src/settings/validateSettings";

const base = { name: "Acme", url: "https://phone.acme.example/" };

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error("expected a ValidationError");
}

describe("widget url rule", () => {
  it.each([
    "https://phone.acme.example/hubspot",
    "http://localhost:5174/",
    "http://127.0.0.1:8080/widget",
    "http://app.localhost/",
    "http://[::1]:3000/",
  ])("accepts %s", (url) => {
    expect(validateCallingSettings({ ...base, url }).url).toBe(url);
  });

  it.each([
    ["http://acme.example/", "must use https: (http: is allowed only for localhost)"],
    ["http://localhost.acme.example/", "must use https: (http: is allowed only for localhost)"],
    ["ftp://acme.example/", "must use https: (http: is allowed only for localhost)"],
    ["javascript:alert(1)", "must use https: (http: is allowed only for localhost)"],
    ["/widget", "must be an absolute URL, e.g. https://example.com/widget"],
    ["", "must be a URL"],
  ])("refuses %j", (url, message) => {
    expect(issuesOf(() => validateCallingSettings({ ...base, url }))).toEqual([`url: ${message}`]);
  });
});

describe("validateCallingSettings", () => {
  it("fills every default", () => {
    expect(validateCallingSettings(base)).toEqual({
      ...base,
      width: 400,
      height: 600,
      isReady: false,
      supportsCustomObjects: false,
      supportsInboundCalling: false,
      usesCallingWindow: false,
      usesRemote: false,
    });
  });

  it("reports every problem, including unknown fields and missing ones", () => {
    expect(issuesOf(() => validateCallingSettings({ width: "400", extra: 1 }))).toEqual([
      "width: must be a whole number of pixels from 100 to 2000",
      "extra: is not a known field (expected one of name, url, width, height, isReady, supportsCustomObjects, supportsInboundCalling, usesCallingWindow, usesRemote)",
      "name: is required",
      "url: is required",
    ]);
  });

  it("refuses what is not an object", () => {
    expect(issuesOf(() => validateCallingSettings(null))).toEqual(["(input): must be an object"]);
    expect(issuesOf(() => validateCallingSettings(["x"]))).toEqual(["(input): must be an object"]);
  });
});

describe("patches", () => {
  it("returns only the fields given, ignoring undefined ones", () => {
    expect(validateCallingSettingsPatch({ height: 700, name: undefined })).toEqual({ height: 700 });
  });

  it("refuses an empty patch", () => {
    expect(issuesOf(() => validateCallingSettingsPatch({}))[0]).toMatch(
      /^\(input\): must set at least one of/,
    );
  });
});

describe("recording and channel-connection", () => {
  it("requires %s in the recording url", () => {
    expect(
      issuesOf(() =>
        validateRecordingSettings({ urlToRetrieveAuthedRecording: "https://a.example/r" }),
      ),
    ).toEqual([
      "urlToRetrieveAuthedRecording: must contain %s where HubSpot puts the external call id",
    ]);
    expect(
      issuesOf(() =>
        validateRecordingSettings({ urlToRetrieveAuthedRecording: "http://a.example/%s" }),
      ),
    ).toEqual([
      "urlToRetrieveAuthedRecording: must use https: (http: is allowed only for localhost)",
    ]);
  });

  it("defaults a channel connection to not ready", () => {
    expect(validateChannelConnection({ url: "https://a.example/c" })).toEqual({
      url: "https://a.example/c",
      isReady: false,
    });
  });
});
