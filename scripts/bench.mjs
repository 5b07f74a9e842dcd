#!/usr/bin/env node
// `npm run bench [-- <name filter>]`: runs every bench module listed below
// and prints one table. Benchmarks report figures; they never fail on timing.
// A bench module is a TypeScript file whose default export is a `Bench`
// (bench/bench.ts); it is bundled with esbuild and run in this process.
// Add new benches to BENCHES.
import { build } from "esbuild";
import { mkdirSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const BENCHES = [
  "bench/client10kCalls.bench.ts",
  "bench/inboundMessage.bench.ts",
  "bench/outboxThroughput.bench.ts",
  "bench/callsWriterRateLimit.bench.ts",
  "bench/surfaceCommand.bench.ts",
  "bench/sipDial.bench.ts",
  "bench/callLoggingFaults.bench.ts",
];

const filter = process.argv[2];
// Inside node_modules so that bundled benches resolve external packages.
const outDir = join(process.cwd(), "node_modules", ".cache", "hubspot-calling-kit-bench");
mkdirSync(outDir, { recursive: true });

const rows = [];
let failed = 0;
for (const file of BENCHES) {
  const outfile = join(outDir, basename(file).replace(/\.ts$/, ".mjs"));
  await build({
    entryPoints: [file],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outfile,
    logLevel: "error",
  });
  const bench = (await import(pathToFileURL(outfile).href)).default;
  if (filter && !bench.name.includes(filter)) continue;
  process.stdout.write(`running ${bench.name}: ${bench.description}\n`);
  try {
    for (const row of await bench.run()) rows.push({ bench: bench.name, ...row });
  } catch (error) {
    failed++;
    rows.push({ bench: bench.name, metric: "error", value: String(error?.message ?? error) });
  }
}

const columns = ["bench", "metric", "value", "unit", "note"];
const cells = rows.map((row) => columns.map((column) => String(row[column] ?? "")));
const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((line) => line[i].length)));
const line = (values) => `| ${values.map((value, i) => value.padEnd(widths[i])).join(" | ")} |`;
console.log();
console.log(line(columns));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const values of cells) console.log(line(values));
console.log(`\nNode ${process.version}, ${process.platform}/${process.arch}`);
process.exitCode = failed > 0 ? 1 : 0;
