/**
 * What `createSettings` and `updateSettings` (and the CLI on top of them)
 * accept before anything is sent. HubSpot's reference types `width` and
 * `height` only as 32-bit integers and gives no limit on `name`; these are
 * this library's bounds for values that can work in HubSpot's call panel,
 * so a typo (`--width 40000`, a pasted paragraph as the name) fails locally
 * with every problem listed instead of reaching HubSpot.
 *
 * @example
 * ```ts
 * CALLING_SETTINGS_LIMITS.maxWidth; // 2000
 * ```
 */
export const CALLING_SETTINGS_LIMITS = {
  /** Narrowest iframe, in pixels. */
  minWidth: 100,
  /** Widest iframe, in pixels. */
  maxWidth: 2_000,
  /** Lowest iframe, in pixels. */
  minHeight: 100,
  /** Tallest iframe, in pixels. */
  maxHeight: 2_000,
  /** Longest provider name, in characters (users pick it from a list of providers). */
  maxNameLength: 100,
  /** Longest widget or recording URL, in characters (a common limit of browsers and proxies). */
  maxUrlLength: 2_048,
} as const;
