import { ValidationError, type ValidationIssue } from "../errors/validationError";
import { isSettingsApiVersion, type SettingsApiVersion } from "./apiVersions";
import { isRecord, urlProblem } from "./checks";
import type { Credentials, FetchLike } from "./settingsRequest";

/**
 * HubSpot's API host, the default `baseUrl`.
 *
 * @example
 * ```ts
 * HUBSPOT_API_BASE_URL; // "https://api.hubapi.com"
 * ```
 */
export const HUBSPOT_API_BASE_URL = "https://api.hubapi.com";

/**
 * Options of {@link createSettingsClient} besides the credentials.
 *
 * @example
 * ```ts
 * const options: SettingsClientBaseOptions = { baseUrl: "http://localhost:8787", apiVersion: "2026-03" };
 * ```
 */
export interface SettingsClientBaseOptions {
  /**
   * The API host: `https:` (or `http:` on localhost), optionally with a path
   * prefix; no query, fragment or `user:password@` (refused with
   * `ValidationError`). Default {@link HUBSPOT_API_BASE_URL}.
   */
  baseUrl?: string;
  /** The `fetch` to use. Default: the global `fetch`, looked up at each request. */
  fetch?: FetchLike;
  /** Which endpoint paths to call. Default `"v3"`. */
  apiVersion?: SettingsApiVersion;
}

/**
 * Authenticate with your developer account's API key, sent as the `hapikey`
 * query parameter. Keep it on servers and in CI; never ship it to browsers.
 *
 * @example
 * ```ts
 * createSettingsClient({ apiKey: process.env.HUBSPOT_DEVELOPER_API_KEY! });
 * ```
 */
export interface ApiKeyCredentials {
  /** The developer API key. */
  apiKey: string;
  /** Not allowed together with `apiKey`. */
  accessToken?: undefined;
}

/**
 * Authenticate with an OAuth access token (scopes `developers-read` /
 * `developers-write`), sent as a bearer `Authorization` header.
 *
 * @example
 * ```ts
 * createSettingsClient({ accessToken: token });
 * ```
 */
export interface AccessTokenCredentials {
  /** The OAuth access token. */
  accessToken: string;
  /** Not allowed together with `accessToken`. */
  apiKey?: undefined;
}

/**
 * Options of {@link createSettingsClient}: exactly one credential, plus
 * {@link SettingsClientBaseOptions}.
 *
 * @example
 * ```ts
 * const options: SettingsClientOptions = { apiKey, baseUrl: "https://api.hubapi.com" };
 * ```
 */
export type SettingsClientOptions = SettingsClientBaseOptions &
  (ApiKeyCredentials | AccessTokenCredentials);

function credentialsFrom(options: Record<string, unknown>, issues: ValidationIssue[]): Credentials {
  const { apiKey, accessToken } = options;
  if (apiKey !== undefined && accessToken !== undefined) {
    issues.push({ path: "apiKey", message: "cannot be given together with accessToken" });
  } else if (typeof apiKey === "string" && apiKey.trim() !== "") {
    return { kind: "apiKey", apiKey };
  } else if (typeof accessToken === "string" && accessToken.trim() !== "") {
    return { kind: "accessToken", accessToken };
  } else {
    issues.push({ path: "apiKey", message: "or accessToken is required (a non-empty string)" });
  }
  return { kind: "apiKey", apiKey: "" };
}

/**
 * What is wrong with `value` as the API host, or undefined. Request paths are
 * appended to it, so a query or fragment would swallow them, and fetch refuses
 * credentials in a URL with a message that repeats them: all three are refused
 * here, before any request, without quoting the URL.
 */
function baseUrlProblem(value: unknown): string | undefined {
  const problem = urlProblem(value);
  if (problem) return problem;
  const text = value as string;
  const url = new URL(text);
  if (url.username !== "" || url.password !== "") {
    return "must not contain credentials (user:password@); pass apiKey or accessToken instead";
  }
  if (url.search !== "" || text.includes("?")) return "must not contain a query (?...)";
  if (url.hash !== "" || text.includes("#")) return "must not contain a fragment (#...)";
  return undefined;
}

/** @internal Options checked, defaults filled in. */
export interface ResolvedClientOptions {
  credentials: Credentials;
  baseUrl: string;
  fetch: FetchLike;
  apiVersion: SettingsApiVersion;
}

/**
 * @internal Checks the options of `createSettingsClient` (they may come from
 * plain JS or environment variables) and fills in defaults; throws one
 * ValidationError listing every problem.
 */
export function resolveClientOptions(options: unknown): ResolvedClientOptions {
  const input = isRecord(options) ? options : {};
  const issues: ValidationIssue[] = [];
  const credentials = credentialsFrom(input, issues);
  const baseUrl = input.baseUrl ?? HUBSPOT_API_BASE_URL;
  const baseProblem = baseUrlProblem(baseUrl);
  if (baseProblem) issues.push({ path: "baseUrl", message: baseProblem });
  const apiVersion = input.apiVersion ?? "v3";
  if (!isSettingsApiVersion(apiVersion)) {
    issues.push({ path: "apiVersion", message: 'must be "v3" or "2026-03"' });
  }
  if (input.fetch !== undefined && typeof input.fetch !== "function") {
    issues.push({ path: "fetch", message: "must be a function" });
  }
  if (issues.length > 0) throw new ValidationError("settings client options", issues);
  const custom = input.fetch as FetchLike | undefined;
  return {
    credentials,
    baseUrl: baseUrl as string,
    // Look the global up per request so tests and polyfills can replace it.
    fetch: custom ?? ((url, init) => globalThis.fetch(url, init)),
    apiVersion: apiVersion as SettingsApiVersion,
  };
}
