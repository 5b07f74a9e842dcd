import { Command, CommanderError } from "commander";
import { version } from "../../package.json";
import type { CliContext } from "./cliContext";
import type { CliIo } from "./cliIo";
import { EXIT_CODES, type ExitCode } from "./exitCodes";
import { addLocalOverrideCommand } from "./localOverrideCommand";
import { addRecordingCommands } from "./recordingCommands";
import { apiKeysInArgv, createRedactor } from "./redact";
import { reportError } from "./reportError";
import { addSettingsCommands } from "./settingsCommands";

const EXAMPLES = `
Examples:
  export HUBSPOT_DEVELOPER_API_KEY=...   # keeps the key out of shell history
  hubspot-calling-kit settings create --app-id 1234 --name "Acme Phone" --url https://phone.acme.example/
  hubspot-calling-kit local-override --name "Acme (local)" --url https://localhost:5174/
  hubspot-calling-kit settings update --app-id 1234 --ready

Exit codes: 0 done, 1 HubSpot or network error or no answer within --timeout,
2 bad usage or invalid input (nothing sent). With --json, errors are printed
as { "error": { "code", "message", ... } } on stderr.`;

// Commander reports help and --version as "errors" with exit code 0.
const SUCCESS_CODES = new Set(["commander.helpDisplayed", "commander.version"]);

/**
 * @internal Runs the `hubspot-calling-kit` command line and resolves with
 * its exit code: 0 done, 1 HubSpot or network failure, 2 bad usage or
 * invalid input (nothing sent). Never rejects.
 */
export async function runCli(io: CliIo): Promise<ExitCode> {
  const redactor = createRedactor();
  for (const key of apiKeysInArgv(io.argv)) redactor.add(key);
  const safeIo: CliIo = {
    ...io,
    stdout: redactor.wrap(io.stdout),
    stderr: redactor.wrap(io.stderr),
  };
  const context: CliContext = { io: safeIo, redactor, exitCode: EXIT_CODES.ok };
  // With --json, commander's usage errors are printed once, as JSON, below:
  // its text (the error line, "(add --help for usage)", a help screen on
  // stderr) would break a script that parses stderr.
  const json = wantsJson(io.argv);
  const quiet = () => {};

  const program = new Command("hubspot-calling-kit")
    .description("Register and configure a HubSpot calling extension from the command line.")
    .version(version, "-V, --version")
    .exitOverride()
    .showHelpAfterError("(add --help for usage)")
    .configureOutput({
      writeOut: safeIo.stdout,
      writeErr: json ? quiet : safeIo.stderr,
      outputError: json ? quiet : (text, write) => write(text),
    })
    .addHelpText("after", EXAMPLES);
  addSettingsCommands(program, context);
  addRecordingCommands(program, context);
  addLocalOverrideCommand(program, context);
  groupRequiredOptions(program);

  try {
    await program.parseAsync([...io.argv], { from: "user" });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (SUCCESS_CODES.has(error.code) || error.exitCode === 0) return EXIT_CODES.ok;
      if (json) {
        const report = { error: { code: "INVALID_INPUT", message: usageMessage(error) } };
        safeIo.stderr(`${JSON.stringify(report, null, 2)}\n`);
      }
      return EXIT_CODES.usage;
    }
    return reportError(error, safeIo.stderr, json);
  }
}

// Commander prints a required option like any other: name them in the usage
// line and list them under their own heading, first, so that
// `settings create --help` says what must be given.
function groupRequiredOptions(command: Command): void {
  const required = command.options.filter((option) => option.mandatory);
  for (const option of required) option.helpGroup("Required options:");
  if (required.length > 0 && command.commands.length === 0) {
    command.usage(`${required.map((option) => option.flags).join(" ")} [options]`);
  }
  for (const sub of command.commands) groupRequiredOptions(sub);
}

// `--json` anywhere before a `--` (after it, it is an argument).
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).includes("--json");
}

// Commander's message without its "error: " prefix. A command given without
// its subcommand shows help instead of a message.
function usageMessage(error: CommanderError): string {
  if (error.code === "commander.help") return "a subcommand is required (add --help for usage)";
  return error.message.replace(/^error: /, "");
}
