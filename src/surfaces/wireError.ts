import { CallingError, type CallingErrorJSON, isCallingError, toCallingError } from "../errors/callingError";
import { type CallingErrorCode, ERROR_CODES } from "../errors/codes";
import { checkShape, type Shape } from "../sdk/validate";

const ERROR_JSON: Shape = { name: "s", code: "s", message: "text" };

/** An error as plain data for another surface (anything thrown becomes a `CallingError` first). @internal */
export function toWireError(error: unknown): CallingErrorJSON {
  return (isCallingError(error) ? error : toCallingError(error, "PROVIDER_ERROR")).toJSON();
}

/**
 * Checks an error that came from another surface; returns it as a
 * `CallingError` with the same name, code and message (an unknown code, from
 * another version of the widget, becomes `PROTOCOL_ERROR`), or `undefined`
 * with the problems in `issues`. @internal
 */
export function fromWireError(value: unknown, path: string, issues: string[]): CallingError | undefined {
  const before = issues.length;
  const json = checkShape(ERROR_JSON, value, path, issues) as unknown as CallingErrorJSON;
  if (issues.length > before) return undefined;
  const known = (ERROR_CODES as readonly string[]).includes(json.code);
  const error = new CallingError((known ? json.code : "PROTOCOL_ERROR") as CallingErrorCode, json.message);
  error.name = json.name;
  return error;
}
