// A tiny validator for HubSpot's messages. Hand-written rather than a schema
// library: the whole root entry has a 4 kB budget, and these shapes are few.
// Output objects are built field by field from the shape, so nothing from the
// input (extra keys, `__proto__`, getters) is copied or trusted.

/** A field kind; a key ending in `?` marks an optional field. */
export type Field = "id" | "s" | "b" | "n" | "rec" | Shape | ((value: unknown, path: string, issues: string[]) => unknown);

/** An object shape: field name (with `?` when optional) to kind. */
export interface Shape {
  [key: string]: Field;
}

/** Longest string accepted in any field; a defence against hostile payloads. */
const MAX_STRING = 8192;
const MAX_RECORD_KEYS = 64;
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

function field(kind: Field, value: unknown, path: string, issues: string[]): unknown {
  if (typeof kind === "function") return kind(value, path, issues);
  if (typeof kind === "object") return checkShape(kind, value, path, issues);
  let ok: unknown = INVALID;
  let expected: string = kind;
  switch (kind) {
    case "id":
      ok = toId(value) ?? INVALID;
      expected = "an id";
      break;
    case "s":
      ok = typeof value === "string" && value.length <= MAX_STRING ? value : INVALID;
      expected = "a string";
      break;
    case "b":
      ok = typeof value === "boolean" ? value : INVALID;
      expected = "a boolean";
      break;
    case "n":
      ok = typeof value === "number" && Number.isFinite(value) ? value : INVALID;
      expected = "a number";
      break;
    case "rec":
      ok = isObject(value) ? copyRecord(value) : INVALID;
      expected = "an object";
      break;
  }
  if (ok === INVALID) issues.push(`${path}: expected ${expected}`);
  return ok;
}

/** A shallow copy of an undocumented payload: primitive values only. */
function copyRecord(value: Record<string, unknown>): Record<string, unknown> {
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
  for (const rawKey of Object.keys(shape)) {
    const optional = rawKey.endsWith("?");
    const key = optional ? rawKey.slice(0, -1) : rawKey;
    const item = own.call(value, key) ? value[key] : undefined;
    if (item === undefined || (item === null && optional)) {
      if (!optional) issues.push(`${path}.${key}: required`);
      continue;
    }
    const checked = field(shape[rawKey] as Field, item, `${path}.${key}`, issues);
    if (checked !== INVALID) out[key] = checked;
  }
  return out;
}
