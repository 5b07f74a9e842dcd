import { describe, expect, it } from "vitest";
import {
  hubSpotErrorFromResponse,
  networkError,
  parseRetryAfter,
  readRateLimitHeaders,
} from "../../src/errors/fromHubSpotResponse";
import { HubSpotApiError } from "../../src/errors/hubSpotApiError";

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

describe("hubSpotErrorFromResponse", () => {
  it("keeps HubSpot's message, correlationId and category", async () => {
    const error = await hubSpotErrorFromResponse(
      json(404, {
        status: "error",
        message: "Settings not found",
        correlationId: "c-1",
        category: "OBJECT_NOT_FOUND",
      }),
      "Reading calling settings",
    );
    expect(error).toBeInstanceOf(HubSpotApiError);
    expect(error.code).toBe("HUBSPOT_API_ERROR");
    expect(error.status).toBe(404);
    expect(error.correlationId).toBe("c-1");
    expect(error.category).toBe("OBJECT_NOT_FOUND");
    expect(error.message).toBe("Reading calling settings failed (HTTP 404): Settings not found");
    expect(error.retryable).toBe(false);
  });

  it("appends validation details from `errors`", async () => {
    const error = await hubSpotErrorFromResponse(
      json(400, {
        message: "Invalid input",
        category: "VALIDATION_ERROR",
        errors: [{ message: "name is required", in: "name" }, "junk", { message: 3 }],
      }),
      "Creating calling settings",
    );
    expect(error.message).toContain("Invalid input; name is required");
    expect(error.body?.errors).toEqual([{ message: "name is required", in: "name" }, {}]);
  });

  it("drops fields of the wrong type from the body", async () => {
    const error = await hubSpotErrorFromResponse(
      json(500, { message: 42, correlationId: { nested: true }, category: "INTERNAL_ERROR" }),
      "x",
    );
    expect(error.correlationId).toBeUndefined();
    expect(error.category).toBe("INTERNAL_ERROR");
    expect(error.message).toBe("x failed (HTTP 500): no error message");
    expect(error.retryable).toBe(true);
  });

  it("survives a body that is not JSON", async () => {
    const response = new Response("<html>Bad gateway</html>", {
      status: 502,
      statusText: "Bad Gateway",
    });
    const error = await hubSpotErrorFromResponse(response, "Reading");
    expect(error.status).toBe(502);
    expect(error.body).toBeUndefined();
    expect(error.message).toBe("Reading failed (HTTP 502): Bad Gateway");
  });

  it("makes a 429 RATE_LIMITED with Retry-After in milliseconds", async () => {
    const error = await hubSpotErrorFromResponse(
      json(
        429,
        {
          errorType: "RATE_LIMIT",
          policyName: "TEN_SECONDLY_ROLLING",
          correlationId: "c-2",
          message: "limit",
        },
        { "Retry-After": "3" },
      ),
      "x",
    );
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.policyName).toBe("TEN_SECONDLY_ROLLING");
    expect(error.retryAfterMs).toBe(3000);
  });

  it("falls back to the rate-limit interval header on a 429 without Retry-After", async () => {
    const error = await hubSpotErrorFromResponse(
      json(
        429,
        { policyName: "TEN_SECONDLY_ROLLING" },
        { "X-HubSpot-RateLimit-Interval-Milliseconds": "2500" },
      ),
      "x",
    );
    expect(error.retryAfterMs).toBe(2500);
    const bare = await hubSpotErrorFromResponse(
      json(429, { policyName: "TEN_SECONDLY_ROLLING" }),
      "x",
    );
    expect(bare.retryAfterMs).toBe(10_000);
  });

  it("promises no delay for a daily limit", async () => {
    const error = await hubSpotErrorFromResponse(json(429, { policyName: "DAILY" }), "x");
    expect(error.policyName).toBe("DAILY");
    expect(error.retryAfterMs).toBeUndefined();
  });
});

describe("readRateLimitHeaders", () => {
  it("reads every header that is a number", () => {
    const headers = new Headers({
      "X-HubSpot-RateLimit-Max": "100",
      "X-HubSpot-RateLimit-Remaining": "0",
      "X-HubSpot-RateLimit-Interval-Milliseconds": "10000",
      "X-HubSpot-RateLimit-Daily": "250000",
      "X-HubSpot-RateLimit-Daily-Remaining": "abc",
    });
    expect(readRateLimitHeaders(headers)).toEqual({
      max: 100,
      remaining: 0,
      intervalMs: 10_000,
      daily: 250_000,
    });
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", now)).toBe(0);
  });
});

describe("networkError", () => {
  it("is a NETWORK_ERROR with status 0 that names the underlying reason", () => {
    const inner = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), {
      code: "ECONNREFUSED",
    });
    const cause = new TypeError("fetch failed", { cause: inner });
    const error = networkError(cause, "Reading calling settings");
    expect(error.code).toBe("NETWORK_ERROR");
    expect(error.status).toBe(0);
    expect(error.retryable).toBe(true);
    expect(error.cause).toBe(cause);
    expect(error.message).toBe(
      "Reading calling settings failed: HubSpot could not be reached (fetch failed: ECONNREFUSED)",
    );
  });
});
