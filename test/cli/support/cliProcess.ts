// Builds src/cli/main.ts once per test file with esbuild (the bundler tsup
// uses) the way dist/cli.js is built: commander bundled, the same banner,
// only Node built-ins left as imports. The bundle is written to the system's
// temporary folder, outside any node_modules, and run as a real child
// process: it must work with nothing to resolve, as the installed bin does.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { CLI_BANNER } from "../../../tsup.config";

const ROOT = resolve(import.meta.dirname, "../../..");

/** The result of one CLI run. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A built CLI: run it, then remove it. */
export interface BuiltCli {
  /** `closeStdout`: close the reading end of stdout at once, like `| head -0`. */
  run(args: readonly string[], env?: Record<string, string>, options?: { closeStdout?: boolean }): Promise<CliRun>;
  remove(): Promise<void>;
}

export async function buildCli(): Promise<BuiltCli> {
  const dir = await mkdtemp(join(tmpdir(), "hubspot-calling-kit-cli-"));
  const file = join(dir, "cli.mjs");
  await build({
    entryPoints: [join(ROOT, "src/cli/main.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    banner: { js: CLI_BANNER },
    outfile: file,
    logLevel: "error",
  });
  return {
    run(args, env = {}, { closeStdout = false } = {}) {
      return new Promise((done, fail) => {
        // A clean environment: no HUBSPOT_* variables from the machine.
        const child = spawn(process.execPath, [file, ...args], {
          cwd: dir,
          env: { PATH: process.env.PATH ?? "", ...env },
          stdio: ["ignore", "pipe", "pipe"],
        });
        if (closeStdout) child.stdout.destroy();
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.on("error", fail);
        child.on("close", (code) => done({ code, stdout, stderr }));
      });
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
