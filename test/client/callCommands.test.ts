// Call commands against a provider whose answers the test controls: what the
// snapshot and HubSpot see while answer(), mute() and hold() are pending, and
// after the provider accepts or refuses them, whether or not the caller still
// waits.
import { describe, expect, it } from "vitest";
import {
  AbortError,
  type Call,
  CallEndedError,
  type CallingEvents,
  InvalidStateError,
  type ProviderCall,
  type ProviderCallEvent,
  ProviderError,
  type TelephonyProvider,
  TimeoutError,
} from "../../src/index";
import type { IncomingProviderCall } from "../../src/providers/telephonyProvider";
import { createFakeClock, type MemoryHost } from "../../src/testing/index";
import { failOnUnhandledRejections, settle, setup } from "./setup";

failOnUnhandledRejections();

/** A provider answer the test settles. */
type Pending = { readonly value: boolean; resolve(): void; reject(error: unknown): void };

function pending(value: boolean, into: Pending[]): Promise<void> {
  return new Promise<void>((resolve, reject) => void into.push({ value, resolve, reject }));
}

/**
 * One provider call whose answer(), mute() and hold() return promises the
 * test settles one by one; it dials out, or rings in with `ring()`.
 */
function controllableProvider(extra: Partial<TelephonyProvider> = {}) {
  const answers: Pending[] = [];
  const mutes: Pending[] = [];
  const holds: Pending[] = [];
  let listener: ((event: ProviderCallEvent) => void) | undefined;
  let onIncoming: ((incoming: IncomingProviderCall) => void) | undefined;
  const call: ProviderCall = {
    subscribe(l) {
      listener = l;
      return () => (listener = undefined);
    },
    hangUp: () => {},
    reject: () => {},
    answer: () => pending(true, answers),
    mute: (muted) => pending(muted, mutes),
    hold: (held) => pending(held, holds),
  };
  const provider: TelephonyProvider = {
    dial: async () => call,
    onIncoming(l) {
      onIncoming = l;
      return () => (onIncoming = undefined);
    },
    ...extra,
  };
  return {
    provider,
    answers,
    mutes,
    holds,
    report: (event: ProviderCallEvent) => listener?.(event),
    ring: () => onIncoming?.({ call, from: "+16175550123", to: "+16175550199" }),
  };
}

type Fixture = Omit<Awaited<ReturnType<typeof setup>>, "provider"> & ReturnType<typeof controllableProvider>;

/** A connected outbound call on a controllable provider. */
async function connected(options: Parameters<typeof setup>[0] = {}): Promise<Fixture & { call: Call }> {
  const control = controllableProvider();
  const fixture = await setup({ ...options, client: { ...options.client, provider: control.provider } });
  const call = await fixture.client.dial({ toNumber: "+16175550100" });
  await settle();
  control.report({ type: "answered" });
  await call.connected;
  return { ...fixture, ...control, call };
}

/** An incoming call on a controllable provider, not answered yet. */
async function ringing(): Promise<Fixture & { call: Call }> {
  const control = controllableProvider();
  const fixture = await setup({ client: { provider: control.provider } });
  control.ring();
  const call = fixture.client.getCall();
  if (!call) throw new Error("the incoming call did not arrive");
  return { ...fixture, ...control, call };
}

/** Records how a promise settled, so a test can look without awaiting it. */
function observe<T>(promise: Promise<T>) {
  const seen: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(seen, { settled: true, value }),
    (error: unknown) => Object.assign(seen, { settled: true, error }),
  );
  return seen;
}

const sentTypes = (fixture: { host: MemoryHost }) => fixture.host.received().map((message) => message.type);

