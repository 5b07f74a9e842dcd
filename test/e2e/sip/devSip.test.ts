// `npm run dev:sip` as a person uses it: the script starts Kamailio, the
// playground with the "SIP (local server)" widget and the callee page; the
// widget logs in (registers), dials the record's number, the callee answers,
// and HubSpot (the playground) hears the call connect.
import { type ChildProcess, spawn } from "node:child_process";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostMessages, type PlaygroundWindow } from "../playground/support";
import { launchSipChromium } from "./support/sipHarness";

let child: ChildProcess;
let browser: Browser;
const urls: Record<string, string> = {};

beforeAll(async () => {
  child = spawn(process.execPath, ["scripts/dev-sip.mjs"], {
    env: { ...process.env, PLAYGROUND_PORT: "0", WIDGET_PORT: "0", CALLEE_PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ctrl+C")) resolve();
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`dev:sip exited (${code}):\n${output}`)));
  });
  for (const [key, label] of [["playground", "Playground (plays HubSpot):"], ["callee", "The contact's phone (callee):"]] as const) {
    urls[key] = output.split(label)[1]!.trim().split(/\s/)[0]!;
  }
  browser = await launchSipChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
});

describe("npm run dev:sip", () => {
  it("places a real call from the playground's SIP widget to the callee page", async () => {
    const context = await browser.newContext();
    const callee = await context.newPage();
    await callee.goto(urls.callee!);
    await callee.getByText("registered, idle").waitFor({ timeout: 30_000 });

    const page = await context.newPage();
    await page.goto(urls.playground!);
    await page.waitForFunction(() => (window as unknown as PlaygroundWindow).playground?.host().synced === true, null, { timeout: 30_000 });
    const widget = page.frameLocator("#widget-frame iframe");
    await widget.getByRole("button", { name: "Log in" }).click();
    await widget.locator("#status", { hasText: /^registered$/ }).waitFor({ timeout: 15_000 });
    await widget.getByRole("button", { name: "Dial" }).click();

    await callee.getByRole("button", { name: "Answer" }).click({ timeout: 15_000 });
    await widget.locator("#call", { hasText: "connected" }).waitFor({ timeout: 15_000 });
    await callee.getByText("connected").waitFor();
    await widget.getByRole("button", { name: "Hang up" }).click();
    await callee.getByText("registered, idle").waitFor({ timeout: 15_000 });
    const sent = (await hostMessages(page)).filter((m) => m.direction === "toHost").map((m) => m.type);
    expect(sent).toEqual(expect.arrayContaining(["OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED"]));
    await context.close();
  });
});
