import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { defineConfig } from "tsup";

// Every public entry point. An entry is built only once its source exists, so
// subpaths can land one at a time without touching this file.
const candidates: Record<string, string> = {
  index: "src/index.ts",
  testing: "src/testing/index.ts",
  react: "src/react/index.ts",
  server: "src/server/index.ts",
  settings: "src/settings/index.ts",
  sip: "src/sip/index.ts",
};
const entry = Object.fromEntries(
  Object.entries(candidates).filter(([, file]) => existsSync(file)),
);

// esbuild puts its CJS helpers above the "use client" directive, where React
// Server Components tooling ignores it; move the directive back to the top
// (and shift the source map by the one line added).
function useClientFirst(file: string): void {
  if (!existsSync(file)) return;
  const code = readFileSync(file, "utf8");
  if (code.startsWith('"use client"')) return;
  writeFileSync(file, `"use client";\n${code}`);
  const map = `${file}.map`;
  if (existsSync(map)) {
    const json = JSON.parse(readFileSync(map, "utf8")) as { mappings: string };
    json.mappings = `;${json.mappings}`;
    writeFileSync(map, JSON.stringify(json));
  }
}

/** The first lines of dist/cli.js: shebang, a `require` for bundled CommonJS, the licence notice. */
export const CLI_BANNER = [
  "#!/usr/bin/env node",
  'import { createRequire as __createRequire } from "node:module";',
  "const require = __createRequire(import.meta.url);",
  "/*! Bundles commander (MIT, Copyright (c) 2011 TJ Holowaychuk): see THIRD_PARTY_NOTICES.md */",
].join("\n");

export default defineConfig([
  {
    entry,
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    // tsup's treeshake pass duplicates the source-map comment (TOOLCHAIN.md).
    treeshake: false,
    splitting: true,
    target: "es2022",
    platform: "neutral",
    external: ["@hubspot/calling-extensions-sdk", "react", "react-dom", "sip.js", /^node:/],
    async onSuccess() {
      useClientFirst("dist/react.cjs");
    },
  },
  ...(existsSync("src/cli/main.ts")
    ? [
        {
          entry: { cli: "src/cli/main.ts" },
          format: ["esm" as const],
          platform: "node" as const,
          target: "node20",
          sourcemap: true,
          clean: false,
          // commander is bundled (a devDependency), so installing the package
          // for a widget pulls in no CLI-only dependency. Its CommonJS code
          // needs a real `require` inside this ES module.
          noExternal: ["commander"],
          banner: { js: CLI_BANNER },
        },
      ]
    : []),
]);
