// The README's quickstart must compile against the public API, as written.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";

function codeBlocks(markdown: string, lang: string): string[] {
  const fence = new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g");
  return [...markdown.matchAll(fence)].map((match) => match[1] ?? "");
}

it("the README quickstart type-checks against the package's public API", () => {
  const readme = readFileSync("README.md", "utf8");
  const [quickstart] = codeBlocks(readme.slice(readme.indexOf("## Quickstart")), "ts");
  expect(quickstart).toContain("createCallingClient");

  const file = resolve("test/docs/__quickstart__.ts");
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    paths: { "hubspot-calling-kit": [resolve("src/index.ts")] },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (resolve(name) === file ? `${quickstart}\nexport {};\n` : readFile(name));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => resolve(name) === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  expect(diagnostics).toEqual([]);
});
