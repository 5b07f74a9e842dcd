import { describe, expect, it } from "vitest";
import { createCallingClient, createSdkTransport, HUBSPOT_ORIGINS, HUBSPOT_QA_ORIGINS, isAllowedOrigin } from "../../src/index";
import { simulatedProvider } from "../../src/testing/index";

describe("allowedOrigins is checked when the transport is created", () => {
  it.each([
    [["*"], "allowedOrigins[0]"],
    [["https://*.hubspot.com"], "allowedOrigins[0]"],
    [["https://app.hubspot.com/calling"], "not just an origin"],
    [["http://app.hubspot.com"], "must use https"],
    [["app.hubspot.com"], "is not an origin"],
    [[42], "expected an origin string or a RegExp"],
    [[], "non-empty array"],
    ["https://app.hubspot.com", "non-empty array"],
  ])("refuses %j with a ValidationError naming the problem", (allowedOrigins, text) => {
    const attempt = () => createSdkTransport({ allowedOrigins: allowedOrigins as never });
    expect(attempt).toThrow(expect.objectContaining({ code: "INVALID_INPUT", message: expect.stringContaining(text) }));
  });

  it("accepts HubSpot's origins, QA patterns, https origins and http only for localhost", () => {
    for (const allowedOrigins of [
      HUBSPOT_ORIGINS,
      [...HUBSPOT_ORIGINS, ...HUBSPOT_QA_ORIGINS],
      ["https://app.hubspot.com/", "http://localhost:5173", "http://127.0.0.1:5174", "http://[::1]:8080"],
    ]) {
      expect(() => createSdkTransport({ allowedOrigins })).not.toThrow();
    }
  });

  it("createCallingClient() refuses a bad allowlist at once, not by never connecting", () => {
    expect(() => createCallingClient({ provider: simulatedProvider(), allowedOrigins: ["*"], autoStart: false })).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
  });
});

describe("isAllowedOrigin with patterns", () => {
  it("matches the whole origin even when the pattern is not anchored", () => {
    expect(isAllowedOrigin("https://app.hubspot.com", [/app\.hubspot\.com/])).toBe(false);
    expect(isAllowedOrigin("https://app.hubspot.com.evil.example", [/https:\/\/app\.hubspot\.com/])).toBe(false);
    expect(isAllowedOrigin("https://app.hubspot.com", [/https:\/\/app\.hubspot\.com/])).toBe(true);
  });

  it("gives the same answer every time for a pattern with the g or y flag", () => {
    const pattern = /^https:\/\/app\.hubspot\.com$/gy;
    expect([1, 2, 3].map(() => isAllowedOrigin("https://app.hubspot.com", [pattern]))).toEqual([true, true, true]);
  });

  it("accepts HubSpot's QA hublets through HUBSPOT_QA_ORIGINS and nothing around them", () => {
    expect(isAllowedOrigin("https://app-eu1.hubspotqa.com", HUBSPOT_QA_ORIGINS)).toBe(true);
    expect(isAllowedOrigin("https://app-eu1.hubspotqa.com.evil.example", HUBSPOT_QA_ORIGINS)).toBe(false);
  });
});
