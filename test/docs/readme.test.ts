// Code that people copy from the docs must compile against the public API, as
// written. snippets.test.ts checks every ts/tsx block of the README and the
// guides, with the reader's own things (their provider, their UI) declared;
// this file checks that the two snippets people start from, the README
// quickstart and the testing guide's first test, compile with nothing
// declared at all: copied whole into an empty file, they work.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

function firstBlockAfter(file: string, heading: string): string {
  const markdown = readFileSync(file, "utf8");
  const start = markdown.indexOf(heading);
  if (start === -1) throw new Error(`${file} has no "${heading}"`);
  const match = /```ts\n([\s\S]*?)```/.exec(markdown.slice(start));
  if (!match?.[1]) throw new Error(`${file} has no ts block after "${heading}"`);
  return match[1];
}

function diagnostics(code: string): string[] {
  const file = resolve("test/docs/__snippet__.ts");
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: ["node"],
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    paths: {
      "hubspot-calling-kit": [resolve("src/index.ts")],
      "hubspot-calling-kit/*": [resolve("src/*/index.ts")],
    },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (resolve(name) === file ? `${code}\nexport {};\n` : readFile(name));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => resolve(name) === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("documentation snippets compile", () => {
  it("the README quickstart", () => {
    const quickstart = firstBlockAfter("README.md", "## Quickstart");
    expect(quickstart).toContain("createCallingClient");
    expect(diagnostics(quickstart)).toEqual([]);
  }, 60_000);

  it("the testing guide's first unit test", () => {
    const snippet = firstBlockAfter("docs/guides/testing-your-widget.md", "## Unit tests");
    expect(snippet).toContain("createMemoryTransport");
    expect(diagnostics(snippet)).toEqual([]);
  }, 60_000);
});
