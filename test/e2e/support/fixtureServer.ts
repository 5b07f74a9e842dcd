// The fixture servers and Chromium for the tests of one file.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "./browser";
import { type FixtureServers, startFixtureServers } from "./fixtureOrigins";

export { type FixtureServers, startFixtureServers } from "./fixtureOrigins";

/** The fixture servers and Chromium, for the tests of one file (closed after them). */
export function fixturesPerFile(): { readonly servers: FixtureServers; readonly browser: Browser } {
  const env = {} as { servers: FixtureServers; browser: Browser };
  beforeAll(async () => {
    [env.servers, env.browser] = await Promise.all([startFixtureServers(), launchChromium()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.servers?.close();
  });
  return env;
}
