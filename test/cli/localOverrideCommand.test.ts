import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, type BuiltCli } from "./support/cliProcess";

let cli: BuiltCli;

beforeAll(async () => {
  cli = await buildCli();
});
afterAll(() => cli?.remove());

describe("local-override", () => {
  it("prints the exact setItem snippet on stdout and a hint on stderr", async () => {
    const result = await cli.run([
      "local-override",
      "--name",
      "Acme (local)",
      "--url",
      "https://localhost:5174/",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'localStorage.setItem("LocalSettings:Calling:CallingExtensions", "{\\"name\\":\\"Acme (local)\\",\\"url\\":\\"https://localhost:5174/\\"}");\n',
    );
    expect(result.stderr).toContain("Paste this into the console of a HubSpot page");
  });

  it("escapes quotes so a name cannot break out of the string", async () => {
    const name = `Bob's "phone"); alert(1); ("`;
    const result = await cli.run(["local-override", "--name", name, "--url", "https://localhost/"]);
    expect(result.code).toBe(0);
    const stored = new Map<string, string>();
    new Function("localStorage", result.stdout)({
      setItem: (key: string, value: string) => stored.set(key, value),
    });
    expect(JSON.parse(stored.get("LocalSettings:Calling:CallingExtensions") ?? "")).toEqual({
      name,
      url: "https://localhost/",
    });
  });

  it("--legacy uses the older key", async () => {
    const result = await cli.run([
      "local-override",
      "--legacy",
      "--name",
      "A",
      "--url",
      "http://localhost:3000/",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^localStorage\.setItem\("LocalSettings:Sales:CallingExtensions", /,
    );
  });

  it("--clear prints the removeItem snippet", async () => {
    const result = await cli.run(["local-override", "--clear"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'localStorage.removeItem("LocalSettings:Calling:CallingExtensions");\n',
    );
    const legacy = await cli.run(["local-override", "--clear", "--legacy"]);
    expect(legacy.stdout).toBe(
      'localStorage.removeItem("LocalSettings:Sales:CallingExtensions");\n',
    );
  });

  it("--json prints key, value and snippet only", async () => {
    const result = await cli.run([
      "local-override",
      "--name",
      "A",
      "--url",
      "https://localhost/",
      "--json",
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      key: "LocalSettings:Calling:CallingExtensions",
      value: '{"name":"A","url":"https://localhost/"}',
      snippet:
        'localStorage.setItem("LocalSettings:Calling:CallingExtensions", "{\\"name\\":\\"A\\",\\"url\\":\\"https://localhost/\\"}");',
    });
  });

  it.each([
    [["local-override", "--name", "A", "--url", "http://acme.example/"], /url: must use https:/],
    [["local-override", "--url", "https://localhost/"], /name: must be a non-empty string/],
    [
      ["local-override", "--clear", "--name", "A"],
      /'--name <name>' cannot be used with option '--clear'/,
    ],
  ])("refuses %j with exit 2", async (args, message) => {
    const result = await cli.run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
  });
});
