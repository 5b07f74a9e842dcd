// Real WebRTC audio through a real SIP server: the kit's provider in one
// Chromium page, a plain sip.js far end in another, Kamailio between them
// for the signalling, the media on 127.0.0.1 (fake microphones; inside a
// network namespace with only lo where the machine allows, see sipHarness).
import { spawnSync } from "node:child_process";
import { networkInterfaces } from "node:os";
import type { Page } from "playwright-core";
import { beforeAll, beforeEach, afterEach, describe, expect, it } from "vitest";
import { MEDIA_ISOLATION, poll, sipPerFile, until } from "./support/sipHarness";

const env = sipPerFile();
const HOST_ADDRESSES = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((entry) => entry.address));
const candidateAddresses = (sdp: string) => [
  ...new Set(sdp.split("\r\n").filter((line) => line.startsWith("a=candidate:")).map((line) => line.split(" ")[4])),
];
const ANSWER = "+16175550100";
type Stats = { bytesReceived: number; packetsReceived: number; bytesSent: number; packetsSent: number; totalAudioEnergy: number };

let far: Page;
let me: Page;
const farStats = () => far.evaluate(() => (window as any).farEnd.stats()) as Promise<Stats>;
const myStats = () => me.evaluate(() => (window as any).kit.stats()) as Promise<Stats>;
const command = (name: string, digits?: string) =>
  me.evaluate(([n, d]) => (window as any).kit.command(n, d), [name, digits] as const);

/** Bytes per packet the far end receives over the next `packets` packets. */
async function farBytesPerPacket(packets = 25): Promise<number> {
  const start = await farStats();
  const end = await poll(far, () => (window as any).farEnd.stats(), (s: Stats) => s.packetsReceived >= start.packetsReceived + packets);
  return (end.bytesReceived - start.bytesReceived) / (end.packetsReceived - start.packetsReceived);
}

/** The audio energy the far end heard over the next `packets` packets. */
async function farEnergy(packets: number): Promise<number> {
  const start = await farStats();
  const end = await poll(far, () => (window as any).farEnd.stats(), (s: Stats) => s.packetsReceived >= start.packetsReceived + packets);
  return end.totalAudioEnergy - start.totalAudioEnergy;
}

/** Waits (up to about 15 s) until the far end hears silence, or sound again: the encoder takes a moment to follow. */
async function farSettles(silent: boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const energy = await farEnergy(25);
    if (silent ? energy < 1e-6 : energy > 0) return;
  }
  throw new Error(`the far end's audio did not become ${silent ? "silent" : "audible"}`);
}

async function connect(options: Record<string, unknown> = {}) {
  me = await env.open("caller.html", "kit");
  await me.evaluate(([s, d, o]) => (window as any).kit.create({ server: s, domain: d, user: "alice", options: o }), [
    env.kamailio.url,
    env.kamailio.domain,
    options,
  ] as const);
  expect(await me.evaluate(() => (window as any).kit.start(10_000))).toEqual({ ok: true });
  expect(await me.evaluate((to) => (window as any).kit.dial(to), ANSWER)).toEqual({ ok: true });
  await until(me, "window.kit.events.some(e => e.type === 'answered')");
  // The media is up and the encoders past their start.
  await poll(far, () => (window as any).farEnd.stats(), (s: Stats | undefined) => (s?.packetsReceived ?? 0) > 50);
}

beforeAll(async () => {
  far = await env.open("far-end.html", "farEnd");
  await far.evaluate(([s, d, n]) => (window as any).farEnd.register(s, d, n, "answer"), [env.kamailio.url, env.kamailio.domain, ANSWER] as const);
});
afterEach(async () => {
  await me?.evaluate(() => (window as any).kit.stop());
  await me?.close();
});

