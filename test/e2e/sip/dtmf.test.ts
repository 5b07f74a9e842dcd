// DTMF as the far end receives it: the kit's provider in Chromium calls a
// plain SIP user agent (a Node child process speaking SIP over UDP and RTP,
// no WebRTC) through Kamailio, with rtpengine (Debian, userspace) bridging
// the browser's DTLS-SRTP + ICE to plain RTP/AVP. The far end decodes the
// RTP packets that arrive: RFC 4733 telephone-events (event code, end bit,
// duration) when it negotiated them, SIP INFO when it did not.
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type PlainFarEnd, startPlainFarEnd } from "./support/plainFarEnd";
import { type RunningRtpengine, startRtpengine } from "./support/rtpengine";
import { MEDIA_ISOLATION, poll, sipPerFile, until } from "./support/sipHarness";

let rtpengine: RunningRtpengine;
const env = sipPerFile({ udp: true }, async (namespace) => {
  rtpengine = await startRtpengine(namespace);
  return { rtpengine: rtpengine.ngPort };
});
const RFC4733 = "+16175550190";
const INFO_ONLY = "+16175550191";
let far: PlainFarEnd;
let me: Page;
type Stats = { bytesReceived: number; packetsReceived: number; bytesSent: number; packetsSent: number };

beforeAll(async () => {
  far = await startPlainFarEnd(
    {
      server: { host: env.kamailio.host, port: env.kamailio.port },
      domain: env.kamailio.domain,
      lines: [
        { user: RFC4733, password: `secret-${RFC4733}`, telephoneEvent: true },
        { user: INFO_ONLY, password: `secret-${INFO_ONLY}`, telephoneEvent: false },
      ],
    },
    env.namespace,
  );
});
afterAll(async () => {
  await far?.close();
  await rtpengine?.stop();
});
afterEach(async () => {
  await me?.evaluate(() => (window as any).kit.stop());
  await me?.close();
});

/** The kit registers as `user` and calls `to`; resolves once the call is answered and audio reached the far end. */
async function call(user: string, to: string): Promise<number> {
  const from = far.reports.length;
  me = await env.open("caller.html", "kit");
  await me.evaluate(([s, d, u]) => (window as any).kit.create({ server: s, domain: d, user: u }), [env.kamailio.url, env.kamailio.domain, user] as const);
  expect(await me.evaluate(() => (window as any).kit.start(10_000))).toEqual({ ok: true });
  expect(await me.evaluate((number) => (window as any).kit.dial(number), to)).toEqual({ ok: true });
  await until(me, "window.kit.events.some(e => e.type === 'answered')").catch(async (error) => {
    const events = await me.evaluate(() => (window as any).kit.eventLog());
    throw new Error(
      `the call was not answered (${error}); the kit saw ${JSON.stringify(events)}; the far end reported ${JSON.stringify(far.reports.slice(from))}\n` +
        `kamailio:\n${env.kamailio.output().slice(-3_000)}\nrtpengine:\n${rtpengine.output().slice(-3_000)}`,
    );
  });
  // Our microphone's audio arrives at the far end as plain RTP (PCMU), and its RTP reaches us.
  const deadline = Date.now() + 15_000;
  while ((await far.stats(to)).audioPackets < 25) {
    if (Date.now() > deadline) throw new Error(`no audio reached the far end:\n${rtpengine.output().slice(-2_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await poll(me, () => (window as any).kit.stats(), (s: Stats) => s.packetsReceived > 10);
  return from;
}

const dtmfOf = (reports: PlainFarEnd["reports"], from: number, user: string) =>
  reports.slice(from).filter((report) => report.type === "dtmf" && report.user === user);

describe("DTMF at a plain SIP far end (RTP through rtpengine)", () => {
  it("the far end receives the digits of sendDigits('1#9*') as RFC 4733 telephone-events, in order, each ended", async () => {
    const from = await call("erin", RFC4733);
    // The far end got a plain RTP offer (rtpengine removed ICE and DTLS), and answered with telephone-event/8000.
    const invite = await far.next((r) => r.type === "invite" && r.user === RFC4733, from);
    expect(invite.sdp).toMatch(/m=audio \d+ RTP\/AVP /);
    expect(invite.sdp).not.toMatch(/a=candidate|a=fingerprint/);
    const answered = await far.next((r) => r.type === "answered" && r.user === RFC4733, from);
    const eventType = Number(/a=rtpmap:(\d+) telephone-event\/8000/.exec(String(answered.sdp))?.[1]);
    expect(eventType).toBeGreaterThan(95);
    // The browser's side of the bridge is WebRTC, negotiated with telephone-events too.
    const bridged = await me.evaluate(() => (window as any).kit.call.peerConnection.remoteDescription.sdp as string);
    for (const part of [/m=audio \d+ RTP\/SAVPF /, /a=fingerprint:sha-256 /, /a=candidate:\S+ 1 udp \d+ 127\.0\.0\.1 /, /a=rtpmap:\d+ telephone-event\/8000/]) expect(bridged).toMatch(part);
    if (MEDIA_ISOLATION.ok) expect(await me.evaluate(() => (window as any).kit.selectedPair())).toEqual({ local: "127.0.0.1", remote: "127.0.0.1" });

    expect(await me.evaluate(() => (window as any).kit.command("digits", "1#9*"))).toMatchObject({ ok: true });
    await far.next(() => dtmfOf(far.reports, from, RFC4733).length >= 4, from);
    const events = dtmfOf(far.reports, from, RFC4733);
    expect(events.map((e) => e.digit)).toEqual(["1", "#", "9", "*"]);
    expect(events.map((e) => e.event)).toEqual([1, 11, 9, 10]);
    for (const event of events) {
      expect(event).toMatchObject({ end: true, payloadType: eventType });
      // The kit plays 100 ms tones: 800 timestamp units at 8000 Hz in the final packets (RFC 4733 2.5.1.3).
      expect(event.duration).toBe(800);
      expect(event.packets as number).toBeGreaterThan(1);
    }
    // Four distinct events (each its own RTP timestamp), and nothing went as SIP INFO.
    expect(new Set(events.map((e) => e.timestamp)).size).toBe(4);
    expect(far.reports.slice(from).filter((r) => r.type === "info")).toEqual([]);
  });

  it("when the far end did not negotiate telephone-events, the digits arrive as SIP INFO (application/dtmf-relay), and no RFC 4733 packet", async () => {
    const from = await call("frank", INFO_ONLY);
    const answered = await far.next((r) => r.type === "answered" && r.user === INFO_ONLY, from);
    expect(answered.sdp).not.toContain("telephone-event");
    expect(await me.evaluate(() => (window as any).kit.command("digits", "1#9*"))).toMatchObject({ ok: true });
    // sendDigits resolves once each INFO was accepted: all four are there.
    const infos = far.reports.slice(from).filter((r) => r.type === "info" && r.user === INFO_ONLY);
    expect(infos.map((r) => [r.contentType, r.body])).toEqual(
      ["1", "#", "9", "*"].map((digit) => ["application/dtmf-relay", `Signal=${digit}\r\nDuration=100`]),
    );
    expect((await far.stats(INFO_ONLY)).eventPackets).toBe(0);
    expect(dtmfOf(far.reports, from, INFO_ONLY)).toEqual([]);
  });
});
