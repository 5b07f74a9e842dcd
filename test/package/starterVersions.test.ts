// The starters' dependency on hubspot-calling-kit must name the version this
// package is at, or a copied starter installs another release than the one
// its code was written against (or none at all).
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const repo = resolve(".");
const SCRIPT = join(repo, "scripts/sync-starter-versions.mjs");
const STARTERS = ["vanilla", "react"];

function json(path: string): { version: string; dependencies: Record<string, string> } {
  return JSON.parse(readFileSync(path, "utf8"));
}

function sync(root: string, ...flags: string[]): { code: number; output: string } {
  try {
    const output = execFileSync(process.execPath, [SCRIPT, "--root", root, ...flags], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { code: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { code: failed.status, output: `${failed.stdout}${failed.stderr}` };
  }
}

describe("the starters' dependency range", () => {
  it.each(STARTERS)("examples/%s depends on ^<the package's version>", (starter) => {
    const { version } = json(join(repo, "package.json"));
    expect(json(join(repo, "examples", starter, "package.json")).dependencies["hubspot-calling-kit"]).toBe(`^${version}`);
  });

  it("is kept in step by `npm run version-packages` (changeset version, then sync-starter-versions)", () => {
    const { scripts } = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(scripts["version-packages"]).toBe("changeset version && node scripts/sync-starter-versions.mjs");
    // A checkout whose version was bumped: --check reports each starter, the sync fixes them.
    const copy = mkdtempSync(join(tmpdir(), "hubspot-calling-kit-versions-"));
    try {
      const manifest = json(join(repo, "package.json"));
      writeFileSync(join(copy, "package.json"), JSON.stringify({ ...manifest, version: "3.4.5" }));
      for (const starter of [...STARTERS, "node-relay"]) {
        mkdirSync(join(copy, "examples", starter), { recursive: true });
        cpSync(join(repo, "examples", starter, "package.json"), join(copy, "examples", starter, "package.json"));
      }
      const before = sync(copy, "--check");
      expect(before.code).toBe(1);
      for (const starter of STARTERS) expect(before.output).toContain(`examples/${starter}/package.json`);
      expect(sync(copy).code).toBe(0);
      for (const starter of STARTERS) expect(json(join(copy, "examples", starter, "package.json")).dependencies["hubspot-calling-kit"]).toBe("^3.4.5");
      // The repository-only relay example keeps its file: link.
      expect(json(join(copy, "examples/node-relay/package.json")).dependencies["hubspot-calling-kit"]).toBe("file:../..");
      expect(sync(copy, "--check").code).toBe(0);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
