// Checks on the package as published: the built files, not the sources.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as sdk from "@hubspot/calling-extensions-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPackage } from "./build";

let build: ReturnType<typeof buildPackage>;
beforeAll(() => {
  build = buildPackage();
}, 120_000);
afterAll(() => build?.cleanup());

/** The declaration files, without comments and string literals. */
function declarations(): string {
  return build
    .files()
    .filter((file) => file.endsWith(".d.ts"))
    .map((file) => build.read(file))
    .join("\n");
}

function node(code: string, type: "module" | "commonjs"): string {
  return execFileSync(process.execPath, [type === "module" ? "--input-type=module" : "--input-type=commonjs", "-e", code], {
    cwd: build.dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe("published types", () => {
  it("contain no `any`", () => {
    const code = declarations()
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, "")
      .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
    const hits = code.split("\n").filter((line) => /\bany\b/.test(line));
    expect(hits).toEqual([]);
  });

  it("name every wire message type of the SDK", () => {
    const text = declarations();
    const names = Object.keys((sdk as unknown as { Constants: { messageType: Record<string, string> } }).Constants.messageType);
    expect(names.length).toBeGreaterThan(35);
    const missing = names.filter((name) => !text.includes(`"${name}"`));
    expect(missing).toEqual([]);
  });
});

describe("importing the package has no side effects", () => {
  const trap = `for (const name of ["window", "self", "document", "navigator", "location"]) {
    Object.defineProperty(globalThis, name, { configurable: true, get() { throw new Error("touched " + name + " at import"); } });
  }`;

  it("ESM: imports in Node without touching browser globals or loading the SDK", () => {
    const out = node(
      `${trap}
      const kit = await import("./index.js");
      const testing = await import("./testing.js");
      console.log(typeof kit.createCallingClient, typeof testing.createMemoryTransport);`,
      "module",
    );
    expect(out.trim()).toBe("function function");
  });

  it("CJS: requires in Node without touching browser globals or loading the SDK", () => {
    const out = node(
      `${trap}
      const kit = require("./index.cjs");
      const sdkLoaded = Object.keys(require.cache).some((p) => p.includes("calling-extensions-sdk"));
      console.log(typeof kit.createCallingClient, sdkLoaded);`,
      "commonjs",
    );
    expect(out.trim()).toBe("function false");
  });

  it("SSR: a client created in Node stays connecting and explains why it cannot start", () => {
    const out = node(
      `const { createCallingClient } = await import("./index.js");
      const { simulatedProvider } = await import("./testing.js");
      const client = createCallingClient({ provider: simulatedProvider() });
      const status = client.getSnapshot().session.status;
      const error = await client.start().catch((e) => e);
      console.log(JSON.stringify({ status, code: error.code, mentions: /browser window/.test(error.message) }));`,
      "module",
    );
    expect(JSON.parse(out)).toEqual({ status: "connecting", code: "UNSUPPORTED_ENVIRONMENT", mentions: true });
  });

  it("marks the package side-effect free and lists types first in every export", async () => {
    const pkg = (await import(join(process.cwd(), "package.json"), { with: { type: "json" } })).default;
    expect(pkg.sideEffects).toBe(false);
    for (const [subpath, entry] of Object.entries<Record<string, Record<string, string>> | string>(pkg.exports)) {
      if (typeof entry === "string") continue;
      for (const condition of Object.values(entry)) expect(Object.keys(condition)[0], subpath).toBe("types");
    }
  });
});

describe("the CLI as published", () => {
  it("runs from dist/cli.js alone: commander is bundled, the package's only dependency is the SDK", async () => {
    const pkg = (await import(join(process.cwd(), "package.json"), { with: { type: "json" } })).default;
    expect(Object.keys(pkg.dependencies)).toEqual(["@hubspot/calling-extensions-sdk"]);
    expect(pkg.files).toContain("THIRD_PARTY_NOTICES.md");
    // Copied outside the repository, where no node_modules can supply commander.
    const alone = mkdtempSync(join(tmpdir(), "hubspot-calling-kit-bin-"));
    try {
      copyFileSync(join(build.dir, "cli.js"), join(alone, "cli.js"));
      const help = execFileSync(process.execPath, [join(alone, "cli.js"), "settings", "--help"], { cwd: alone, encoding: "utf8" });
      expect(help).toContain("Usage: hubspot-calling-kit settings");
      expect(build.read("cli.js")).not.toMatch(/from\s*"commander"/);
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });
});

describe("types under TypeScript's node10 module resolution", () => {
  // A consumer with its own node_modules/hubspot-calling-kit (the manifest and
  // the built files), inside the repository so that the SDK's and React's
  // types resolve from the repository's node_modules as from the consumer's.
  // node16 and bundler read `exports` (attw checks them in lint:package);
  // node10 ignores `exports` and finds the subpaths through `typesVersions`.
  const CONSUMER = `import { createCallingClient, type CallingClient } from "hubspot-calling-kit";
import { createHostSimulator } from "hubspot-calling-kit/testing";
import { createSettingsClient } from "hubspot-calling-kit/settings";
import { createCallsApiWriter } from "hubspot-calling-kit/server";
import { CallingProvider, useCallingSnapshot } from "hubspot-calling-kit/react";
export const used: [typeof createCallingClient, CallingClient | undefined, typeof createHostSimulator, typeof createSettingsClient, typeof createCallsApiWriter, typeof CallingProvider, typeof useCallingSnapshot] = [createCallingClient, undefined, createHostSimulator, createSettingsClient, createCallsApiWriter, CallingProvider, useCallingSnapshot];
`;

  /** tsc's diagnostics for `source` in a consumer compiled with moduleResolution node10 ("" when it compiles). */
  function typeCheckNode10(consumer: string, source: string): string {
    writeFileSync(join(consumer, "consumer.ts"), source);
    const tsc = join(process.cwd(), "node_modules/typescript/bin/tsc");
    const args = ["--noEmit", "--strict", "--skipLibCheck", "--target", "es2022", "--lib", "es2022,dom", "--jsx", "react-jsx"];
    args.push("--module", "commonjs", "--moduleResolution", "node10", "--types", "node", "consumer.ts");
    try {
      execFileSync(process.execPath, [tsc, ...args], { cwd: consumer, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      return "";
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string };
      return `${failed.stdout ?? ""}${failed.stderr ?? ""}`;
    }
  }

  it("typesVersions names every subpath of the exports map, with the same declaration file", async () => {
    const pkg = (await import(join(process.cwd(), "package.json"), { with: { type: "json" } })).default as {
      exports: Record<string, { import: { types: string } } | string>;
      typesVersions: Record<string, Record<string, string[]>>;
    };
    const subpaths = Object.entries(pkg.exports).filter(([path, entry]) => path !== "." && typeof entry !== "string");
    const expected = Object.fromEntries(subpaths.map(([path, entry]) => [path.slice(2), [(entry as { import: { types: string } }).import.types]]));
    expect(pkg.typesVersions).toEqual({ "*": expected });
  });

  it("resolves the root entry and every subpath (and reports one that does not exist)", () => {
    const consumer = mkdtempSync(join(process.cwd(), "node_modules/.cache/hubspot-calling-kit-consumer-"));
    try {
      const installed = join(consumer, "node_modules/hubspot-calling-kit");
      mkdirSync(installed, { recursive: true });
      copyFileSync(join(process.cwd(), "package.json"), join(installed, "package.json"));
      symlinkSync(build.dir, join(installed, "dist"), "dir");
      expect(typeCheckNode10(consumer, CONSUMER)).toBe("");
      const unknown = `${CONSUMER}import { nothing } from "hubspot-calling-kit/nowhere";\nexport const more = nothing;\n`;
      expect(typeCheckNode10(consumer, unknown)).toContain("'hubspot-calling-kit/nowhere'");
    } finally {
      rmSync(consumer, { recursive: true, force: true });
    }
  }, 60_000);
});