describe("mute() and hold(): a refusal undoes only what it touched", () => {
  it("a failed hold does not undo a mute the provider accepted meanwhile", async () => {
    const { call, mutes, holds } = await connected();
    const muting = call.mute(true);
    const holding = call.hold(true);
    expect(call.snapshot).toMatchObject({ muted: true, status: "onHold" });
    mutes[0]?.resolve();
    await muting;
    holds[0]?.reject(new Error("hold not allowed"));
    await expect(holding).rejects.toBeInstanceOf(ProviderError);
    expect(call.snapshot).toMatchObject({ muted: true, status: "connected" });
  });

  it("a failed mute does not undo a hold the provider accepted meanwhile", async () => {
    const { call, mutes, holds } = await connected();
    const muting = call.mute(true);
    const holding = call.hold(true);
    holds[0]?.resolve();
    await holding;
    mutes[0]?.reject(new Error("microphone busy"));
    await expect(muting).rejects.toMatchObject({ code: "PROVIDER_ERROR", message: expect.stringContaining("microphone busy") });
    expect(call.snapshot).toMatchObject({ muted: false, status: "onHold" });
  });

  it("a mute the caller stopped waiting for (abort) is still undone when the provider refuses later", async () => {
    const { call, mutes } = await connected();
    const controller = new AbortController();
    const muting = call.mute(true, { signal: controller.signal });
    controller.abort();
    await expect(muting).rejects.toBeInstanceOf(AbortError);
    expect(call.snapshot.muted).toBe(true);
    mutes[0]?.reject(new Error("microphone busy"));
    await settle();
    expect(call.snapshot.muted).toBe(false);
  });

  it("a hold that timed out is still undone when the provider refuses later", async () => {
    const clock = createFakeClock({ now: 1_700_000_000_000 });
    const { call, holds } = await connected({ client: { clock } });
    const holding = observe(call.hold(true, { timeout: 1_000 }));
    await clock.advanceAsync(1_000);
    expect(holding.error).toBeInstanceOf(TimeoutError);
    expect(call.snapshot.status).toBe("onHold");
    holds[0]?.reject(new Error("hold not allowed"));
    await settle();
    expect(call.snapshot.status).toBe("connected");
  });

  it("a refusal of an older command never undoes a newer one on the same field", async () => {
    const { call, mutes } = await connected();
    const first = call.mute(true);
    const second = call.mute(true);
    mutes[0]?.reject(new Error("busy"));
    await expect(first).rejects.toBeInstanceOf(ProviderError);
    expect(call.snapshot.muted).toBe(true);
    mutes[1]?.resolve();
    await second;
    expect(call.snapshot.muted).toBe(true);
  });

  it("when both are refused, newest first or oldest first, the field ends as it was before both", async () => {
    for (const order of [[1, 0], [0, 1]]) {
      const { call, mutes, client } = await connected();
      const commands = [call.mute(true), call.mute(false)];
      expect(call.snapshot.muted).toBe(false);
      for (const index of order) {
        mutes[index]?.reject(new Error("busy"));
        await expect(commands[index]).rejects.toBeInstanceOf(ProviderError);
        // Newest refused first: back to the older, still pending mute(true) meanwhile.
        if (index === 1 && order[0] === 1) expect(call.snapshot.muted).toBe(true);
      }
      expect(call.snapshot.muted).toBe(false);
      client.destroy();
    }
  });

  it("an older command's success after a newer one's refusal keeps the older value", async () => {
    const { call, mutes } = await connected();
    const first = call.mute(true);
    const second = call.mute(false);
    mutes[1]?.reject(new Error("busy"));
    await expect(second).rejects.toBeInstanceOf(ProviderError);
    mutes[0]?.resolve();
    await first;
    expect(call.snapshot.muted).toBe(true);
  });

  it("{ timeout: undefined } keeps the 15 s limit on the provider", async () => {
    const clock = createFakeClock({ now: 1_700_000_000_000 });
    const { call } = await connected({ client: { clock } });
    const muting = observe(call.mute(true, { timeout: undefined }));
    await clock.advanceAsync(14_999);
    expect(muting.settled).toBe(false);
    await clock.advanceAsync(1);
    expect(muting.error).toBeInstanceOf(TimeoutError);
  });
});

