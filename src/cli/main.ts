// The `hubspot-calling-kit` executable (package.json `bin`, built to
// dist/cli.js). Only this file touches the Node process.
import { runCli } from "./runCli";

// tsconfig.json keeps Node's types out of src/ so browser code cannot lean on
// them by accident; these are the few members of `process` the CLI uses.
declare const process: {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  exitCode?: number | undefined;
};

void runCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  // Setting exitCode (not calling exit()) lets piped output drain first.
  process.exitCode = code;
});
