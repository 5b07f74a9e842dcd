#!/usr/bin/env node
// `npm run size:breakdown [-- <entry> [names]]`: where the bytes of a bundle
// come from. Bundles <entry> (default src/index.ts) importing <names>
// (default "createCallingClient"; "*" for everything) with the SDK external,
// minified, and prints the brotli total and the largest modules.
import { build } from "esbuild";
import { resolve } from "node:path";
import { brotliCompressSync } from "node:zlib";

const entry = resolve(process.argv[2] ?? "src/index.ts");
const names = process.argv[3] ?? "createCallingClient";
const contents = names === "*" ? `export * from ${JSON.stringify(entry)};` : `export { ${names} } from ${JSON.stringify(entry)};`;
const result = await build({
  stdin: { contents, resolveDir: process.cwd(), loader: "ts" },
  bundle: true,
  minify: true,
  format: "esm",
  write: false,
  metafile: true,
  platform: "browser",
  external: ["@hubspot/calling-extensions-sdk"],
});
const code = result.outputFiles[0].contents;
console.log(`${names} from ${process.argv[2] ?? "src/index.ts"}: ${code.length} B minified, ${brotliCompressSync(code).length} B brotli`);
const [output] = Object.values(result.metafile.outputs);
const inputs = Object.entries(output.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
for (const [file, { bytesInOutput }] of inputs.slice(0, Number(process.env.TOP ?? 25))) console.log(`${String(bytesInOutput).padStart(7)}  ${file}`);
