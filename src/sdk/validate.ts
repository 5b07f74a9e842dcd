import { ValidationError } from "../errors/validationError";

// A tiny validator for HubSpot's messages. Hand-written rather than a schema
// library: the whole root entry has a 4 kB budget, and these shapes are few.
// Output objects are built field by field from the shape, so nothing from the
// input (extra keys, `__proto__`, getters) is copied or trusted.

/**
 * A field kind; a key ending in `?` marks an optional field. Besides HubSpot's
 * shapes, the same kinds check what callers pass in: `phone` (a string with
 * digits), `size` (pixels), `url` (https, or http on localhost), `text`
 * (a string up to 64 KiB), `strs` (an object of strings).
 */
export type Field =
  | "id"
  | "s"
  | "b"
  | "n"
  | "rec"
  | "phone"
  | "size"
  | "url"
  | "text"
  | "strs"
  | Shape
  | ((value: unknown, path: string, issues: string[]) => unknown);

/** An object shape: field name (with `?` when optional) to kind. */
export interface Shape {
  [key: string]: Field;
}

/** Longest string accepted in any field; a defence against hostile payloads. */
const MAX_STRING = 8192;
const MAX_RECORD_KEYS = 64;
/** A string of at most `max` characters (default 8192). */
export const isString = (value: unknown, max = MAX_STRING): value is string =>
  typeof value === "string" && value.length <= max;

// Simple kinds: [test, what was expected]. A test returns the value to keep.
const KINDS: Record<string, [(value: unknown) => unknown, string]> = {
  id: [(v) => toId(v), "an id"],
  s: [(v) => (isString(v) ? v : undefined), "a string"],
  b: [(v) => (typeof v === "boolean" ? v : undefined), "a boolean"],
  n: [(v) => (typeof v === "number" && Number.isFinite(v) ? v : undefined), "a number"],
  rec: [(v) => (isObject(v) ? copyRecord(v) : undefined), "an object"],
  phone: [(v) => (isString(v, 64) && /\d/.test(v) ? v : undefined), "a phone number"],
  size: [(v) => (typeof v === "number" && v > 0 && v <= 10_000 ? v : undefined), "a positive number of pixels"],
  url: [(v) => (isString(v) && /^(https:\/\/[^\s/]+|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$))/i.test(v) ? v : undefined), "an https URL (http only for localhost)"],
  text: [(v) => (isString(v, 65_536) ? v : undefined), "a string of at most 65536 characters"],
  strs: [(v) => (isObject(v) && Object.values(v).every((x) => typeof x === "string") ? copyRecord(v) : undefined), "an object of strings"],
};
const own = Object.prototype.hasOwnProperty;

/** Returned by a field check that failed (the reason is in `issues`). */
export const INVALID: unique symbol = Symbol("invalid");

/** A HubSpot id: a safe non-negative integer, or a string of digits holding one. */
export function toId(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\d{1,16}$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function field(kind: Field, value: unknown, parent: string, key: string, issues: string[]): unknown {
  // Paths are only built when needed: validation runs for every message.
  if (typeof kind === "function") return kind(value, `${parent}.${key}`, issues);
  if (typeof kind === "object") return checkShape(kind, value, `${parent}.${key}`, issues);
  const [test, expected] = KINDS[kind] as [(value: unknown) => unknown, string];
  const ok = test(value);
  if (ok === undefined) issues.push(`${parent}.${key}: expected ${expected}`);
  return ok ?? INVALID;
}

/**
 * `kind`, except that a value not of that kind is left out of the result
 * without an issue, rather than refused. For optional fields nothing depends
 * on, where HubSpot's payloads vary more than its documentation says.
 */
export function dropInvalid(kind: Field): Field {
  return (value) => {
    const issues: string[] = [];
    const checked = field(kind, value, "", "", issues);
    return issues.length > 0 ? INVALID : checked;
  };
}

type Compiled = [key: string, optional: boolean, kind: Field][];
const compiled = new WeakMap<Shape, Compiled>();

/** A shape's fields as [key, optional, kind], computed once per shape. */
function compile(shape: Shape): Compiled {
  let fields = compiled.get(shape);
  if (!fields) {
    fields = Object.keys(shape).map((raw) => {
      const optional = raw.endsWith("?");
      return [optional ? raw.slice(0, -1) : raw, optional, shape[raw] as Field];
    });
    compiled.set(shape, fields);
  }
  return fields;
}

/** A shallow copy of an undocumented payload: primitive values only. */
function copyRecord(value: Record<string, unknown>): Record<string, unknown> {
  // (Declared after KINDS, which only calls it at run time.)
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const key of Object.keys(value)) {
    if (count++ >= MAX_RECORD_KEYS) break;
    if (key === "__proto__" || key === "constructor" || key === "prototype") continue;
    const item = value[key];
    if (item === null || ["string", "number", "boolean"].includes(typeof item)) {
      if (typeof item !== "string" || item.length <= MAX_STRING) out[key] = item;
    }
  }
  return out;
}

/**
 * Checks `value` against `shape`, pushing one issue per problem. Returns a
 * fresh object holding only the shape's fields. `null` counts as absent for
 * optional fields (HubSpot sends `engagementId: null`).
 */
export function checkShape(
  shape: Shape,
  value: unknown,
  path: string,
  issues: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isObject(value)) {
    issues.push(`${path}: expected an object`);
    return out;
  }
  for (const [key, optional, kind] of compile(shape)) {
    const item = own.call(value, key) ? value[key] : undefined;
    if (item === undefined || (item === null && optional)) {
      if (!optional) issues.push(`${path}.${key}: required`);
      continue;
    }
    const checked = field(kind, item, path, key, issues);
    if (checked !== INVALID) out[key] = checked;
  }
  return out;
}

/**
 * Checks caller input against a shape; throws one `ValidationError` listing
 * every problem, or returns a clean copy holding only the shape's fields.
 */
export function assertShape(what: string, shape: Shape, value: unknown): Record<string, unknown> {
  const issues: string[] = [];
  const out = checkShape(shape, value, "", issues);
  if (issues.length > 0) {
    throw new ValidationError(
      what,
      issues.map((issue) => {
        const at = issue.indexOf(": ");
        return { path: issue.slice(1, at) || "value", message: issue.slice(at + 2) };
      }),
    );
  }
  return out;
}
