// Small checks shared by the settings validators. Each check returns what is
// wrong with a value (a message), or undefined when it is fine.
import { ValidationError, type ValidationIssue } from "../errors/validationError";
import { CALLING_SETTINGS_LIMITS } from "./limits";

/** @internal */
export type Check = (value: unknown) => string | undefined;

// Browsers and Node resolve these to the local machine only, so plain http is
// safe there (a widget under development, a local stand-in for HubSpot).
function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname.endsWith(".localhost") ||
    hostname === "[::1]" ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}

/**
 * What is wrong with `value` as an address HubSpot or this library will
 * call: it must be an absolute `https:` URL, or `http:` on localhost.
 * Returns undefined when it is fine.
 *
 * @internal
 */
export function urlProblem(value: unknown): string | undefined {
  if (typeof value !== "string" || value.trim() === "") return "must be a URL";
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return "must be an absolute URL, e.g. https://example.com/widget";
  }
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && isLoopbackHost(parsed.hostname))) {
    return "must use https: (http: is allowed only for localhost)";
  }
  // HubSpot hands the address to every user of every connected account: a
  // user name or password in it would be given away with it.
  if (parsed.username !== "" || parsed.password !== "") return "must not contain credentials (user:password@)";
  if (value.length > CALLING_SETTINGS_LIMITS.maxUrlLength) {
    return `must be at most ${CALLING_SETTINGS_LIMITS.maxUrlLength} characters`;
  }
  return undefined;
}

/** @internal */
export const checkUrl: Check = urlProblem;

/** @internal */
export const checkNonEmpty: Check = (value) =>
  typeof value === "string" && value.trim() !== "" ? undefined : "must be a non-empty string";

// Control characters and bidi overrides have no place in a name users read.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** @internal The provider name: non-empty, printable, not too long. */
export const checkName: Check = (value) => {
  const empty = checkNonEmpty(value);
  if (empty) return empty;
  const name = value as string;
  if (name.length > CALLING_SETTINGS_LIMITS.maxNameLength) {
    return `must be at most ${CALLING_SETTINGS_LIMITS.maxNameLength} characters (got ${name.length})`;
  }
  return UNPRINTABLE.test(name) ? "must not contain control characters" : undefined;
};

/** @internal An iframe size in pixels within `min`..`max`. */
export function checkPixels(min: number, max: number): Check {
  return (value) =>
    typeof value === "number" && Number.isSafeInteger(value) && value >= min && value <= max
      ? undefined
      : `must be a whole number of pixels from ${min} to ${max}`;
}

/** @internal */
export const checkBoolean: Check = (value) =>
  typeof value === "boolean" ? undefined : "must be true or false";

/** @internal True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** @internal How {@link validateFields} treats missing fields. */
export interface FieldRules<K extends string> {
  /** Named in the error message, e.g. "calling settings". */
  what: string;
  /** One check per allowed field; any other field is refused. */
  checks: Record<K, Check>;
  /** Fields that must be present. */
  required: readonly K[];
  /** Refuse an object with no fields at all (updates). */
  nonEmpty?: boolean;
}

/**
 * @internal Checks every field of `input` against `rules`, collecting every
 * problem, and returns the fields (only known ones) or throws one
 * ValidationError listing them all.
 */
export function validateFields<K extends string>(
  input: unknown,
  rules: FieldRules<K>,
): Partial<Record<K, unknown>> {
  if (!isRecord(input)) {
    throw new ValidationError(rules.what, [{ path: "(input)", message: "must be an object" }]);
  }
  const issues: ValidationIssue[] = [];
  const output: Partial<Record<K, unknown>> = {};
  const known = Object.keys(rules.checks);
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (!known.includes(key)) {
      issues.push({
        path: key,
        message: `is not a known field (expected one of ${known.join(", ")})`,
      });
      continue;
    }
    const problem = rules.checks[key as K](value);
    if (problem) issues.push({ path: key, message: problem });
    else output[key as K] = value;
  }
  for (const key of rules.required) {
    if (input[key] === undefined) issues.push({ path: key, message: "is required" });
  }
  if (rules.nonEmpty && issues.length === 0 && Object.keys(output).length === 0) {
    issues.push({ path: "(input)", message: `must set at least one of ${known.join(", ")}` });
  }
  if (issues.length > 0) throw new ValidationError(rules.what, issues);
  return output;
}

/**
 * @internal Reads a HubSpot id (app or engagement): a positive safe integer,
 * or a string of digits that is one.
 */
export function validateId(value: unknown, path: string): number {
  const number =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^\d+$/.test(value)
      ? Number(value)
      : Number.NaN;
  if (!Number.isSafeInteger(number) || number <= 0) {
    throw new ValidationError(path, [{ path, message: "must be a positive integer id" }]);
  }
  return number;
}
