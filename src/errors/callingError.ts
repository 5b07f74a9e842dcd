import { ERROR_CODES, type CallingErrorCode } from "./codes";

// Symbol.for() is shared by every realm in the page, so the brand survives
// errors that cross from the widget's iframe into a parent test harness.
const BRAND = Symbol.for("hubspot-calling-kit.error");

/**
 * A {@link CallingError} as plain data, from `toJSON()`.
 *
 * @example
 * ```ts
 * JSON.stringify(error); // {"name":"TimeoutError","code":"TIMEOUT","message":"…"}
 * ```
 */
export interface CallingErrorJSON<C extends CallingErrorCode = CallingErrorCode> {
  /** The class name, e.g. `TimeoutError`. */
  name: string;
  /** The error's code. */
  code: C;
  /** The human-readable message. */
  message: string;
}

/**
 * Options accepted by every {@link CallingError} constructor.
 *
 * @example
 * ```ts
 * new CallingError("PROVIDER_ERROR", "Dial failed", { cause: networkError } satisfies CallingErrorOptions);
 * ```
 */
export interface CallingErrorOptions {
  /** The underlying error or value, kept for debugging. */
  cause?: unknown;
}

/**
 * The base class of every error this library throws or rejects with.
 * Switch on {@link CallingError.code}; the message is for people.
 *
 * @example
 * ```ts
 * try {
 *   await client.ready({ timeout: 5_000 });
 * } catch (error) {
 *   if (isCallingError(error, "TIMEOUT")) showBanner("HubSpot did not answer");
 *   else throw error;
 * }
 * ```
 */
export class CallingError<C extends CallingErrorCode = CallingErrorCode> extends Error {
  // Fields of errors (and call handles) are `declare`d and assigned in the
  // constructor: no separate field definitions are emitted into the bundle.
  /** A stable, machine-readable code. */
  declare readonly code: C;

  /** @internal */
  constructor(code: C, message: string, options: CallingErrorOptions = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.name = "CallingError";
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** A plain object for logs and `postMessage`. */
  toJSON(): CallingErrorJSON<C> {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/**
 * True when `value` is a {@link CallingError}, optionally with one of the given
 * codes. Works across iframes and bundles (it checks a `Symbol.for` brand,
 * then the `code`), where `instanceof` fails.
 *
 * @example
 * ```ts
 * call.connected.catch((error) => {
 *   if (isCallingError(error, "CALL_ENDED")) console.log("no answer");
 * });
 * ```
 */
export function isCallingError<C extends CallingErrorCode = CallingErrorCode>(
  value: unknown,
  ...codes: C[]
): value is CallingError<C> {
  if (typeof value !== "object" || value === null) return false;
  const record = value as { [BRAND]?: unknown; code?: unknown; name?: unknown };
  const branded =
    isBranded(value) ||
    (typeof record.name === "string" &&
      record.name.endsWith("Error") &&
      (ERROR_CODES as readonly unknown[]).includes(record.code));
  if (!branded) return false;
  return codes.length === 0 || (codes as unknown[]).includes(record.code);
}

/**
 * Whether `value` was made by a {@link CallingError} constructor (of any copy
 * of this library: the brand is a `Symbol.for`). Stricter than
 * `isCallingError`, whose fallback also accepts a look-alike by name and
 * code: what is passed on as a CallingError must have its methods. @internal
 */
export function isBranded(value: unknown): value is CallingError {
  return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}

/**
 * Turns anything thrown into a {@link CallingError}: a CallingError (made by
 * this library, so with its methods) is returned as is, anything else
 * (a look-alike included) is wrapped with the given code and kept as
 * `cause`.
 *
 * @example
 * ```ts
 * try { await provider.dial(request); }
 * catch (thrown) { throw toCallingError(thrown, "PROVIDER_ERROR", "Dial failed"); }
 * ```
 */
export function toCallingError(
  thrown: unknown,
  code: CallingErrorCode,
  message?: string,
): CallingError {
  if (isBranded(thrown)) return thrown;
  const detail =
    thrown instanceof Error ? thrown.message : typeof thrown === "string" ? thrown : "";
  const text = message ? (detail ? `${message}: ${detail}` : message) : detail || code;
  return new CallingError(code, text, { cause: thrown });
}