describe("answer(): the call connects once the provider confirmed", () => {
  it("stays incoming (answering) until answer() resolves, then sends CALL_ANSWERED and connects", async () => {
    const fixture = await ringing();
    const { call, answers, eventTypes } = fixture;
    const answering = observe(call.answer());
    await settle();
    expect(call.snapshot).toMatchObject({ status: "incoming", answering: true, answeredAt: null });
    expect(sentTypes(fixture)).not.toContain("CALL_ANSWERED");
    expect(eventTypes()).not.toContain("callConnected");
    answers[0]?.resolve();
    await settle();
    expect(answering).toMatchObject({ settled: true, value: undefined });
    expect(call.snapshot).toMatchObject({ status: "connected", answering: false });
    expect(call.snapshot.answeredAt).not.toBeNull();
    expect(sentTypes(fixture).filter((type) => type === "CALL_ANSWERED")).toHaveLength(1);
    expect(eventTypes().filter((type) => type === "callConnected")).toHaveLength(1);
  });

  it("the provider's `answered` report connects too; answer() resolving after it changes nothing", async () => {
    const fixture = await ringing();
    const { call, answers, report, eventTypes } = fixture;
    const answering = call.answer();
    report({ type: "answered" });
    expect(call.snapshot.status).toBe("connected");
    answers[0]?.resolve();
    await answering;
    expect(sentTypes(fixture).filter((type) => type === "CALL_ANSWERED")).toHaveLength(1);
    expect(eventTypes()).not.toContain("warning");
  });

  it("a caller who hangs up while the provider is still answering is logged MISSED, never answered", async () => {
    const fixture = await ringing();
    const { call, answers, report, host } = fixture;
    const answering = call.answer();
    report({ type: "ended", reason: "completed" });
    expect((await host.nextMessage("CALL_ENDED")).data.callEndStatus).toBe("MISSED");
    expect(call.snapshot).toMatchObject({ status: "ended", endStatus: "MISSED", answeredAt: null, answering: false });
    // The provider's answer() then fails (nothing left to answer): reported to the caller, nothing else changes.
    answers[0]?.reject(new Error("call is gone"));
    await expect(answering).rejects.toBeInstanceOf(ProviderError);
    expect(call.snapshot.endStatus).toBe("MISSED");
    expect(sentTypes(fixture)).not.toContain("CALL_ANSWERED");
  });

  it("a provider that fails to answer after the caller's wait timed out still fails the call", async () => {
    const clock = createFakeClock({ now: 1_700_000_000_000 });
    const control = controllableProvider();
    const fixture = await setup({ client: { provider: control.provider, clock } });
    const ended = new Promise<CallingEvents["callEnded"]>((resolve) => fixture.client.on("callEnded", resolve));
    control.ring();
    const call = fixture.client.getCall();
    const answering = observe(call?.answer({ timeout: 1_000 }) ?? Promise.reject(new Error("no call")));
    await clock.advanceAsync(1_000);
    expect(answering.error).toBeInstanceOf(TimeoutError);
    expect(call?.snapshot.status).toBe("incoming");
    control.answers[0]?.reject(new Error("media negotiation failed"));
    const { endStatus, error } = await ended;
    expect(endStatus).toBe("FAILED");
    expect(error).toMatchObject({ code: "PROVIDER_ERROR", message: expect.stringContaining("media negotiation failed") });
    expect((await fixture.host.nextMessage("CALL_ENDED")).data.callEndStatus).toBe("FAILED");
    expect(sentTypes(fixture)).not.toContain("CALL_ANSWERED");
  });

  it("a second answer() while the provider is answering is refused", async () => {
    const { call, answers } = await ringing();
    const first = call.answer();
    await expect(call.answer()).rejects.toBeInstanceOf(InvalidStateError);
    answers[0]?.resolve();
    await first;
    expect(answers).toHaveLength(1);
  });
});

describe("listCallerNumbers(): provider failures are ProviderErrors, waits are bounded", () => {
  it("wraps a synchronous throw and a rejection as PROVIDER_ERROR, the provider's error kept as cause", async () => {
    const thrown = new Error("not signed in");
    for (const listCallerNumbers of [
      () => {
        throw thrown;
      },
      () => Promise.reject(thrown),
    ]) {
      const { client } = await setup({ client: { provider: controllableProvider({ listCallerNumbers }).provider } });
      const error = await client.listCallerNumbers().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ code: "PROVIDER_ERROR", cause: thrown, message: expect.stringContaining("not signed in") });
      client.destroy();
    }
  });

  it("waits at most 15 s by default", async () => {
    const clock = createFakeClock({ now: 1_700_000_000_000 });
    const provider = controllableProvider({ listCallerNumbers: () => new Promise<string[]>(() => {}) }).provider;
    const { client } = await setup({ client: { provider, clock } });
    const listing = observe(client.listCallerNumbers());
    await clock.advanceAsync(14_999);
    expect(listing.settled).toBe(false);
    await clock.advanceAsync(1);
    expect(listing.error).toBeInstanceOf(TimeoutError);
  });
});

describe("waitFor(): states passed, and states of the other direction", () => {
  it("waitFor(\"onHold\") resolves after hold(true); hold(false): the call has been on hold", async () => {
    const { call, holds } = await connected();
    const holding = call.hold(true);
    holds[0]?.resolve();
    await holding;
    const resuming = call.hold(false);
    holds[1]?.resolve();
    await resuming;
    expect(call.snapshot).toMatchObject({ status: "connected", hasBeenOnHold: true });
    await expect(call.waitFor("onHold", { timeout: 1_000 })).resolves.toMatchObject({ status: "connected" });
  });

  it("waitFor(\"onHold\") on a call that was never held and ended rejects with CallEndedError", async () => {
    const { call } = await connected();
    await call.hangUp();
    await expect(call.waitFor("onHold")).rejects.toBeInstanceOf(CallEndedError);
  });

  it("waitFor(\"dialing\") on a live inbound call and waitFor(\"incoming\") on an outbound one are InvalidStateErrors", async () => {
    const inbound = await ringing();
    const wrongWay = await inbound.call.waitFor("dialing").catch((e: unknown) => e);
    expect(wrongWay).toBeInstanceOf(InvalidStateError);
    expect(wrongWay).not.toBeInstanceOf(CallEndedError);
    expect(wrongWay).toMatchObject({ message: expect.stringContaining("an inbound call is never \"dialing\"") });
    inbound.client.destroy();

    const outbound = await connected();
    await expect(outbound.call.waitFor("incoming")).rejects.toBeInstanceOf(InvalidStateError);
    await expect(outbound.call.waitFor("dialing")).resolves.toMatchObject({ status: "connected" });
  });
});
