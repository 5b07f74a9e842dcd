// The starters (examples/*) depend on hubspot-calling-kit like any app, with
// a caret range on the package's own version. `changeset version` bumps the
// root package.json only (the starters are not workspaces), so
// `npm run version-packages` runs this right after it; with `--check` it
// only reports a starter whose range disagrees (exit 1); `--root <dir>`
// works on another checkout (the tests use a copy).
import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";

const rootFlag = process.argv.indexOf("--root");
const root = rootFlag > 0 ? resolve(process.argv[rootFlag + 1]) : resolve(import.meta.dirname, "..");
const { name, version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const wanted = `^${version}`;
const check = process.argv.includes("--check");

let wrong = 0;
for (const folder of readdirSync(join(root, "examples"))) {
  const file = join(root, "examples", folder, "package.json");
  if (!existsSync(file)) continue;
  const text = readFileSync(file, "utf8");
  const manifest = JSON.parse(text);
  const range = manifest.dependencies?.[name];
  // file:../.. (the node-relay example runs inside the repository only) is not a version range.
  if (range === undefined || range.startsWith("file:") || range === wanted) continue;
  if (check) {
    console.error(`examples/${folder}/package.json: ${name} "${range}", but the package is ${version} (want "${wanted}")`);
    wrong += 1;
    continue;
  }
  manifest.dependencies[name] = wanted;
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`examples/${folder}/package.json: ${name} ${range} -> ${wanted}`);
}
process.exitCode = wrong > 0 ? 1 : 0;
