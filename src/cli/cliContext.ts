import type { CliIo } from "./cliIo";
import { EXIT_CODES, type ExitCode } from "./exitCodes";
import type { Redactor } from "./redact";
import { reportError } from "./reportError";

/** @internal What every command shares during one run. */
export interface CliContext {
  /** The process I/O, with output already redacted. */
  io: CliIo;
  /** Hides API keys from every line written. */
  redactor: Redactor;
  /** Set by the action that ran. */
  exitCode: ExitCode;
}

/**
 * @internal Wraps a command's action: prints its result as JSON (with
 * `--json`) or as text, and turns a thrown error into a report and an exit
 * code instead of an unhandled rejection.
 */
export function action<O extends { json?: boolean }>(
  context: CliContext,
  run: (options: O) => Promise<{ value: unknown; text: string }>,
): (options: O) => Promise<void> {
  return async (options) => {
    try {
      const { value, text } = await run(options);
      context.io.stdout(options.json ? `${JSON.stringify(value, null, 2)}\n` : text);
      context.exitCode = EXIT_CODES.ok;
    } catch (error) {
      context.exitCode = reportError(error, context.io.stderr, options.json === true);
    }
  };
}
