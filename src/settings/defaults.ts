import type { CallingSettingsFields } from "./types";

/**
 * The values `createSettings` sends for fields it was not given: a
 * 400 x 600 iframe, hidden from users (`isReady: false`), no optional feature.
 *
 * @example
 * ```ts
 * CALLING_SETTINGS_DEFAULTS.width; // 400
 * ```
 */
export const CALLING_SETTINGS_DEFAULTS = {
  /** Iframe width in pixels. */
  width: 400,
  /** Iframe height in pixels. */
  height: 600,
  /** Hidden from users until you flip it. */
  isReady: false,
  /** Not offered on custom object records. */
  supportsCustomObjects: false,
  /** No inbound calls. */
  supportsInboundCalling: false,
  /** Runs in the call widget, not the separate calling window. */
  usesCallingWindow: false,
  /** Not opened from the calling remote. */
  usesRemote: false,
} as const satisfies Omit<CallingSettingsFields, "name" | "url">;
