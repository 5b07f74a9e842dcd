// Vitest globalSetup: the tests that pack or run the built package (the
// starters copied out, the getting-started walk-through) need dist/. On a
// fresh clone `npm test` builds it here, once per run, before any test file
// starts; a dist/ built from the same sources is reused.
//
// "The same sources" is a hash of everything the build reads (src/, the
// package manifest, the tsup and TypeScript configs), stored next to dist/,
// so a checkout that changes a file rebuilds and an unchanged tree never does
// (modification times are not trusted: git checkouts reset them). The hash
// lives in node_modules/.cache, never in dist/, which `npm pack` ships.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "../..");
const STAMP = join(repo, "node_modules/.cache/hubspot-calling-kit/dist-source-hash");
const INPUTS = ["src", "package.json", "tsup.config.ts", "tsconfig.json"];

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

/** A hash of every input of the build, by path and content. */
export function sourceHash(): string {
  const hash = createHash("sha256");
  for (const input of INPUTS) {
    for (const file of filesUnder(join(repo, input))) {
      hash.update(file.slice(repo.length)).update("\0").update(readFileSync(file)).update("\0");
    }
  }
  return hash.digest("hex");
}

export default function setup(): void {
  const hash = sourceHash();
  const built = existsSync(join(repo, "dist/index.d.ts")) && existsSync(join(repo, "dist/cli.js"));
  if (built && existsSync(STAMP) && readFileSync(STAMP, "utf8") === hash) return;
  const started = Date.now();
  process.stdout.write("building dist/ for the tests that use the built package (npm run build)...\n");
  try {
    execFileSync(process.execPath, [join(repo, "node_modules/tsup/dist/cli-default.js"), "--silent"], {
      cwd: repo,
      stdio: ["ignore", "pipe", "pipe"],
      // A production build, as `npm run build` from a developer's shell (vitest sets NODE_ENV=test).
      env: { ...process.env, NODE_ENV: "production" },
    });
  } catch (error) {
    const failed = error as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`Building dist/ failed:\n${failed.stdout ?? ""}${failed.stderr ?? failed.message}`);
  }
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, hash);
  process.stdout.write(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
