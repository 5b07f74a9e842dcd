// 10,000 malformed messages from HubSpot's own origin and window, through the
// real SDK transport in Chromium: nothing throws, nothing changes, and the
// widget keeps working afterwards.
import type { Frame, Page } from "playwright-core";
import { expect, it } from "vitest";
import { sampleMalformed } from "../../sdk/malformed";
import { fixturesPerFile } from "../support/fixtureServer";

const env = fixturesPerFile();

async function open(): Promise<{ page: Page; widget: Frame; pageErrors: string[] }> {
  const page = await env.browser.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  const widgetUrl = `${env.servers.widgetOrigin}/test/e2e/fixtures/widget.html?allow=${encodeURIComponent(env.servers.hostOrigin)}`;
  await page.goto(`${env.servers.hostOrigin}/test/e2e/fixtures/host.html?widget=${encodeURIComponent(widgetUrl)}`);
  let widget: Frame | undefined;
  while (!widget) {
    widget = page.frames().find((frame) => frame.url().startsWith(env.servers.widgetOrigin));
    if (!widget) await page.waitForTimeout(25);
  }
  await widget.waitForFunction(() => "widget" in window);
  await widget.evaluate(async () => {
    await (window as any).widget.client.ready({ timeout: 10_000 });
    await (window as any).widget.client.logIn();
  });
  return { page, widget, pageErrors };
}

it("10,000 malformed inbound messages: zero uncaught errors, state unchanged, still working", async () => {
  const { page, widget, pageErrors } = await open();
  const corpus = sampleMalformed(10_000);
  // After the handshake, a repeated SYNC from the host is HubSpot retrying: ignored, not an error.
  const expectedErrors = corpus.filter(
    (m) => !(typeof m === "object" && m !== null && !Array.isArray(m) && (m as { type?: unknown }).type === "SYNC"),
  ).length;
  const before = await widget.evaluate(() => JSON.stringify((window as any).widget.snapshot()));

  for (let i = 0; i < corpus.length; i += 2_000) {
    await page.evaluate((chunk) => (window as any).hubspot.postRaw(chunk), corpus.slice(i, i + 2_000));
  }
  // Hostile shapes that JSON cannot carry, built in the page.
  const extra = await page.evaluate(() => {
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 500; i++) cursor = (cursor.next = {}) as Record<string, unknown>;
    const wide: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) wide[`k${i}`] = i;
    const values = [
      JSON.parse('{"type":"DIAL_NUMBER","messageId":"p","data":{"__proto__":{"polluted":true},"phoneNumber":7}}'),
      { type: "DIAL_NUMBER", messageId: "d", data: deep },
      { type: "VISIBILITY_CHANGED", messageId: "w", data: wide },
      { type: "DIAL_NUMBER", messageId: "h", data: { phoneNumber: "9".repeat(1_000_000) } },
      { type: "CALLER_ID_MATCH_SUCCEEDED", messageId: "m", data: { callerIdMatches: new Array(10_000).fill({ callerIdType: "CONTACT" }) } },
      { type: "CREATE_ENGAGEMENT_SUCCEEDED", messageId: "n", data: { engagementId: Number.NaN } },
      { type: "END_CALL", messageId: new Date() },
      new Map([["type", "END_CALL"]]),
      new Uint8Array(16),
      undefined,
    ];
    (window as any).hubspot.postRaw(values);
    return values.length;
  });

  await widget.waitForFunction(
    (expected) => ((window as any).widget.counts.protocolError ?? 0) >= expected,
    expectedErrors + extra,
    { timeout: 60_000, polling: 100 },
  );
  const after = await widget.evaluate(() => ({
    snapshot: JSON.stringify((window as any).widget.snapshot()),
    protocolErrors: (window as any).widget.counts.protocolError,
    errors: (window as any).widget.errors,
    polluted: ({} as Record<string, unknown>).polluted,
  }));
  expect(after.protocolErrors).toBe(expectedErrors + extra);
  expect(after.snapshot).toBe(before);
  expect(after.errors).toEqual([]);
  expect(after.polluted).toBeUndefined();
  expect(pageErrors).toEqual([]);

  // Still alive: a proper DIAL_NUMBER is acted on.
  await page.evaluate(() => (window as any).hubspot.send({ type: "DIAL_NUMBER", data: { phoneNumber: "+16175550100" } }));
  await widget.waitForFunction(() => (window as any).widget.snapshot().dialRequest?.phoneNumber === "+16175550100");
  await page.close();
}, 120_000);
