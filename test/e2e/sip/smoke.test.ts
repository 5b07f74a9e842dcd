import { describe, expect, it } from "vitest";
import { sipPerFile, until } from "./support/sipHarness";

const env = sipPerFile();

describe("smoke", () => {
  it("calls a far end through Kamailio", async () => {
    const far = await env.open("far-end.html", "farEnd");
    await far.evaluate(([s, d]) => (window as any).farEnd.register(s, d, "+16175550100", "answer"), [env.kamailio.url, env.kamailio.domain]);
    const me = await env.open("caller.html", "kit");
    await me.evaluate(([s, d]) => (window as any).kit.create({ server: s, domain: d, user: "alice" }), [env.kamailio.url, env.kamailio.domain]);
    expect(await me.evaluate(() => (window as any).kit.start(10000))).toEqual({ ok: true });
    expect(await me.evaluate(() => (window as any).kit.dial("+16175550100"))).toEqual({ ok: true });
    await until(me, "window.kit.events.some(e => e.type === 'answered' || e.type === 'ended' || e.type === 'failed')");
    console.log(await me.evaluate(() => (window as any).kit.eventLog()));
    await until(me, "window.kit.stats().then(s => s.bytesReceived > 0)");
    console.log(await me.evaluate(() => (window as any).kit.stats()), await far.evaluate(() => (window as any).farEnd.stats()));
  });
});
