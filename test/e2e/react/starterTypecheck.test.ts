// The React starter is copied by vendors: it must type-check against the
// library's source (its tsconfig maps hubspot-calling-kit to ../../src while
// it sits in this repository). A real tsc process, as a developer runs it.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("examples/react", () => {
  it("type-checks with its own tsconfig (strict, noUncheckedIndexedAccess)", async () => {
    const result = await run(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "examples/react"], {
      encoding: "utf8",
    }).catch((error: { stdout?: string; stderr?: string; code?: number }) => error);
    expect(`${result.stdout ?? ""}${result.stderr ?? ""}`).toBe("");
    expect("code" in result ? result.code : 0).toBe(0);
  });
});
