// The files a guide asks its reader to write: the code blocks whose fence
// names a file, e.g. ```html file=index.html or ```ts file=src/main.ts.
// Tests that follow a guide literally scaffold a folder from them.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const FENCE = /^```[\w-]*\s+file=(\S+)\s*$/;

/** Every `file=` block of the guide, by file name, in the order they appear. A name used twice is an error. */
export function guideFiles(guide: string): Map<string, string> {
  const lines = readFileSync(resolve(guide), "utf8").split("\n");
  const files = new Map<string, string>();
  for (let i = 0; i < lines.length; i += 1) {
    const name = FENCE.exec(lines[i] ?? "")?.[1];
    if (!name) continue;
    const body: string[] = [];
    for (i += 1; i < lines.length && !/^```\s*$/.test(lines[i] ?? ""); i += 1) body.push(lines[i] ?? "");
    if (files.has(name)) throw new Error(`${guide} writes ${name} twice`);
    files.set(name, `${body.join("\n")}\n`);
  }
  return files;
}

/** Writes the guide's files into `folder`; returns their names. */
export function writeGuideFiles(guide: string, folder: string): string[] {
  const files = guideFiles(guide);
  for (const [name, text] of files) {
    const path = join(folder, name);
    if (!path.startsWith(resolve(folder))) throw new Error(`${guide}: ${name} is outside the folder`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return [...files.keys()];
}
