import { describe, expect, it } from "vitest";
import { AbortError, createCallingClient, type ProviderCallEvent } from "../../src/index";
import { createFakeClock, createMemoryTransport, type SimulatedCall, simulatedProvider } from "../../src/testing/index";

const dial = (provider: ReturnType<typeof simulatedProvider>, signal = new AbortController().signal) =>
  provider.dial({ to: "+16175550100", externalCallId: "c1", signal });

describe("simulatedProvider", () => {
  it("rings, answers, and with remoteHangUpAfterMs the far end hangs up, on a fake clock", async () => {
    const clock = createFakeClock();
    const provider = simulatedProvider({ clock, ringAfterMs: 100, answerAfterMs: 400, remoteHangUpAfterMs: 30_000 });
    const call = await dial(provider);
    const events: ProviderCallEvent[] = [];
    call.subscribe((event) => events.push(event));
    clock.advance(500);
    expect(events).toEqual([{ type: "ringing" }, { type: "answered" }]);
    clock.advance(29_999);
    expect(provider.lastCall()?.state).toBe("connected");
    clock.advance(1);
    expect(events.at(-1)).toEqual({ type: "ended", reason: "completed" });
    expect(clock.pending).toBe(0);
  });

  it("setOutcome() changes the next calls, not the one ringing", async () => {
    const clock = createFakeClock();
    const provider = simulatedProvider({ clock });
    const first = await dial(provider);
    provider.setOutcome("busy");
    const second = await dial(provider);
    clock.runAll();
    expect(provider.calls.map((call) => call.endReason ?? call.state)).toEqual(["connected", "busy"]);
    expect(first).not.toBe(second);
  });

  it("rejects a dial whose signal is already aborted with an AbortError", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(dial(simulatedProvider(), controller.signal)).rejects.toBeInstanceOf(AbortError);
  });

  it("remoteAnswer() on an incoming call reports answered, and the client connects the call as answered here", async () => {
    const host = createMemoryTransport();
    const provider = simulatedProvider({ outcome: "manual" });
    const client = createCallingClient({ provider, transport: host.transport });
    try {
      host.sync();
      await client.ready({ timeout: 2_000 });
      await client.logIn();
      const incoming = provider.incoming({ from: "+16175550123", to: "+16175550199" });
      const events: ProviderCallEvent[] = [];
      incoming.subscribe((event) => events.push(event));
      incoming.remoteAnswer();
      expect(events).toEqual([{ type: "answered" }]);
      expect(incoming.state).toBe("connected");
      const call = client.getCall();
      await call?.connected;
      expect(client.getSnapshot().call).toMatchObject({ direction: "INBOUND", status: "connected" });
      expect((await host.nextMessage("CALL_ANSWERED")).data).toEqual({ externalCallId: call?.id });
    } finally {
      client.destroy();
    }
  });
});

describe("simulatedProvider: commandDelayMs (a slow voice backend)", () => {
  it("applies mute, hold and digits only when the delay is up", async () => {
    const clock = createFakeClock();
    const provider = simulatedProvider({ clock, outcome: "answer", ringAfterMs: 10, answerAfterMs: 10, commandDelayMs: 1_000 });
    const call = (await provider.dial({ to: "+16175550100", externalCallId: "c1", signal: new AbortController().signal })) as SimulatedCall;
    await clock.advanceAsync(20);
    let muted = false;
    const muting = Promise.resolve(call.mute?.(true)).then(() => (muted = true));
    await clock.advanceAsync(999);
    expect([call.muted, muted]).toEqual([false, false]);
    await clock.advanceAsync(1);
    await muting;
    expect(call.muted).toBe(true);
  });

  it("rejects a command still running when the call ends, and applies nothing", async () => {
    const clock = createFakeClock();
    const provider = simulatedProvider({ clock, outcome: "answer", ringAfterMs: 10, answerAfterMs: 10, commandDelayMs: 1_000 });
    const call = (await provider.dial({ to: "+16175550100", externalCallId: "c1", signal: new AbortController().signal })) as SimulatedCall;
    await clock.advanceAsync(20);
    const holding = Promise.resolve(call.hold?.(true));
    call.hangUp();
    await expect(holding).rejects.toThrow(/ended before/);
    await clock.advanceAsync(2_000);
    expect(call.held).toBe(false);
  });
});
