// The starters are meant to be copied out of this repository. A copy must
// build with nothing but its own package.json: no types borrowed from the
// repository's node_modules, no path into the repository's source. Each
// starter is copied to a temporary monorepo-like folder (apps/<name>, next to
// a decoy src/index.ts, as a vendor's monorepo might have), its
// hubspot-calling-kit dependency pointed at `npm pack` of this package, its
// dependencies installed (from npm's cache when it has them), and its own
// `npm run build` run: type-check (app and vite.config.ts), then vite build.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const repo = resolve(".");
const STARTERS = ["vanilla", "react"] as const;

let workspace: string;
let tarball: string;

/** Runs a command; on failure, its output is in the error message. */
async function sh(command: string, args: string[], cwd: string): Promise<string> {
  // Vitest sets NODE_ENV=test: npm would skip nothing, but Vite would make a
  // development build. Run as from a developer's shell.
  const { NODE_ENV: _vitest, ...env } = process.env;
  try {
    const { stdout, stderr } = await run(command, args, { cwd, timeout: 120_000, maxBuffer: 16 * 1024 * 1024, env });
    return `${stdout}\n${stderr}`;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${failed.stdout ?? ""}\n${failed.stderr ?? failed.message}`);
  }
}

beforeAll(async () => {
  // test/support/ensureBuilt.ts (the e2e globalSetup) has built dist/ from the current sources.
  if (!existsSync(join(repo, "dist/index.d.ts"))) throw new Error("dist/ is missing although the e2e globalSetup builds it");
  workspace = mkdtempSync(join(tmpdir(), "hubspot-calling-kit-starters-"));
  const packed = await sh("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", workspace], repo);
  const name = packed.trim().split("\n").filter(Boolean).at(-1)?.trim() ?? "";
  tarball = join(workspace, name);
  if (!name.endsWith(".tgz") || !existsSync(tarball)) throw new Error(`npm pack gave no tarball: ${packed}`);
  // A vendor's monorepo with its own src/index.ts two levels above the app:
  // a tsconfig path like ../../src/index.ts would pick it up instead of the package.
  mkdirSync(join(workspace, "src"), { recursive: true });
  writeFileSync(join(workspace, "src/index.ts"), 'export const notTheLibrary = "a vendor\'s own code";\n');
}, 120_000);

afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe.each(STARTERS)("examples/%s copied out of the repository", (starter) => {
  it("installs and builds with only its own package.json (npm run build: type-check, then vite build)", async () => {
    const app = join(workspace, "apps", starter);
    cpSync(join(repo, "examples", starter), app, {
      recursive: true,
      filter: (source) => !/[\\/](node_modules|dist)([\\/]|$)/.test(relative(join(repo, "examples", starter), source)),
    });
    const manifestPath = join(app, "package.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { dependencies: Record<string, string> };
    expect(manifest.dependencies["hubspot-calling-kit"]).toBeDefined();
    manifest.dependencies["hubspot-calling-kit"] = `file:${tarball}`;
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));

    await sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], app);
    await sh("npm", ["run", "build"], app);

    expect(existsSync(join(app, "dist/index.html"))).toBe(true);
    // The installed package, not this repository's source, was used.
    expect(existsSync(join(app, "node_modules/hubspot-calling-kit/dist/index.d.ts"))).toBe(true);
  }, 180_000);
});
