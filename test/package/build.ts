import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

/** Builds the package with tsup into a temporary folder; returns it and a cleanup. */
export function buildPackage(): { dir: string; read(name: string): string; files(): string[]; cleanup(): void } {
  // Inside the repository, so that the build resolves its dependencies from node_modules.
  const cache = resolve("node_modules/.cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, "hubspot-calling-kit-build-"));
  execFileSync(process.execPath, ["node_modules/tsup/dist/cli-default.js", "--out-dir", dir, "--silent"], {
    stdio: "pipe",
    env: { ...process.env, NODE_ENV: "production" },
  });
  return {
    dir,
    read: (name) => readFileSync(join(dir, name), "utf8"),
    files: () => readdirSync(dir),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
