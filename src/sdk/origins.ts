/**
 * HubSpot's app origins: the only pages a widget accepts `SYNC` from by
 * default.
 *
 * @example
 * ```ts
 * createCallingClient({
 *   provider,
 *   allowedOrigins: [...HUBSPOT_ORIGINS, "http://localhost:5173"], // + the local playground
 * });
 * ```
 */
export const HUBSPOT_ORIGINS = [
  "https://app.hubspot.com",
  "https://app-eu1.hubspot.com",
  "https://app-na2.hubspot.com",
  "https://app-na3.hubspot.com",
  "https://app-ap1.hubspot.com",
] as const;

/**
 * HubSpot's QA origins (`app.hubspotqa.com` and `app-<hublet>.hubspotqa.com`),
 * for vendors testing against HubSpot's QA environment. Not allowed by default.
 *
 * @example
 * ```ts
 * createCallingClient({ provider, allowedOrigins: [...HUBSPOT_ORIGINS, ...HUBSPOT_QA_ORIGINS] });
 * ```
 */
export const HUBSPOT_QA_ORIGINS: readonly RegExp[] = [/^https:\/\/app(-[a-z]{2,4}\d{0,2})?\.hubspotqa\.com$/];

/**
 * An allowlist entry: an exact origin (`https://app.hubspot.com`; https, or
 * http for localhost) or a pattern that must match the whole origin (as if
 * anchored with `^…$`, whatever its flags).
 *
 * @example
 * ```ts
 * const entries: OriginMatcher[] = ["http://localhost:5173", /^https:\/\/app-\w+\.hubspot\.com$/];
 * ```
 */
export type OriginMatcher = string | RegExp;

/**
 * True when `origin` matches an entry of the allowlist. Exact strings are
 * compared after normalising (lower case, no trailing slash); `"null"`
 * (sandboxed or `srcdoc` frames) never matches a string entry.
 *
 * @example
 * ```ts
 * isAllowedOrigin("https://app-eu1.hubspot.com", HUBSPOT_ORIGINS); // true
 * isAllowedOrigin("https://evil.example", HUBSPOT_ORIGINS); // false
 * ```
 */
export function isAllowedOrigin(origin: string, allowlist: readonly OriginMatcher[]): boolean {
  const normalised = normaliseOrigin(origin);
  if (normalised === "null") return false;
  return allowlist.some((entry) =>
    typeof entry === "string" ? normaliseOrigin(entry) === normalised : matchesWhole(entry, normalised),
  );
}

/**
 * True when `pattern` matches all of `text`, whatever its anchors and flags:
 * `/app\.hubspot\.com/` must not let `https://app.hubspot.com.evil.example`
 * in, and a `g` or `y` flag must not make the answer depend on the last call.
 */
function matchesWhole(pattern: RegExp, text: string): boolean {
  const once = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
  const found = once.exec(text);
  return found !== null && found.index === 0 && found[0].length === text.length;
}

// localhost, 127.0.0.1 and [::1] may use http (local development); nothing else.
const LOCAL_HOST = /^(localhost|127\.0\.0\.1|\[::1\])$/;

/** True for an origin on localhost, 127.0.0.1 or [::1]: local development. */
export function isLocalOrigin(origin: string): boolean {
  return /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(origin);
}

/**
 * Why `entry` cannot be an allowlist entry, or undefined when it can: a
 * string must be exactly an origin (scheme, host, optional port; no path, no
 * wildcard), https except for localhost; a pattern must be a RegExp.
 */
export function originEntryProblem(entry: unknown): string | undefined {
  if (entry instanceof RegExp) return undefined;
  if (typeof entry !== "string") return "expected an origin string or a RegExp";
  if (entry.includes("*")) return `"${entry.slice(0, 100)}" has a wildcard: list each origin, or use a RegExp`;
  let url: URL;
  try {
    url = new URL(entry.trim());
  } catch {
    return `"${entry.slice(0, 100)}" is not an origin (like https://app.hubspot.com)`;
  }
  if (url.origin === "null" || url.origin !== normaliseOrigin(entry)) {
    return `"${entry.slice(0, 100)}" is not just an origin: no path, query, wildcard or credentials (like https://app.hubspot.com)`;
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOCAL_HOST.test(url.hostname))) {
    return `"${entry.slice(0, 100)}" must use https (http only for localhost and 127.0.0.1)`;
  }
  return undefined;
}

/** Lower-cased origin without a trailing slash (`hostUrl` sometimes has one). */
export function normaliseOrigin(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, "");
}
