import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "../../../scripts/chromium.ts";

/** Debian's Chromium, headless, with the flags that work on these machines. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

/**
 * A browser profile of Debian's Chromium in which pages of one test meet,
 * with third-party storage (cookies, localStorage, Web Locks in iframes of
 * another site) allowed or blocked. Playwright's own contexts block it, as
 * incognito windows and users who block third-party cookies do; a profile
 * with `cookie_controls_mode: 0` allows it, as Chrome's defaults do.
 */
export async function launchProfile(options: { thirdPartyStorage: boolean }): Promise<BrowserContext & { dispose(): Promise<void> }> {
  if (!options.thirdPartyStorage) {
    const browser = await launchChromium();
    const context = await browser.newContext();
    return Object.assign(context, { dispose: () => browser.close() });
  }
  const dir = mkdtempSync(join(tmpdir(), "hubspot-calling-kit-profile-"));
  mkdirSync(join(dir, "Default"), { recursive: true });
  writeFileSync(join(dir, "Default", "Preferences"), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  const context = await chromium.launchPersistentContext(dir, { executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
  return Object.assign(context, {
    dispose: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
