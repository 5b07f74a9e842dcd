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
 * An allowlist entry: an exact origin (`https://app.hubspot.com`) or a
 * pattern tested against the whole origin.
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
    typeof entry === "string" ? normaliseOrigin(entry) === normalised : entry.test(normalised),
  );
}

/** Lower-cased origin without a trailing slash (`hostUrl` sometimes has one). */
export function normaliseOrigin(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, "");
}
