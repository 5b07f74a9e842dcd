// A production build of the React starter must trust HubSpot alone: the
// playground's origin is a development default, dropped by `vite build`
// unless VITE_PLAYGROUND_ORIGIN is set on purpose.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "vite";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve("examples/react");
const outDirs: string[] = [];
afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

async function buildStarter(define: Record<string, string> = {}): Promise<string> {
  const cache = resolve("node_modules/.cache");
  const outDir = mkdtempSync(join(cache, "react-starter-build-"));
  outDirs.push(outDir);
  // Vitest sets NODE_ENV=test, which Vite would honour with a development
  // build; build as `vite build` does from a shell.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      configFile: join(root, "vite.config.ts"),
      root,
      mode: "production",
      logLevel: "silent",
      define,
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const assets = join(outDir, "assets");
  return readdirSync(assets)
    .filter((file) => file.endsWith(".js"))
    .map((file) => readFileSync(join(assets, file), "utf8"))
    .join("\n");
}

describe("examples/react production build", () => {
  it("allows no playground origin by default, and one only when VITE_PLAYGROUND_ORIGIN names it", async () => {
    const plain = await buildStarter();
    // Booleans, not the bundle, in a failure message: the bundle is large.
    expect(plain.includes("https://app.hubspot.com")).toBe(true);
    expect(plain.includes("localhost:5173")).toBe(false);

    const named = await buildStarter({
      "import.meta.env.VITE_PLAYGROUND_ORIGIN": JSON.stringify("https://playground.acme.example"),
    });
    expect(named.includes("https://playground.acme.example")).toBe(true);
    expect(named.includes("localhost:5173")).toBe(false);
  }, 120_000);
});
