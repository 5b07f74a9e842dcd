// The bridge between the client and a telephony provider, with providers that
// misbehave in the ways real ones do: an unsubscribe() or subscribe() that
// throws, events replayed inside subscribe(), `ended` reported synchronously
// from hangUp()/reject(), and a hang-up while dial() is still in flight.
import { describe, expect, it } from "vitest";
import {
  type IncomingProviderCall,
  type Logger,
  type ProviderCall,
  type ProviderCallEvent,
  ProviderError,
  type TelephonyProvider,
  TimeoutError,
} from "../../src/index";
import { failOnUnhandledRejections, settle, setup } from "./setup";

failOnUnhandledRejections();

/** A logger that keeps what was logged as errors. */
function errorLog() {
  const errors: { message: string; details: unknown }[] = [];
  const ignore = () => {};
  const logger: Logger = { debug: ignore, info: ignore, warn: ignore, error: (message, details) => errors.push({ message, details }) };
  return { logger, errors };
}

/** A hand-written provider call that counts what the client did with it. */
function scriptedCall(overrides: Partial<ProviderCall> = {}) {
  const stats = { subscribed: 0, unsubscribed: 0, hungUp: 0, rejected: 0 };
  let listener: ((event: ProviderCallEvent) => void) | undefined;
  const call: ProviderCall = {
    subscribe(l) {
      stats.subscribed++;
      listener = l;
      return () => void stats.unsubscribed++;
    },
    hangUp: () => void stats.hungUp++,
    reject: () => void stats.rejected++,
    ...overrides,
  };
  const report = (event: ProviderCallEvent) => listener?.(event);
  return { call, stats, report };
}