describe("SIP provider media in Chromium through Kamailio", () => {
  beforeEach(() => connect());

  it("audio flows both ways and plays in the audio element", async () => {
    await poll(me, () => (window as any).kit.stats(), (s: Stats) => s.bytesReceived > 1_000 && s.bytesSent > 1_000);
    const theirs = await poll(far, () => (window as any).farEnd.stats(), (s: Stats) => s.bytesReceived > 1_000);
    expect(theirs.bytesSent).toBeGreaterThan(1_000);
    expect(await me.evaluate(() => (window as any).kit.audioElement())).toEqual({ hasStream: true, paused: false });
    expect(await me.evaluate(() => (window as any).kit.errors)).toEqual([]);
  });

  // One test, in whichever mode this machine allows (the harness announced a fallback on stderr):
  // never a skipped test in the counts.
  it(
    MEDIA_ISOLATION.ok
      ? "media is strictly on 127.0.0.1: both ends run in a network namespace with only lo, and both use 127.0.0.1 <-> 127.0.0.1"
      : "media stays on this machine (fallback without a network namespace): only 127.0.0.1 candidates are signalled, each side's pair starts on this machine",
    async () => {
      if (MEDIA_ISOLATION.ok) {
        // The namespace has no other address to offer (checked from inside it).
        const [file, args] = env.namespace!.command("ip", ["-o", "addr", "show"]);
        const addresses = spawnSync(file, args, { encoding: "utf8" }).stdout.trim().split("\n").map((line) => line.split(/\s+/).slice(1, 4).join(" "));
        expect(addresses.filter((line) => line.includes("inet "))).toEqual(["lo inet 127.0.0.1/8"]);
        // Nothing is filtered here: each side's own, unmodified candidates are 127.0.0.1 only,
        expect(candidateAddresses(await me.evaluate(() => (window as any).kit.localSdp()))).toEqual(["127.0.0.1"]);
        expect(candidateAddresses(await far.evaluate(() => (window as any).farEnd.localSdp()))).toEqual(["127.0.0.1"]);
        // and the pair ICE selected on each side is loopback at both of its ends.
        const pairs = [await me.evaluate(() => (window as any).kit.selectedPair()), await far.evaluate(() => (window as any).farEnd.selectedPair())];
        expect(pairs).toEqual([
          { local: "127.0.0.1", remote: "127.0.0.1" },
          { local: "127.0.0.1", remote: "127.0.0.1" },
        ]);
      } else {
        // A side's remote is the other's local, and both are addresses of this machine: no packet leaves it.
        expect(candidateAddresses(await me.evaluate(() => (window as any).kit.call.peerConnection.remoteDescription.sdp))).toEqual(["127.0.0.1"]);
        expect(candidateAddresses(await far.evaluate(() => (window as any).farEnd.remoteSdp()))).toEqual(["127.0.0.1"]);
        const pairs = [await me.evaluate(() => (window as any).kit.selectedPair()), await far.evaluate(() => (window as any).farEnd.selectedPair())];
        for (const pair of pairs) expect(HOST_ADDRESSES).toContain(pair.local);
      }
    },
  );

  it("mute silences the microphone (the far end decodes silence) and unmute brings the sound back", async () => {
    // The far end plays what it receives; the stats' totalAudioEnergy adds up what it heard.
    expect(await farEnergy(50)).toBeGreaterThan(0.001);
    expect(await command("mute")).toEqual({ ok: true, muted: true, held: false });
    expect(await me.evaluate(() => (window as any).kit.senderEnabled())).toEqual([false]);
    await farSettles(true);
    expect(await farEnergy(50)).toBeLessThan(1e-6);
    expect(await farBytesPerPacket()).toBeLessThan(10); // silence frames only
    expect(await command("unmute")).toEqual({ ok: true, muted: false, held: false });
    await farSettles(false);
    expect(await farEnergy(50)).toBeGreaterThan(0.001);
  });

  it("hold re-INVITEs (sendonly/recvonly) and stops the far end's media; resume restarts it", async () => {
    await poll(me, () => (window as any).kit.stats(), (s: Stats) => s.packetsReceived > 20);
    expect(await command("hold")).toEqual({ ok: true, muted: false, held: true });
    expect(await me.evaluate(() => (window as any).kit.direction())).toBe("sendonly");
    expect(await far.evaluate(() => (window as any).farEnd.direction())).toBe("recvonly");
    await farBytesPerPacket(10);
    const before = await myStats();
    const farBefore = await farStats();
    await farBytesPerPacket(25); // time passes: the far end keeps receiving our (silent) stream
    const after = await myStats();
    expect(after.packetsReceived).toBe(before.packetsReceived);
    expect((await farStats()).packetsSent).toBe(farBefore.packetsSent);

    expect(await command("resume")).toEqual({ ok: true, muted: false, held: false });
    expect(await me.evaluate(() => (window as any).kit.direction())).toBe("sendrecv");
    await poll(me, () => (window as any).kit.stats(), (s: Stats) => s.packetsReceived > after.packetsReceived + 20);
    expect(await farBytesPerPacket()).toBeGreaterThan(20);
  });

  it("DTMF goes as RFC 4733 telephone-events when both ends negotiated them", async () => {
    expect(await me.evaluate(() => (window as any).kit.localSdp())).toContain("telephone-event/8000");
    expect(await far.evaluate(() => (window as any).farEnd.remoteSdp())).toContain("telephone-event/8000");
    const sent = (await myStats()).packetsSent;
    expect(await command("digits", "12#")).toMatchObject({ ok: true });
    // Each tone was played into the RTP stream by the audio sender, in order.
    expect(await me.evaluate(() => (window as any).kit.tones)).toEqual(["1", "2", "#", ""]);
    expect((await myStats()).packetsSent).toBeGreaterThan(sent);
    // Not as SIP INFO.
    expect(await far.evaluate(() => (window as any).farEnd.infos.length)).toBe(0);
  });

  it("invalid DTMF digits are refused with a ValidationError and nothing is sent", async () => {
    expect(await command("digits", "12x")).toMatchObject({ ok: false, name: "ValidationError", code: "INVALID_INPUT" });
    expect(await me.evaluate(() => (window as any).kit.tones)).toEqual([]);
  });
});

describe("SIP provider DTMF over SIP INFO", () => {
  it('with dtmf: "info", each digit arrives at the far end as an INFO (application/dtmf-relay)', async () => {
    await connect({ dtmf: "info" });
    const before = await far.evaluate(() => (window as any).farEnd.infos.length);
    expect(await command("digits", "9*A")).toMatchObject({ ok: true });
    const infos = await far.evaluate(() => (window as any).farEnd.infos);
    expect(infos.slice(before)).toEqual(["Signal=9\r\nDuration=100", "Signal=*\r\nDuration=100", "Signal=A\r\nDuration=100"]);
  });
});
