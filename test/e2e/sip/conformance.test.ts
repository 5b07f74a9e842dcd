// providerConformance() against the real thing: the kit's SIP provider in
// Chromium, registered with Kamailio over WebSocket, calling far ends that
// are plain sip.js user agents in another page (answer; answer then hang
// up) and test numbers the server answers itself (486 busy, 503 failure).
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { providerConformance } from "../../../src/testing/providerConformance";
import { sipPerFile } from "./support/sipHarness";

const env = sipPerFile();
const NUMBERS = { answer: "+16175550100", remoteHangUp: "+16175550101", busy: "+15005550486", fail: "+15005550503" };
// Names only: the checks themselves run in the page, where WebRTC is.
const checks = providerConformance(() => ({ dial: () => Promise.reject(new Error("unused")) }));

let caller: Page;
beforeAll(async () => {
  const far = await env.open("far-end.html", "farEnd");
  await far.evaluate(
    async ([server, domain, numbers]) => {
      await (window as any).farEnd.register(server, domain, numbers.answer, "answer");
      await (window as any).farEnd.register(server, domain, numbers.remoteHangUp, "hangUp");
    },
    [env.kamailio.url, env.kamailio.domain, NUMBERS] as const,
  );
  caller = await env.open("caller.html", "kit");
});

describe("providerConformance() against Kamailio (SIP over WebSocket, WebRTC audio in Chromium)", () => {
  it("lists the same checks in the page as in Node", async () => {
    expect(await caller.evaluate(() => (window as any).kit.conformanceNames())).toEqual(checks.map((check) => check.name));
  });

  checks.forEach((check, index) => {
    it(check.name, async () => {
      const result = await caller.evaluate(
        ([i, server, domain, numbers]) =>
          (window as any).kit.runConformance(i, {
            server,
            domain,
            numbers,
            users: { answer: "conformance", remoteHangUp: "conformance", busy: "conformance", fail: "conformance" },
          }),
        [index, env.kamailio.url, env.kamailio.domain, NUMBERS] as const,
      );
      expect(result).toEqual({ ok: true, name: check.name });
    }, 60_000);
  });
});
