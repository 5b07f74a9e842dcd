import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, type BuiltCli } from "./support/cliProcess";

let cli: BuiltCli;
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(async () => {
  await cli?.remove();
});

describe("a reader that closes the output early (`| head -0`)", () => {
  it.each(["--help", "settings --help", "settings create --help"])(
    "%s stops quietly with 141 (128 + SIGPIPE), no stack trace",
    async (command) => {
      const result = await cli.run(command.split(" "), {}, { closeStdout: true });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(141);
    },
  );

  it("the same command with its output read exits 0 (the test's pipe is what differs)", async () => {
    const result = await cli.run(["settings", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("settings");
  });
});
