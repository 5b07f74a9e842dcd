// A widget whose allowedOrigins lacks the page it runs in never connects;
// in development that must be loud: one warning in the widget naming the
// origin and the option, and the playground's message says the same.
import type { ConsoleMessage } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPlayground, startPlayground } from "../../../playground/server.mjs";
import { fixturesPerFile } from "../support/fixtureServer";

const env = fixturesPerFile();
let running: RunningPlayground;
beforeAll(async () => {
  // A widget on the library that trusts only HubSpot itself, not the playground.
  const widgetUrl = `${env.servers.widgetOrigin}/test/e2e/fixtures/widget.html?allow=${encodeURIComponent("https://app.hubspot.com")}`;
  running = await startPlayground({ playgroundPort: 0, widgetPort: 0, watch: false, logLevel: "error", widgetUrls: [widgetUrl] });
});
afterAll(() => running?.close());

describe("a wrong allowedOrigins in development", () => {
  it("one warning in the widget naming the page's origin and allowedOrigins; the page's timeout message says the same", async () => {
    const page = await env.browser.newPage();
    const warnings: string[] = [];
    page.on("console", (message: ConsoleMessage) => {
      if (message.type() === "warning" && message.text().includes("hubspot-calling-kit")) warnings.push(message.text());
    });
    const origin = new URL(running.playgroundUrl).origin;
    await page.goto(`${running.playgroundUrl}?syncTimeoutMs=3000`);
    const status = page.locator("#calling-status.error");
    await status.filter({ hasText: "did not answer SYNC" }).waitFor({ timeout: 15_000 });
    const text = (await status.textContent()) ?? "";
    expect(text).toContain(origin);
    expect(text).toContain(`allowedOrigins: [...HUBSPOT_ORIGINS, "${origin}"]`);
    // HubSpot sent SYNC about 30 times meanwhile (every 100 ms): still one warning.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`Ignored SYNC from ${origin}`);
    expect(warnings[0]).toContain("allowedOrigins");
    await page.close();
  });
});
