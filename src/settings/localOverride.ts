// Builds the browser-console snippet that makes HubSpot load a widget from a
// local URL for this browser only (protocol reference, section 9). Pure, so
// the CLI and the playground show the same text.
import { ValidationError, type ValidationIssue } from "../errors/validationError";
import { checkNonEmpty, isRecord, urlProblem } from "./checks";

/**
 * The localStorage keys HubSpot reads local calling settings from: `current`
 * since 2021, `legacy` as shown in HubSpot's older docs.
 *
 * @example
 * ```ts
 * LOCAL_OVERRIDE_KEYS.current; // "LocalSettings:Calling:CallingExtensions"
 * ```
 */
export const LOCAL_OVERRIDE_KEYS = {
  /** The key HubSpot reads today. */
  current: "LocalSettings:Calling:CallingExtensions",
  /** The key of HubSpot's older docs (before 2021). */
  legacy: "LocalSettings:Sales:CallingExtensions",
} as const;

/**
 * Options of {@link buildLocalOverride} that set an override.
 *
 * @example
 * ```ts
 * buildLocalOverride({ name: "Acme (local)", url: "https://localhost:5174/" });
 * ```
 */
export interface LocalOverrideSetOptions {
  /** The provider name HubSpot shows. */
  name: string;
  /** The widget address HubSpot loads: `https:` (or `http:` on localhost). */
  url: string;
  /** Use the older `LocalSettings:Sales:CallingExtensions` key. */
  legacy?: boolean;
  /** Not set: this builds a `setItem` snippet. */
  clear?: false;
}

/**
 * Options of {@link buildLocalOverride} that remove an override.
 *
 * @example
 * ```ts
 * buildLocalOverride({ clear: true });
 * ```
 */
export interface LocalOverrideClearOptions {
  /** Build a `removeItem` snippet. */
  clear: true;
  /** Use the older `LocalSettings:Sales:CallingExtensions` key. */
  legacy?: boolean;
}

/**
 * What {@link buildLocalOverride} returns.
 *
 * @example
 * ```ts
 * const { snippet } = buildLocalOverride({ clear: true });
 * ```
 */
export interface LocalOverride {
  /** The localStorage key. */
  key: string;
  /** The value stored (JSON text), or null when the snippet removes it. */
  value: string | null;
  /** One line to paste into the browser console on a HubSpot page. */
  snippet: string;
}

/**
 * Builds the one-line browser-console snippet that sets (or, with `clear`,
 * removes) HubSpot's local calling settings override. Values are encoded
 * with `JSON.stringify` twice, so quotes or backslashes in a name cannot
 * break out of the string. Throws `ValidationError` for an empty name or a
 * URL that is not `https:` (or `http:` on localhost).
 *
 * @example
 * ```ts
 * buildLocalOverride({ name: "Acme (local)", url: "https://localhost:5174/" }).snippet;
 * // localStorage.setItem("LocalSettings:Calling:CallingExtensions", "{\"name\":\"Acme (local)\",\"url\":\"https://localhost:5174/\"}");
 * ```
 */
export function buildLocalOverride(
  options: LocalOverrideSetOptions | LocalOverrideClearOptions,
): LocalOverride {
  if (!isRecord(options)) {
    throw new ValidationError("local override", [
      { path: "(input)", message: "must be an object" },
    ]);
  }
  const key = options.legacy === true ? LOCAL_OVERRIDE_KEYS.legacy : LOCAL_OVERRIDE_KEYS.current;
  if (options.clear === true) {
    return { key, value: null, snippet: `localStorage.removeItem(${JSON.stringify(key)});` };
  }
  const issues: ValidationIssue[] = [];
  const nameProblem = checkNonEmpty(options.name);
  if (nameProblem) issues.push({ path: "name", message: nameProblem });
  const problem = urlProblem(options.url);
  if (problem) issues.push({ path: "url", message: problem });
  if (issues.length > 0) throw new ValidationError("local override", issues);
  const value = JSON.stringify({ name: options.name, url: options.url });
  return {
    key,
    value,
    snippet: `localStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(value)});`,
  };
}
