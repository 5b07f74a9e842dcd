// The SIP server dies in the middle of a call (SIGKILL of Kamailio's process
// group): the call fails clearly, the provider reconnects once the server is
// back, registers again, and places calls again.
import { describe, expect, it } from "vitest";
import { sipPerFile, until } from "./support/sipHarness";

const env = sipPerFile();

describe("SIP provider when the server is killed mid-call", () => {
  it("ends the call as failed (CONNECTION_LOST), reconnects and re-registers when the server is back, and calls again", async () => {
    const setup = [env.kamailio.url, env.kamailio.domain] as const;
    const far = await env.open("far-end.html", "farEnd");
    await far.evaluate(([s, d]) => (window as any).farEnd.register(s, d, "+16175550100", "answer"), setup);
    const me = await env.open("caller.html", "kit");
    await me.evaluate(
      ([s, d]) => (window as any).kit.create({ server: s, domain: d, user: "dave", options: { reconnect: { attempts: 100, delayMs: 100, maxDelayMs: 300 } } }),
      setup,
    );
    expect(await me.evaluate(() => (window as any).kit.start(10_000))).toEqual({ ok: true });
    expect(await me.evaluate(() => (window as any).kit.dial("+16175550100"))).toEqual({ ok: true });
    await until(me, "window.kit.events.some(e => e.type === 'answered')");

    await env.kamailio.kill();
    await until(me, "window.kit.events.some(e => e.type === 'ended' || e.type === 'failed')");
    expect(await me.evaluate(() => (window as any).kit.eventLog())).toEqual([
      { type: "ringing" },
      { type: "answered" },
      { type: "failed", error: expect.objectContaining({ name: "SipError", code: "PROVIDER_ERROR", reason: "CONNECTION_LOST" }) },
    ]);
    // The media stopped with it: the call's peer connection is closed.
    expect(await me.evaluate(() => (window as any).kit.connectionState())).toBe("closed");
    await until(me, "window.kit.snapshot().status === 'reconnecting' && window.kit.snapshot().reconnectAttempt > 1");
    expect(await me.evaluate(() => (window as any).kit.snapshot())).toMatchObject({ activeCalls: 0, error: { reason: "CONNECTION_LOST" } });
    expect(await me.evaluate(() => (window as any).kit.providerEvents[1])).toMatchObject({ type: "connectionLost", detail: { callsEnded: 1 } });
    expect(await me.evaluate(() => (window as any).kit.dial("+16175550100"))).toMatchObject({ ok: false, reason: "CONNECTION_LOST" });

    await env.kamailio.restart();
    await until(me, "window.kit.snapshot().status === 'registered'", 20_000);
    expect(await me.evaluate(() => (window as any).kit.providerEvents.map((e: { type: string }) => e.type))).toEqual([
      "registered",
      "connectionLost",
      "registered",
      "reconnected",
    ]);
    expect(await me.evaluate(() => (window as any).kit.statuses)).toEqual([
      "stopped", "connecting", "registering", "registered", "reconnecting", "registering", "registered",
    ]);

    // The restarted server knows nobody: the far end registers again (a new page), then the provider calls it.
    await far.close();
    const again = await env.open("far-end.html", "farEnd");
    await again.evaluate(([s, d]) => (window as any).farEnd.register(s, d, "+16175550100", "answer"), setup);
    expect(await me.evaluate(() => (window as any).kit.dial("+16175550100"))).toEqual({ ok: true });
    await until(me, "window.kit.events.some(e => e.type === 'answered')");
    await me.evaluate(() => (window as any).kit.command("hangUp"));
    await until(me, "window.kit.events.some(e => e.type === 'ended')");
    await me.evaluate(() => (window as any).kit.stop());
  });
});
