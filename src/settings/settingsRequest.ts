// The one place the settings client touches the network. Standard `fetch`
// only (no Node built-ins), so the client runs in browsers as well.
import { AbortError } from "../errors/abortError";
import { hubSpotErrorFromResponse, networkError } from "../errors/fromHubSpotResponse";
import { HubSpotApiError } from "../errors/hubSpotApiError";
import { TimeoutError } from "../errors/timeoutError";
import { ValidationError } from "../errors/validationError";
import type { AbortOptions } from "../internal/abortOptions";
import type { ResponseParser } from "./parseResponses";

/**
 * The `fetch` the settings client calls: the standard signature, narrowed to
 * what it uses. Defaults to the global `fetch`, looked up at each request.
 *
 * @example
 * ```ts
 * const logged: FetchLike = (input, init) => {
 *   console.log(init.method, new URL(input).pathname);
 *   return fetch(input, init);
 * };
 * ```
 */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** @internal How requests are authenticated. */
export type Credentials =
  | { kind: "apiKey"; apiKey: string }
  | { kind: "accessToken"; accessToken: string };

/** @internal */
export interface RequesterConfig {
  credentials: Credentials;
  baseUrl: string;
  fetch: FetchLike;
}

/** @internal One request. */
export interface SettingsRequest<T> extends AbortOptions {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  /** Names the request in error messages, e.g. "Reading calling settings of app 1". */
  what: string;
  body?: unknown;
  /** Reads a success body; without one the body is ignored. */
  parse?: ResponseParser<T>;
}

/** @internal */
export type Requester = <T = undefined>(request: SettingsRequest<T>) => Promise<T>;

/**
 * @internal The longest delay `setTimeout` keeps: a longer one fires almost
 * at once (after 1 ms, with a warning) instead of waiting.
 */
export const MAX_TIMEOUT_MS = 2_147_483_647;

function checkTimeout(timeout: unknown): void {
  if (timeout === undefined) return;
  if (typeof timeout !== "number" || !(timeout > 0) || !Number.isFinite(timeout)) {
    throw new ValidationError("request options", [
      { path: "timeout", message: "must be a positive number of milliseconds" },
    ]);
  }
  if (timeout > MAX_TIMEOUT_MS) {
    throw new ValidationError("request options", [
      { path: "timeout", message: `must be at most ${MAX_TIMEOUT_MS} ms (about 24 days)` },
    ]);
  }
}

/** @internal Sends requests to HubSpot and turns every failure into a typed error. */
export function createRequester(config: RequesterConfig): Requester {
  const base = config.baseUrl.replace(/\/+$/, "");

  const urlFor = (path: string): string => {
    const url = new URL(base + path);
    if (config.credentials.kind === "apiKey")
      url.searchParams.set("hapikey", config.credentials.apiKey);
    return url.toString();
  };

  return async <T>(request: SettingsRequest<T>): Promise<T> => {
    checkTimeout(request.timeout);
    const { signal, timeout, what } = request;
    if (signal?.aborted) throw new AbortError(what, signal.reason);

    const headers: Record<string, string> = { accept: "application/json" };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    if (config.credentials.kind === "accessToken") {
      headers.authorization = `Bearer ${config.credentials.accessToken}`;
    }

    const controller = new AbortController();
    let timedOut = false;
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const timer =
      timeout === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, timeout);
    // Aborts and timeouts surface as the library's own errors, whichever
    // step (connecting or reading the body) they interrupt.
    const failure = (cause: unknown): Error => {
      if (timedOut && timeout !== undefined) {
        // "Timed out after 200 ms waiting for reading calling settings of app 1"
        return new TimeoutError(what.charAt(0).toLowerCase() + what.slice(1), timeout);
      }
      if (signal?.aborted) return new AbortError(what, signal.reason);
      return networkError(cause, what);
    };

    try {
      let response: Response;
      try {
        response = await config.fetch(urlFor(request.path), {
          method: request.method,
          headers,
          ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
          signal: controller.signal,
        });
      } catch (cause) {
        throw failure(cause);
      }
      if (!response.ok) throw await hubSpotErrorFromResponse(response, what);
      let text: string;
      try {
        text = await response.text();
      } catch (cause) {
        throw failure(cause);
      }
      if (!request.parse) return undefined as T;
      return parseBody(text, request.parse, response.status, what);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  };
}

function parseBody<T>(text: string, parse: ResponseParser<T>, status: number, what: string): T {
  const problems: string[] = [];
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    problems.push("the body is not JSON");
  }
  const value = problems.length === 0 ? parse(body, problems) : undefined;
  if (problems.length > 0) {
    throw new HubSpotApiError(
      `${what} failed: HubSpot sent an unexpected response (${problems.join("; ")})`,
      {
        status,
      },
    );
  }
  return value as T;
}
