// How calls end through a real SIP server, and what start() does when the
// server cannot be reached or refuses the credentials. Kamailio answers the
// 486/600/603/480/503 test numbers itself and times out +15005550408 (3 s);
// the far ends that ring without answering are plain sip.js pages.
import type { Page } from "playwright-core";
import { beforeAll, afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../../scripts/kamailio.mjs";
import { sipPerFile, until } from "./support/sipHarness";

const env = sipPerFile();
let far: Page;
let me: Page;

beforeAll(async () => {
  far = await env.open("far-end.html", "farEnd");
  await far.evaluate(
    async ([s, d]) => {
      await (window as any).farEnd.register(s, d, "+15005550408", "ring");
      await (window as any).farEnd.register(s, d, "+16175550102", "ring");
    },
    [env.kamailio.url, env.kamailio.domain] as const,
  );
});
afterEach(async () => {
  await me?.evaluate(() => (window as any).kit.stop());
  await me?.close();
});

async function started(options: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  me = await env.open("caller.html", "kit");
  await me.evaluate(([s, d, o, x]) => (window as any).kit.create({ server: s, domain: d, user: "bob", options: o, ...x }), [
    env.kamailio.url,
    env.kamailio.domain,
    options,
    extra,
  ] as const);
  return me.evaluate(() => (window as any).kit.start(10_000));
}

async function outcomeOf(to: string) {
  expect(await me.evaluate((n) => (window as any).kit.dial(n), to)).toEqual({ ok: true });
  await until(me, "window.kit.events.some(e => e.type === 'ended' || e.type === 'failed')", 20_000);
  return me.evaluate(() => (window as any).kit.eventLog());
}

describe("SIP provider: how calls end through Kamailio", () => {
  it.each([
    ["+15005550486", "busy", 486, "Busy Here"],
    ["+15005550600", "busy", 600, "Busy Everywhere"],
    ["+15005550603", "rejected", 603, "Decline"],
    ["+15005550480", "noAnswer", 480, "Temporarily Unavailable"],
  ])("%s ends %s with SIP %i as its cause", async (to, reason, code, text) => {
    expect(await started()).toEqual({ ok: true });
    expect(await outcomeOf(to)).toEqual([{ type: "ended", reason, cause: { protocol: "SIP", code, text } }]);
  });

  it.each([
    ["+15005550503", 503, "Service Unavailable"],
    ["+15005550999", 404, "Not Found"],
  ])("%s fails with a SipError (CALL_FAILED) carrying SIP %i", async (to, code, text) => {
    expect(await started()).toEqual({ ok: true });
    const cause = { protocol: "SIP", code, text };
    expect(await outcomeOf(to)).toEqual([
      { type: "failed", cause, error: expect.objectContaining({ name: "SipError", code: "PROVIDER_ERROR", reason: "CALL_FAILED", sipCause: cause }) },
    ]);
  });

  it("a callee that rings until the server's per-call timeout ends noAnswer with its 408", async () => {
    expect(await started()).toEqual({ ok: true });
    expect(await outcomeOf("+15005550408")).toEqual([
      { type: "ringing" },
      { type: "ended", reason: "noAnswer", cause: { protocol: "SIP", code: 408, text: "Request Timeout" } },
    ]);
    // The server canceled the far end's ringing call.
    await until(far, "window.farEnd.sessions()[0] === 'Terminated'");
  });

  it("ringTimeoutMs cancels an unanswered call: ended noAnswer, the far end stops ringing", async () => {
    expect(await started({ ringTimeoutMs: 1_000 })).toEqual({ ok: true });
    const before = await far.evaluate(() => (window as any).farEnd.sessions().length);
    const log = await outcomeOf("+16175550102");
    expect(log[0]).toEqual({ type: "ringing" });
    expect(log[1]).toMatchObject({ type: "ended", reason: "noAnswer" });
    await until(far, `window.farEnd.sessions()[${before}] === 'Terminated'`);
  });

  it("an invalid number is refused before anything is sent", async () => {
    expect(await started()).toEqual({ ok: true });
    expect(await me.evaluate(() => (window as any).kit.dial("sip:evil@attacker.example"))).toMatchObject({
      ok: false,
      name: "ValidationError",
      code: "INVALID_INPUT",
    });
  });
});

describe("SIP provider: start()", () => {
  it("an unreachable server fails start() with CONNECTION_FAILED; dial() then refuses", async () => {
    me = await env.open("caller.html", "kit");
    const port = await freePort();
    await me.evaluate(([s, d]) => (window as any).kit.create({ server: s, domain: d, user: "bob" }), [`ws://127.0.0.1:${port}`, env.kamailio.domain] as const);
    expect(await me.evaluate(() => (window as any).kit.start(15_000))).toMatchObject({ ok: false, name: "SipError", reason: "CONNECTION_FAILED" });
    expect(await me.evaluate(() => (window as any).kit.snapshot())).toMatchObject({ status: "failed", error: { reason: "CONNECTION_FAILED" } });
    expect(await me.evaluate(() => (window as any).kit.statuses)).toEqual(["stopped", "connecting", "failed"]);
    expect(await me.evaluate(() => (window as any).kit.dial("+16175550100"))).toMatchObject({ ok: false, name: "SipError", reason: "CONNECTION_LOST" });
  });

  it("a wrong password fails start() with REGISTRATION_FAILED and the server's 401", async () => {
    expect(await started({ credentials: { username: "bob", password: "wrong" } })).toMatchObject({
      ok: false,
      name: "SipError",
      reason: "REGISTRATION_FAILED",
      sipCause: { protocol: "SIP", code: 401 },
    });
    expect(await me.evaluate(() => (window as any).kit.providerEvents.map((e: { type: string }) => e.type))).toEqual(["registrationFailed"]);
  });

  it("a refused REGISTER asks the credentials callback again (refresh) and registers with the new password", async () => {
    expect(await started({}, { passwords: ["stale-password", "secret-bob"] })).toEqual({ ok: true });
    expect(await me.evaluate(() => (window as any).kit.credentialReasons)).toEqual(["start", "refresh"]);
    expect(await me.evaluate(() => (window as any).kit.snapshot().status)).toBe("registered");
  });

  it("stop() unregisters: the server no longer delivers calls to the user", async () => {
    expect(await started()).toEqual({ ok: true });
    await me.evaluate(() => (window as any).kit.stop());
    expect(await me.evaluate(() => (window as any).kit.snapshot().status)).toBe("stopped");
    // The far end calls bob: nobody is registered any more.
    await far.evaluate(([s, d]) => (window as any).farEnd.register(s, d, "carol", "manual"), [env.kamailio.url, env.kamailio.domain] as const);
    await far.evaluate((d) => (window as any).farEnd.call("carol", `sip:bob@${d}`), env.kamailio.domain);
    await until(far, "window.farEnd.outcome().status === 404");
  });
});
