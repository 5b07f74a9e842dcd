// The `hubspot-calling-kit` executable (package.json `bin`, built to
// dist/cli.js). Only this file touches the Node process.
import { runCli } from "./runCli";

// tsconfig.json keeps Node's types out of src/ so browser code cannot lean on
// them by accident; these are the few members of `process` the CLI uses.
declare const process: {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: OutputStream;
  stderr: OutputStream;
  exitCode?: number | undefined;
  exit(code: number): never;
};
interface OutputStream {
  write(text: string): unknown;
  on(event: "error", listener: (error: { code?: string }) => void): unknown;
}

// A reader that goes away early (`hubspot-calling-kit settings get | head -1`)
// is not an error of the command: stop quietly with the shell's code for a
// closed pipe (128 + SIGPIPE), as other command-line tools do, instead of
// Node's stack trace. Anything else still surfaces.
const EXIT_CLOSED_PIPE = 141;
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(EXIT_CLOSED_PIPE);
    throw error;
  });
}

void runCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  // Setting exitCode (not calling exit()) lets piped output drain first.
  process.exitCode = code;
});
