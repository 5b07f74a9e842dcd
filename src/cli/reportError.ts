import { isCallingError } from "../errors/callingError";
import { HubSpotApiError } from "../errors/hubSpotApiError";
import { TimeoutError } from "../errors/timeoutError";
import { ValidationError } from "../errors/validationError";
import { EXIT_CODES, type ExitCode } from "./exitCodes";

function details(error: unknown): Record<string, unknown> {
  if (error instanceof HubSpotApiError) {
    return {
      code: error.code,
      message: error.message,
      status: error.status,
      correlationId: error.correlationId,
      category: error.category,
      policyName: error.policyName,
      retryAfterMs: error.retryAfterMs,
    };
  }
  if (error instanceof ValidationError) {
    return { code: error.code, message: error.message, issues: error.issues };
  }
  if (error instanceof TimeoutError) {
    return { code: error.code, message: error.message, timeoutMs: error.timeoutMs };
  }
  if (isCallingError(error)) return { code: error.code, message: error.message };
  return { code: "UNEXPECTED", message: error instanceof Error ? error.message : String(error) };
}

function humanLines(error: unknown): string[] {
  if (error instanceof ValidationError) {
    const what = error.message.slice(0, error.message.indexOf(":"));
    return [`error: ${what}:`, ...error.issues.map((issue) => `  ${issue.path}: ${issue.message}`)];
  }
  const lines = [`error: ${error instanceof Error ? error.message : String(error)}`];
  if (error instanceof TimeoutError) {
    lines.push("  HubSpot did not answer in time; try again, or allow longer with --timeout <ms>");
  }
  if (error instanceof HubSpotApiError) {
    if (error.category) lines.push(`  category: ${error.category}`);
    if (error.correlationId) lines.push(`  correlationId: ${error.correlationId}`);
    if (error.policyName) lines.push(`  rate-limit policy: ${error.policyName}`);
    if (error.retryAfterMs !== undefined) {
      lines.push(`  retry after: ${Math.ceil(error.retryAfterMs / 1000)} s`);
    }
  }
  return lines;
}

/**
 * @internal Prints an error (HubSpot's message and correlationId, or every
 * validation issue) to stderr and returns the exit code: 2 for invalid
 * input, 1 for everything else.
 */
export function reportError(
  error: unknown,
  stderr: (text: string) => void,
  json: boolean,
): ExitCode {
  if (json) stderr(`${JSON.stringify({ error: details(error) }, null, 2)}\n`);
  else stderr(`${humanLines(error).join("\n")}\n`);
  return isCallingError(error, "INVALID_INPUT") ? EXIT_CODES.usage : EXIT_CODES.failed;
}
