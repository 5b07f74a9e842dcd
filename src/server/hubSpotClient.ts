import { AbortError } from "../errors/abortError";
import {
  hubSpotErrorFromResponse,
  networkError,
  readRateLimitHeaders,
} from "../errors/fromHubSpotResponse";
import { HubSpotApiError } from "../errors/hubSpotApiError";
import { TimeoutError } from "../errors/timeoutError";
import { backoffDelay, requestedDelay, type RetryOptions } from "../engagements/outbox/retryPolicy";
import { raceSignal, scopedSignal } from "../internal/anySignal";
import type { RateLimiter, RateLimitSeen } from "./rateLimiter";
import type { ServerClock } from "./serverClock";

// HubSpot's ten-secondly window, when a response names no interval.
const WINDOW_MS = 10_000;

// What an access token may hold: fetch refuses other characters in a header
// with a TypeError that quotes the whole header, token included.
const TOKEN = /^[\x21-\x7e]+$/;

/**
 * Why `token` cannot be sent as a bearer token, or `undefined` when it can.
 * Never quotes the token.
 *
 * @internal
 */
export function accessTokenProblem(token: unknown): string | undefined {
  if (typeof token !== "string") return `must be a string, got ${token === null ? "null" : typeof token}`;
  if (token === "") return "is empty";
  return TOKEN.test(token)
    ? undefined
    : "has characters an HTTP header cannot carry (only printable ASCII without spaces or line breaks is allowed; check for a stray space, newline or quote)";
}

/** @internal */
export interface HubSpotClientOptions {
  baseUrl: string;
  getAccessToken: () => string | Promise<string>;
  fetch: typeof fetch | undefined;
  limiter: RateLimiter;
  clock: ServerClock;
  timeoutMs: number;
  maxAttempts: number;
  retry: RetryOptions;
}

/** @internal */
export interface HubSpotRequest {
  method: "GET" | "POST" | "PATCH";
  path: string;
  body?: unknown;
  /** Names the request in error messages, e.g. "Creating call c-1". */
  what: string;
  signal: AbortSignal;
}

// Failures of requests that had been handed to fetch when they failed
// without a definite answer (no response, a 5xx, an unreadable 2xx, or an
// abort or timeout while waiting): HubSpot may have done the work.
const ambiguous = new WeakSet<object>();

/**
 * True for a failure after which HubSpot may still have done the work: the
 * request was sent (fetch was called) and no definite answer came back (no
 * response, a server error, an unreadable success, an abort or a timeout
 * while waiting). Retrying a create after one needs a lookup.
 *
 * @internal
 */
export function isAmbiguous(error: unknown): boolean {
  return typeof error === "object" && error !== null && ambiguous.has(error);
}

/**
 * Whether the HTTP layer retries: 5xx, network errors and the ten-secondly
 * 429; never a daily 429 (nothing changes until tomorrow) or another 4xx.
 *
 * @internal
 */
export function isRetryableHubSpotError(error: unknown): boolean {
  return error instanceof HubSpotApiError && error.retryable && error.policyName !== "DAILY";
}

/**
 * HubSpot's HTTP API with the rate limiter in front, rate-limit headers read
 * on every answer, errors parsed into HubSpotApiError, and retries.
 *
 * @internal
 */
export function createHubSpotClient(options: HubSpotClientOptions) {
  const { limiter, clock } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, "");

  async function send<T>(request: HubSpotRequest): Promise<T | undefined> {
    const release = await limiter.acquire(request.signal);
    const scope = scopedSignal([request.signal], {
      ms: options.timeoutMs,
      clock,
      reason: () => new TimeoutError(`an answer to "${request.what}"`, options.timeoutMs),
    });
    let sent = false;
    let seen: RateLimitSeen | undefined;
    try {
      const token = await raceSignal(Promise.resolve().then(() => options.getAccessToken()), scope.signal);
      const problem = accessTokenProblem(token);
      if (problem !== undefined) {
        // Refused before sending (nothing was done), and retrying the same
        // token cannot help: like HubSpot's 401 for a bad token, not retried.
        throw new HubSpotApiError(`${request.what} failed: the access token ${problem}; it was not sent`, {
          status: 401,
        });
      }
      let response: Response;
      try {
        sent = true;
        response = await raceSignal(
          (options.fetch ?? globalThis.fetch)(baseUrl + request.path, {
            method: request.method,
            headers: {
              authorization: `Bearer ${token}`,
              accept: "application/json",
              ...(request.body === undefined ? {} : { "content-type": "application/json" }),
            },
            ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
            signal: scope.signal,
          }),
          scope.signal,
        );
      } catch (cause) {
        throw networkError(cause, request.what);
      }
      // What HubSpot counts for this account, every client included: the
      // limiter keeps under it (X-HubSpot-RateLimit-Remaining, on every answer).
      const limit = readRateLimitHeaders(response.headers);
      // A 429 pauses by its own rule below (Retry-After first).
      if (limit.remaining !== undefined && response.status !== 429) {
        seen = { remaining: limit.remaining, intervalMs: limit.intervalMs ?? WINDOW_MS };
      }
      if (!response.ok) {
        const error = await raceSignal(hubSpotErrorFromResponse(response, request.what), scope.signal);
        // Retry-After, else the window named in the headers (parsed there).
        if (error.status === 429 && error.policyName !== "DAILY") {
          limiter.pause(error.retryAfterMs ?? WINDOW_MS);
        }
        // A 4xx is a definite answer: nothing was done.
        if (error.status < 500) sent = false;
        throw error;
      }
      let text: string;
      try {
        text = await raceSignal(response.text(), scope.signal);
      } catch (cause) {
        throw networkError(cause, request.what);
      }
      if (text === "") return undefined;
      try {
        return JSON.parse(text) as T;
      } catch (cause) {
        // HubSpot answered but what it did is unknown: treat like no answer.
        throw new HubSpotApiError(`${request.what} failed: HubSpot's answer was not JSON`, { status: 0, cause });
      }
    } catch (thrown) {
      const error = request.signal.aborted
        ? new AbortError(request.what, request.signal.reason)
        : scope.signal.aborted && !(thrown instanceof HubSpotApiError)
          ? networkError(scope.signal.reason, request.what)
          : thrown;
      if (sent && typeof error === "object" && error !== null) ambiguous.add(error);
      throw error;
    } finally {
      scope.dispose();
      release(seen);
    }
  }

  /**
   * Runs `operation` until it succeeds, it fails with an error that is not
   * worth retrying, or `maxAttempts` is reached. A 429 waits in the limiter
   * (paused by `send`); other failures back off with full jitter.
   */
  async function retrying<T>(
    signal: AbortSignal,
    operation: () => Promise<T>,
    canRetry: (error: unknown) => boolean = isRetryableHubSpotError,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await operation();
      } catch (error) {
        if (attempt >= options.maxAttempts || signal.aborted || !canRetry(error)) throw error;
        const rateLimited = (error as HubSpotApiError).status === 429;
        const delay = rateLimited ? 0 : Math.max(backoffDelay(attempt, options.retry), requestedDelay(error));
        if (delay > 0) await clock.sleep(delay, signal);
      }
    }
  }

  return { send, retrying };
}

/** @internal */
export type HubSpotClient = ReturnType<typeof createHubSpotClient>;
