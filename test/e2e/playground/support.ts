// Opens the playground (started on free ports) in Chromium, as a person would.
import type { Browser, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { type RunningPlayground, startPlayground } from "../../../playground/server.mjs";
import type { RecordedMessage } from "../../../src/testing/index";
import { launchChromium } from "../support/browser";

/** A playground on free ports and Chromium, for the tests of one file (closed after them). */
export function playgroundPerFile(): { readonly browser: Browser; readonly running: RunningPlayground } {
  const env = {} as { browser: Browser; running: RunningPlayground };
  beforeAll(async () => {
    [env.running, env.browser] = await Promise.all([
      startPlayground({ playgroundPort: 0, widgetPort: 0, watch: false, logLevel: "error" }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.running?.close();
  });
  return env;
}

export interface OpenPlayground {
  page: Page;
  /** The widget, inside its cross-origin iframe. */
  widget: FrameLocator;
  /** Uncaught errors of the page and the widget. */
  errors: string[];
}

/** Opens the playground with query parameters (passed on to the widget), once the widget answered SYNC. */
export async function openPlayground(
  browser: Browser,
  running: RunningPlayground,
  query: Record<string, string> = {},
  viewport: { width: number; height: number } = { width: 1440, height: 1000 },
): Promise<OpenPlayground> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().includes("favicon")) errors.push(message.text());
  });
  const url = new URL(running.playgroundUrl);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  await page.goto(url.href);
  await page.waitForFunction(() => (window as unknown as PlaygroundWindow).playground?.host().synced === true, null, { timeout: 30_000 });
  return { page, widget: page.frameLocator("#widget-frame iframe"), errors };
}

/** What main.ts exposes on `window.playground`. */
export interface PlaygroundWindow {
  playground: {
    host(): { synced: boolean };
    messages(): RecordedMessage[];
    engagements(): { engagementId: number; properties: Record<string, string> }[];
  };
}

export const hostMessages = (page: Page) => page.evaluate(() => (window as unknown as PlaygroundWindow).playground.messages());
export const engagements = (page: Page) => page.evaluate(() => (window as unknown as PlaygroundWindow).playground.engagements());

/** `direction type` for each recorded message, e.g. "toHost CALL_ENDED". */
export const sequence = (messages: RecordedMessage[]) => messages.map((m) => `${m.direction} ${m.type}`);