/** A provider whose incoming calls the test reports by hand. */
function inboundProvider() {
  let incoming: ((call: IncomingProviderCall) => void) | undefined;
  const provider: TelephonyProvider = {
    dial: async () => scriptedCall().call,
    onIncoming(listener) {
      incoming = listener;
      return () => (incoming = undefined);
    },
  };
  const ring = (call: ProviderCall) => incoming?.({ call, from: "+16175550123", to: "+16175550199" });
  return { provider, ring };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Tracks whether a promise settled, without awaiting it. */
function track(promise: Promise<unknown>) {
  const state = { settled: false, error: undefined as unknown };
  promise.then(
    () => (state.settled = true),
    (error: unknown) => ((state.settled = true), (state.error = error)),
  );
  return state;
}

const ended = (received: { type: string }[]) => received.filter((m) => m.type === "CALL_ENDED");

describe("a provider's unsubscribe() that throws", () => {
  const throwingUnsubscribe = () => {
    let listener: ((event: ProviderCallEvent) => void) | undefined;
    const { call } = scriptedCall({
      subscribe(l) {
        listener = l;
        return () => {
          throw new Error("session already closed");
        };
      },
    });
    return { call, report: (event: ProviderCallEvent) => listener?.(event) };
  };

  it("does not stop the call from ending when the far end hangs up", async () => {
    const { call: providerCall, report } = throwingUnsubscribe();
    const { logger, errors } = errorLog();
    const { client, host, eventTypes } = await setup({ client: { provider: { dial: async () => providerCall }, logger } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await settle();
    report({ type: "answered" });
    expect(() => report({ type: "ended", reason: "completed" })).not.toThrow();
    expect(call.snapshot).toMatchObject({ status: "ended", endStatus: "COMPLETED" });
    expect(ended(host.received())).toHaveLength(1);
    expect(eventTypes()).toContain("callEnded");
    expect(errors.map((e) => e.message).join()).toMatch(/unsubscribe/);
  });

  it("does not stop hangUp() from ending the call, telling HubSpot and listeners", async () => {
    const { call: providerCall, report } = throwingUnsubscribe();
    const { logger, errors } = errorLog();
    const { client, host, eventTypes } = await setup({ client: { provider: { dial: async () => providerCall }, logger } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await settle();
    report({ type: "answered" });
    await expect(call.hangUp()).resolves.toBeUndefined();
    expect(call.snapshot).toMatchObject({ status: "ended", endStatus: "COMPLETED" });
    expect(ended(host.received())).toHaveLength(1);
    expect(eventTypes()).toContain("callEnded");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.details).toMatchObject({ message: "session already closed" });
  });

  it("does not stop destroy() from ending a live call", async () => {
    const { call: providerCall, report } = throwingUnsubscribe();
    const { logger } = errorLog();
    const { client, host, eventTypes } = await setup({ client: { provider: { dial: async () => providerCall }, logger } });
    await client.dial({ toNumber: "+16175550100" });
    await settle();
    expect(() => client.destroy()).not.toThrow();
    expect(ended(host.received())).toHaveLength(1);
    expect(eventTypes()).toContain("callEnded");
  });
});

describe("a provider's subscribe() that throws", () => {
  it("fails an outbound call with a ProviderError and hangs up the provider's call", async () => {
    const { call: providerCall, stats } = scriptedCall({
      subscribe: () => {
        throw new Error("socket closed");
      },
    });
    const { logger, errors } = errorLog();
    const { client, host } = await setup({ client: { provider: { dial: async () => providerCall }, logger } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await settle();
    expect(call.snapshot.status).toBe("ended");
    const info = await call.ended;
    expect(info.endStatus).toBe("FAILED");
    expect(info.error).toBeInstanceOf(ProviderError);
    expect((info.error as ProviderError).cause).toMatchObject({ message: "socket closed" });
    expect(stats.hungUp).toBe(1);
    expect(errors.map((e) => e.message)).toEqual(["Provider subscribe() failed"]);
    expect(ended(host.received())).toEqual([
      { type: "CALL_ENDED", data: expect.objectContaining({ externalCallId: call.id, callEndStatus: "FAILED" }) },
    ]);
  });

  it("declines an incoming call with a warning; nothing reaches HubSpot and the line stays free", async () => {
    const { provider, ring } = inboundProvider();
    const { logger, errors } = errorLog();
    const { client, host, events } = await setup({ client: { provider, logger } });
    const { call: providerCall, stats } = scriptedCall({
      subscribe: () => {
        throw new Error("socket closed");
      },
    });
    expect(() => ring(providerCall)).not.toThrow();
    await settle();
    expect(stats.rejected).toBe(1);
    expect(client.getSnapshot().call).toBeNull();
    expect(host.received().filter((m) => m.type === "INCOMING_CALL")).toEqual([]);
    expect(events.filter((e) => e.type === "warning").map((e) => e.payload)).toEqual([
      expect.objectContaining({ code: "unexpectedProviderEvent" }),
    ]);
    expect(errors[0]?.details).toMatchObject({ message: "socket closed" });
    await expect(client.dial({ toNumber: "+16175550100" })).resolves.toBeTruthy();
  });
});

describe("a provider that replays queued events inside subscribe()", () => {
  /** A call whose subscribe() reports `queued` at once, before returning. */
  function replaying(queued: ProviderCallEvent[]) {
    const stats = { unsubscribed: 0, hungUp: 0, rejected: 0 };
    const call: ProviderCall = {
      subscribe(listener) {
        for (const event of queued) listener(event);
        return () => void stats.unsubscribed++;
      },
      hangUp: () => void stats.hungUp++,
      reject: () => void stats.rejected++,
    };
    return { call, stats };
  }

  it("outbound: handles them in order and removes its listener", async () => {
    const { call: providerCall, stats } = replaying([
      { type: "ringing" },
      { type: "answered" },
      { type: "ended", reason: "completed" },
    ]);
    const { client, eventTypes } = await setup({ client: { provider: { dial: async () => providerCall } } });
    const call = await client.dial({ toNumber: "+16175550100" });
    const info = await call.ended;
    expect(info.endStatus).toBe("COMPLETED");
    expect(eventTypes().filter((t) => t.startsWith("call"))).toEqual(["callStarted", "callRinging", "callConnected", "callEnded"]);
    expect(eventTypes()).not.toContain("warning");
    expect(stats.unsubscribed).toBe(1);
  });

  it("inbound: the call is announced before its events, ends as they say and is not followed any more", async () => {
    const { provider, ring } = inboundProvider();
    const { client, host, eventTypes } = await setup({ client: { provider } });
    const { call: providerCall, stats } = replaying([{ type: "ended", reason: "canceled" }]);
    ring(providerCall);
    await settle();
    const call = client.getCall();
    expect(call?.snapshot).toMatchObject({ direction: "INBOUND", status: "ended", endStatus: "MISSED" });
    expect(eventTypes().filter((t) => t.endsWith("Call") || t.startsWith("call"))).toEqual(["incomingCall", "callEnded"]);
    expect(eventTypes()).not.toContain("warning");
    expect(host.received().map((m) => m.type).filter((t) => t === "INCOMING_CALL" || t === "CALL_ENDED")).toEqual([
      "INCOMING_CALL",
      "CALL_ENDED",
    ]);
    expect(stats.unsubscribed).toBe(1);
  });

  it("inbound: an answered call replayed at once is connected", async () => {
    const { provider, ring } = inboundProvider();
    const { client, eventTypes } = await setup({ client: { provider } });
    const { call: providerCall, stats } = replaying([{ type: "answered" }]);
    ring(providerCall);
    await settle();
    expect(client.getCall()?.snapshot.status).toBe("connected");
    expect(eventTypes()).not.toContain("warning");
    await client.getCall()?.hangUp();
    expect(stats).toMatchObject({ unsubscribed: 1, hungUp: 1 });
  });

  it("keeps the order when handling one event makes the provider report another", async () => {
    // answer() reports `answered` synchronously while the client is still handling the replayed `ringing`.
    const { provider, ring } = inboundProvider();
    const { client, eventTypes } = await setup({ client: { provider } });
    let listener: ((event: ProviderCallEvent) => void) | undefined;
    const providerCall: ProviderCall = {
      subscribe(l) {
        listener = l;
        return () => (listener = undefined);
      },
      answer: () => listener?.({ type: "answered" }),
      hangUp: () => listener?.({ type: "ended", reason: "completed" }),
    };
    ring(providerCall);
    const call = client.getCall();
    await call?.answer();
    expect(call?.snapshot.status).toBe("connected");
    await call?.hangUp();
    expect(call?.snapshot.endStatus).toBe("COMPLETED");
    expect(eventTypes()).not.toContain("warning");
  });
});

describe("ending a call ourselves", () => {
  it("a call declined on a busy line whose provider reports `ended` at once raises no unexpectedProviderEvent", async () => {
    const { client, provider, events } = await setup();
    const call = await client.dial({ toNumber: "+16175550100" });
    provider.lastCall()?.remoteAnswer();
    await call.connected;
    const declined = provider.incoming({ from: "+16175550123", to: "+16175550199" });
    await settle();
    expect(declined.endReason).toBe("rejected");
    expect(events.filter((e) => e.type === "warning").map((e) => (e.payload as { code: string }).code)).toEqual([
      "incomingWhileBusy",
    ]);
    expect(client.getCall()?.snapshot.status).toBe("connected");
  });
});

describe("hangUp() while dialing", () => {
  it("resolves only after dial() resolved and the provider's call was hung up", async () => {
    const dialing = deferred<ProviderCall>();
    const hangingUp = deferred<void>();
    const { call: providerCall, stats } = scriptedCall({ hangUp: () => hangingUp.promise.then(() => void stats.hungUp++) });
    let signal: AbortSignal | undefined;
    const { client, host } = await setup({
      client: { provider: { dial: (request) => ((signal = request.signal), dialing.promise) } },
    });
    const call = await client.dial({ toNumber: "+16175550100" });
    const hangUp = track(call.hangUp());
    await settle();
    expect(signal?.aborted).toBe(true);
    expect(call.snapshot).toMatchObject({ status: "ended", endStatus: "CANCELED" });
    expect(ended(host.received())).toHaveLength(1);
    expect(hangUp.settled).toBe(false);

    dialing.resolve(providerCall);
    await settle();
    expect(hangUp.settled).toBe(false);
    expect(stats.subscribed).toBe(0);

    hangingUp.resolve();
    await settle();
    expect(hangUp).toEqual({ settled: true, error: undefined });
    expect(stats.hungUp).toBe(1);
  });

  it("reports a failure of that hang-up to the caller as a PROVIDER_ERROR", async () => {
    const dialing = deferred<ProviderCall>();
    const { call: providerCall } = scriptedCall({ hangUp: () => Promise.reject(new Error("backend unreachable")) });
    const { logger, errors } = errorLog();
    const { client } = await setup({ client: { provider: { dial: () => dialing.promise }, logger } });
    const call = await client.dial({ toNumber: "+16175550100" });
    const hangUp = call.hangUp();
    dialing.resolve(providerCall);
    const error = await hangUp.catch((e: unknown) => e);
    // Like any hangUp() the provider refuses: a PROVIDER_ERROR with the provider's error as cause.
    expect(error).toMatchObject({ code: "PROVIDER_ERROR", cause: { message: "backend unreachable" } });
    expect(errors.map((e) => e.message)).toEqual(["Provider hangUp() failed"]);
    expect(call.snapshot.status).toBe("ended");
  });

  it("resolves when dial() gives up because of the abort; there is nothing to hang up", async () => {
    const { client, events } = await setup({
      client: {
        provider: {
          dial: ({ signal }) =>
            new Promise<ProviderCall>((_, reject) => signal.addEventListener("abort", () => reject(new Error("aborted")))),
        },
      },
    });
    const call = await client.dial({ toNumber: "+16175550100" });
    await expect(call.hangUp()).resolves.toBeUndefined();
    expect(call.snapshot.endStatus).toBe("CANCELED");
    expect(events.filter((e) => e.type === "callEnded")).toHaveLength(1);
  });

  it("is bounded by the command's timeout when dial() never settles", async () => {
    const { client } = await setup({ client: { provider: { dial: () => new Promise<ProviderCall>(() => {}) } } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await expect(call.hangUp({ timeout: 20 })).rejects.toBeInstanceOf(TimeoutError);
    expect(call.snapshot.status).toBe("ended");
  });
});
