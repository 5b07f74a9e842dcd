#!/usr/bin/env node
// Every public export must show an @example (STYLE.md #13). typedoc checks that
// everything is documented; this checks the examples, from typedoc's JSON
// output (docs/api/api.json, written by `npm run docs`).
import { readFileSync } from "node:fs";

const REFERENCE = 4194304; // a re-export of something documented elsewhere
const project = JSON.parse(readFileSync("docs/api/api.json", "utf8"));
const hasExample = (reflection) => {
  const comment = reflection.comment ?? reflection.signatures?.[0]?.comment;
  return Boolean(comment?.blockTags?.some((tag) => tag.tag === "@example"));
};
const missing = [];
for (const entry of project.children ?? []) {
  for (const reflection of entry.children ?? []) {
    if (reflection.kind !== REFERENCE && !hasExample(reflection)) missing.push(`${entry.name}: ${reflection.name}`);
  }
}
if (missing.length > 0) {
  console.error(`These public exports have no @example:\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
console.log(`Every public export has an @example (${(project.children ?? []).length} entry points).`);
