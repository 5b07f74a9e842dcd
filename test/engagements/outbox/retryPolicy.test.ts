import { describe, expect, it } from "vitest";
import { backoffDelay, isRetryableError, requestedDelay } from "../../../src/engagements/outbox/retryPolicy";
import { RelayError } from "../../../src/errors/relayError";
import { HubSpotApiError } from "../../../src/errors/hubSpotApiError";
import { TimeoutError } from "../../../src/errors/timeoutError";
import { ValidationError } from "../../../src/errors/validationError";

describe("backoffDelay", () => {
  it("doubles the ceiling per attempt and applies full jitter", () => {
    const top = (attempt: number) => backoffDelay(attempt, { baseDelayMs: 100, maxDelayMs: 10_000, random: () => 0.999_999 });
    expect([1, 2, 3, 4].map(top)).toEqual([99, 199, 399, 799]);
    expect(backoffDelay(3, { baseDelayMs: 100, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { baseDelayMs: 100, random: () => 0.5 })).toBe(200);
  });

  it("never exceeds maxDelayMs, however many attempts", () => {
    for (const attempt of [10, 50, 1_000, 10_000]) {
      expect(backoffDelay(attempt, { baseDelayMs: 1_000, maxDelayMs: 60_000, random: () => 0.999_999 })).toBeLessThan(60_000);
    }
  });

  it("spreads retries of clients that failed together", () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(5, { baseDelayMs: 1_000 })));
    expect(delays.size).toBeGreaterThan(25);
  });
});

describe("isRetryableError", () => {
  it("believes errors that say whether they are retryable", () => {
    expect(isRetryableError(new RelayError("x", { status: 503 }))).toBe(true);
    expect(isRetryableError(new RelayError("x", { status: 0 }))).toBe(true);
    expect(isRetryableError(new RelayError("x", { status: 409 }))).toBe(true);
    expect(isRetryableError(new RelayError("x", { status: 400 }))).toBe(false);
    expect(isRetryableError(new RelayError("x", { status: 401 }))).toBe(true);
    expect(isRetryableError(new RelayError("x", { status: 403 }))).toBe(true);
    expect(isRetryableError(new RelayError("x", { status: 302 }))).toBe(true);
    expect(isRetryableError(new RelayError("x", { status: 413 }))).toBe(false);
    expect(isRetryableError(new RelayError("x", { status: 200, retryable: true }))).toBe(true);
    expect(isRetryableError(new HubSpotApiError("x", { status: 429 }))).toBe(true);
    expect(isRetryableError(new HubSpotApiError("x", { status: 400 }))).toBe(false);
  });

  it("never retries invalid input and retries unknown failures", () => {
    expect(isRetryableError(new ValidationError("record", [{ path: "a", message: "b" }]))).toBe(false);
    expect(isRetryableError(new TimeoutError("relay", 10))).toBe(true);
    expect(isRetryableError(new TypeError("fetch failed"))).toBe(true);
    expect(isRetryableError("a string")).toBe(true);
    expect(isRetryableError(null)).toBe(true);
  });
});

describe("requestedDelay", () => {
  it("reads retryAfterMs when it is a positive number", () => {
    expect(requestedDelay(new HubSpotApiError("x", { status: 429, retryAfterMs: 1_500 }))).toBe(1_500);
    expect(requestedDelay(new RelayError("x", { status: 503 }))).toBe(0);
    expect(requestedDelay({ retryAfterMs: Number.NaN })).toBe(0);
    expect(requestedDelay(undefined)).toBe(0);
  });

  it("caps a requested wait at one hour", () => {
    expect(requestedDelay({ retryAfterMs: 10 * 365 * 86_400_000 })).toBe(3_600_000);
    expect(requestedDelay({ retryAfterMs: Number.POSITIVE_INFINITY })).toBe(3_600_000);
  });
});
