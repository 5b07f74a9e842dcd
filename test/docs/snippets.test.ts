// Every ```ts and ```tsx block in the README and the guides must compile
// against the public API, as written: people copy them.
//
// Snippets are separate modules, type-checked together in one program. They
// may use the reader's own things (their provider, their UI) without
// declaring them: SNIPPET_CONTEXT declares those few names, and nothing from
// the library (a snippet that uses `createCallingClient` or `isCallActive`
// must import it). A block that is a deliberate part of something larger,
// which cannot compile alone, starts with the line `// fragment` and is
// skipped; the test checks that such blocks stay few.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/** The reader's own code that snippets refer to, as ambient declarations. */
const SNIPPET_CONTEXT = `
import type { Call, CallingClient, TelephonyProvider } from "hubspot-calling-kit";
import type { CallsApiWriter, RelayHandler } from "hubspot-calling-kit/server";
import type { ComponentType } from "react";
declare global {
  // The reader's voice backend.
  const myProvider: TelephonyProvider;
  const myTelephonyProvider: TelephonyProvider;
  const provider: TelephonyProvider;
  // What earlier snippets of the same guide created.
  const client: CallingClient;
  const call: Call;
  const writer: CallsApiWriter;
  const relay: RelayHandler;
  // The reader's UI.
  const Softphone: ComponentType;
  const CompactCall: ComponentType;
  const dialButton: HTMLButtonElement;
  const notesField: HTMLTextAreaElement;
  const statusLine: HTMLElement;
  const notes: string;
  function showDialScreen(phoneNumber: string, callee?: unknown): void;
  function showBanner(text: string): void;
  function showRetry(text: string): void;
  function setBanner(text: string): void;
  // The reader's backend: sessions, tokens, a Redis client, a logger.
  const sessions: { verify(authorization: string | null): Promise<{ portalId: number } | null> };
  const session: { token(): Promise<string> };
  const tokens: { forPortal(portalId: number): Promise<string> };
  const portalId: number;
  const engagementId: number;
  const redis: {
    get(key: string): Promise<string | null>;
    set(key: string, value: string, options?: { NX?: boolean; PX?: number; EX?: number }): Promise<string | null>;
    eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  };
  const log: { warn(details: object): void; info(details: object): void };
}
export {};
`;

const FRAGMENT = /^\s*\/\/ fragment\b/;
/** Blocks allowed to opt out with `// fragment`. Raise only with a reason. */
const MAX_FRAGMENTS = 6;

interface Snippet {
  /** Where it is, for failure messages: "docs/guides/react.md:24". */
  where: string;
  lang: "ts" | "tsx";
  code: string;
}

function snippetsOf(file: string): Snippet[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const found: Snippet[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^```(ts|tsx)\s*$/.exec(lines[i] ?? "");
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i += 1; i < lines.length && !/^```\s*$/.test(lines[i] ?? ""); i += 1) body.push(lines[i] ?? "");
    found.push({ where: `${file}:${start + 1}`, lang: open[1] as "ts" | "tsx", code: body.join("\n") });
  }
  return found;
}

const guides = readdirSync("docs/guides").filter((name) => name.endsWith(".md")).sort().map((name) => join("docs/guides", name));
const files = ["README.md", ...guides];
const all = files.flatMap(snippetsOf);
const checked = all.filter((snippet) => !FRAGMENT.test(snippet.code));
const fragments = all.filter((snippet) => FRAGMENT.test(snippet.code));

/** Type-checks every snippet in one program; diagnostics grouped by snippet. */
function typeCheck(snippets: Snippet[]): Map<string, string[]> {
  const dir = resolve("test/docs/__snippets__");
  const virtual = new Map<string, string>();
  virtual.set(join(dir, "context.d.ts"), SNIPPET_CONTEXT);
  const owners = new Map<string, string>();
  snippets.forEach((snippet, index) => {
    const name = join(dir, `snippet${index}.${snippet.lang}`);
    virtual.set(name, `${snippet.code}\nexport {};\n`);
    owners.set(name, snippet.where);
  });
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
    types: ["node", "vite/client"],
    jsx: ts.JsxEmit.ReactJSX,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    paths: {
      "hubspot-calling-kit": [resolve("src/index.ts")],
      "hubspot-calling-kit/*": [resolve("src/*/index.ts")],
    },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => virtual.get(resolve(name)) ?? readFile(name);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => virtual.has(resolve(name)) || fileExists(name);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError, create) => {
    const text = virtual.get(resolve(name));
    return text === undefined ? getSourceFile(name, language, onError, create) : ts.createSourceFile(name, text, language, true);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  const byOwner = new Map<string, string[]>(snippets.map((snippet) => [snippet.where, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file ? resolve(diagnostic.file.fileName) : undefined;
    const owner = (file && owners.get(file)) ?? "(context)";
    const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
    const text = `line ${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), text]);
  }
  return byOwner;
}

describe("documentation snippets compile", () => {
  it("finds the snippets (the README's and every guide's), and few opt out as fragments", () => {
    expect(checked.some((snippet) => snippet.where.startsWith("README.md"))).toBe(true);
    expect(new Set(all.map((snippet) => snippet.where.split(":")[0])).size).toBeGreaterThanOrEqual(6);
    expect(checked.length).toBeGreaterThanOrEqual(25);
    expect(fragments.length).toBeLessThanOrEqual(MAX_FRAGMENTS);
  });

  it("every ts/tsx block type-checks against the library's public entry points", () => {
    const results = typeCheck(checked);
    const failing = Object.fromEntries([...results].filter(([, errors]) => errors.length > 0));
    expect(failing).toEqual({});
  }, 60_000);

  it("catches a broken snippet (the check itself works)", () => {
    const broken: Snippet = { where: "broken.md:1", lang: "ts", code: 'import { createCallingClient } from "hubspot-calling-kit";\ncreateCallingClient({ nope: true });' };
    const results = typeCheck([broken]);
    expect(results.get("broken.md:1")?.join("\n")).toMatch(/nope/);
  }, 60_000);
});
