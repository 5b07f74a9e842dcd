// docs/guides/getting-started.md, followed as written, from an empty folder:
// its `sh steps` block is run in a temporary folder (the one change: npm
// installs the packed build of this repository instead of the registry's
// hubspot-calling-kit, which is not published yet, as the guide says, and
// prefers npm's cache), every block with a file name is written, `npm run
// build` type-checks and builds, then the widget's `npm run dev` (with
// VITE_PLAYGROUND_ORIGIN from the environment) runs in front of the
// playground started for it, and one call is made there in Chromium.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPlayground, startPlayground } from "../../../playground/server.mjs";
import { guideFiles, writeGuideFiles } from "../../support/guideFiles";
import { engagements, hostMessages, type PlaygroundWindow, sequence } from "../playground/support";
import { launchChromium } from "../support/browser";

const run = promisify(execFile);
const repo = resolve(".");
const GUIDE = "docs/guides/getting-started.md";
// Run as from a developer's shell: vitest sets NODE_ENV=test.
const { NODE_ENV: _vitest, ...shellEnv } = process.env;

let workspace: string;
let app: string;
let tarball: string;
let browser: Browser | undefined;
let playground: RunningPlayground | undefined;
let widgetServer: ChildProcess | undefined;

async function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = shellEnv): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, env, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
    return `${stdout}\n${stderr}`;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${failed.stdout ?? ""}\n${failed.stderr ?? failed.message}`);
  }
}

/** The guide's `sh steps` block: the commands that make the project. */
function steps(): string[] {
  const markdown = readFileSync(GUIDE, "utf8");
  const block = /```sh steps\n([\s\S]*?)```/.exec(markdown)?.[1];
  if (!block) throw new Error(`${GUIDE} has no \`\`\`sh steps block`);
  return block.split("\n").filter((line) => line.trim() !== "");
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), "hubspot-calling-kit-getting-started-"));
  const packed = await sh("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", workspace], repo);
  tarball = join(workspace, packed.trim().split("\n").filter(Boolean).at(-1)?.trim() ?? "");
  if (!tarball.endsWith(".tgz") || !existsSync(tarball)) throw new Error(`npm pack gave no tarball: ${packed}`);
}, 180_000);

afterAll(async () => {
  widgetServer?.kill("SIGTERM");
  await browser?.close();
  await playground?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe("getting started, from an empty folder to a call in the playground", () => {
  it("the guide's commands make the project, and its files build (npm run build: tsc, then vite build)", async () => {
    const commands = steps();
    expect(commands[0]).toBe("mkdir my-widget && cd my-widget");
    const script = commands
      .map((line) => line.replace(/^npm install hubspot-calling-kit$/, `npm install ${tarball}`))
      .map((line) => (line.startsWith("npm install") ? `${line} --prefer-offline --no-audit --no-fund --ignore-scripts --loglevel=error` : line));
    expect(script.some((line) => line.includes(tarball))).toBe(true);
    await sh("bash", ["-euo", "pipefail", "-c", script.join("\n")], workspace);
    app = join(workspace, "my-widget");
    expect(writeGuideFiles(GUIDE, app).sort()).toEqual(["index.html", "src/main.ts", "src/provider.ts", "src/vite-env.d.ts", "tsconfig.json", "vite.config.ts"]);

    const manifest = JSON.parse(readFileSync(join(app, "package.json"), "utf8"));
    expect(manifest.dependencies["hubspot-calling-kit"]).toMatch(/\.tgz$/);
    expect(Object.keys(manifest.devDependencies).sort()).toEqual(["typescript", "vite"]);
    await sh("npm", ["run", "build"], app);
    expect(existsSync(join(app, "dist/index.html"))).toBe(true);
    // The installed package, not this repository's source, was used.
    expect(existsSync(join(app, "node_modules/hubspot-calling-kit/dist/index.js"))).toBe(true);
  }, 300_000);

  it("never hard-codes the playground's address in the widget: it comes from VITE_PLAYGROUND_ORIGIN", () => {
    const main = guideFiles(GUIDE).get("src/main.ts") ?? "";
    expect(main).toContain("import.meta.env.VITE_PLAYGROUND_ORIGIN");
    expect(main).not.toMatch(/localhost:\d+/);
  });

  it("the widget's npm run dev, in front of the playground, makes a call: log in, Call, Dial, Hang up, Save the call", async () => {
    if (!app || !existsSync(join(app, "node_modules"))) throw new Error("the project was not made (see the test before)");
    const port = await freePort();
    const widgetUrl = `http://127.0.0.1:${port}/`;
    [playground, browser] = await Promise.all([
      startPlayground({ playgroundPort: 0, widgetUrls: [widgetUrl], watch: false, logLevel: "error" }),
      launchChromium(),
    ]);
    const playgroundOrigin = new URL(playground.playgroundUrl).origin;
    // Step 6: the playground's origin through the environment; the port is the test's free one.
    widgetServer = spawn("npm", ["run", "dev", "--", "--port", String(port), "--strictPort"], {
      cwd: app,
      // NO_COLOR: Vite colours the port in its banner where CI is set (picocolors), which split the address.
      env: { ...shellEnv, VITE_PLAYGROUND_ORIGIN: playgroundOrigin, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`the widget's npm run dev did not start:\n${output}`)), 60_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        // Colour codes stripped too, for a Vite that colours regardless.
        if (output.replace(/\u001b\[[0-9;]*m/g, "").includes(widgetUrl)) {
          clearTimeout(timer);
          done();
        }
      };
      widgetServer?.stdout?.on("data", read);
      widgetServer?.stderr?.on("data", read);
      widgetServer?.on("exit", (code) => fail(new Error(`the widget's npm run dev exited with ${code}:\n${output}`)));
    });

    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(playground.playgroundUrl);
    await page.waitForFunction(() => (window as unknown as PlaygroundWindow).playground?.host().synced === true, null, { timeout: 30_000 });
    const widget = page.frameLocator("#widget-frame iframe");
    const status = (text: RegExp) => widget.locator("#status").filter({ hasText: text }).waitFor({ timeout: 15_000 });

    await widget.locator("#login").click();
    await status(/^loggedIn$/);
    await page.getByTestId("call-button").click();
    await status(/^Dial \+/);
    await widget.locator("#dial").click();
    await status(/^connected \+/);
    await widget.locator("#hangup").click();
    await status(/^ended \+/);
    await widget.locator("#notes").fill("Walked through the getting-started guide");
    await widget.locator("#complete").click();
    await page.getByTestId("timeline-body").filter({ hasText: "Walked through the getting-started guide" }).waitFor({ timeout: 15_000 });

    const types = sequence(await hostMessages(page));
    expect(types.slice(types.indexOf("toHost LOGGED_IN"))).toEqual([
      "toHost LOGGED_IN",
      "toWidget DIAL_NUMBER",
      "toHost OUTGOING_CALL_STARTED",
      "toWidget CREATE_ENGAGEMENT_SUCCEEDED",
      "toHost CALL_ANSWERED",
      "toHost CALL_ENDED",
      "toHost CALL_COMPLETED",
      "toWidget UPDATE_ENGAGEMENT_SUCCEEDED",
    ]);
    const [logged] = await engagements(page);
    expect(logged?.properties.hs_call_body).toBe("Walked through the getting-started guide");
    expect(logged?.properties.hs_call_status).toBe("COMPLETED");
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
