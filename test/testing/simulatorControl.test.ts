import { afterEach, describe, expect, it } from "vitest";
import { createCallingClient } from "../../src/index";
import {
  acceptSimulatorControl,
  createMemoryTransport,
  type SimulatedProvider,
  type SimulatorCommand,
  simulatedProvider,
} from "../../src/testing/index";
import { CONTROL_OFFER, type ControlResponse } from "../../src/testing/simulatorControl";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/**
 * Plays the page that hosts the widget: a window whose parent receives the
 * control offer (a real MessagePort), and a `send()` that asks over it.
 */
function controlledFromParent(provider: SimulatedProvider) {
  let port: MessagePort | undefined;
  const parent = {
    postMessage(message: unknown, origin: string, transfer: MessagePort[]) {
      expect(message).toEqual({ [CONTROL_OFFER]: 1 });
      expect(origin).toBe("http://localhost:5173");
      port = transfer[0];
    },
  };
  const close = acceptSimulatorControl(provider, {
    hostOrigin: "http://localhost:5173",
    window: { parent } as unknown as Window,
  });
  closers.push(() => {
    close();
    port?.close();
  });
  let nextId = 1;
  const send = (command: SimulatorCommand) =>
    new Promise<ControlResponse>((resolve) => {
      if (!port) throw new Error("the widget offered no control port");
      const id = nextId++;
      port.onmessage = (event: MessageEvent<ControlResponse>) => {
        if (event.data.id === id) resolve(event.data);
      };
      port.postMessage({ id, command });
    });
  return { send };
}

describe("acceptSimulatorControl", () => {
  it("remoteHangUp after an incoming call was declined on a busy line hangs up the call in progress", async () => {
    const host = createMemoryTransport();
    const provider = simulatedProvider({ outcome: "manual" });
    const client = createCallingClient({ provider, transport: host.transport });
    closers.push(() => client.destroy());
    host.sync();
    await client.ready({ timeout: 2_000 });
    await client.logIn();
    const { send } = controlledFromParent(provider);

    const call = await client.dial({ toNumber: "+16175550100" });
    expect(await send({ type: "remoteAnswer" })).toMatchObject({ ok: true });
    await call.connected;

    // The line is busy: the client declines the second call, which ends at once.
    expect(await send({ type: "incomingCall", from: "+16175550123", to: "+16175550199" })).toMatchObject({ ok: true });
    await settle();
    expect(provider.calls.map((c) => c.state)).toEqual(["connected", "ended"]);
    expect(provider.lastCall()?.endReason).toBe("rejected");

    expect(await send({ type: "remoteHangUp" })).toMatchObject({ ok: true });
    expect(provider.calls[0]?.endReason).toBe("completed");
    expect((await host.nextMessage("CALL_ENDED")).data.callEndStatus).toBe("COMPLETED");
    expect(client.getSnapshot().call).toMatchObject({ id: call.id, status: "ended", endStatus: "COMPLETED" });
  });

  it("refuses call commands with \"no live call\" once every call has ended, and before any call", async () => {
    const provider = simulatedProvider({ outcome: "manual" });
    const { send } = controlledFromParent(provider);

    expect(await send({ type: "ring" })).toMatchObject({ ok: false, error: expect.stringContaining("no live call") });

    const outbound = await provider.dial({ to: "+16175550100", externalCallId: "c1", signal: new AbortController().signal });
    outbound.hangUp();
    provider.incoming({ from: "+16175550123", to: "+16175550199" }).reject?.();
    for (const type of ["ring", "remoteAnswer", "remoteHangUp", "fail"] as const) {
      expect(await send({ type })).toMatchObject({ ok: false, error: expect.stringContaining("no live call") });
    }
    expect(provider.calls.map((c) => c.endReason)).toEqual(["canceled", "rejected"]);
  });

  it("acts on the newest live call: a later call that ended does not hide an earlier one still ringing", async () => {
    const provider = simulatedProvider({ outcome: "manual" });
    const { send } = controlledFromParent(provider);
    await provider.dial({ to: "+16175550100", externalCallId: "c1", signal: new AbortController().signal });
    const declined = provider.incoming({ from: "+16175550123", to: "+16175550199" });
    declined.reject?.();

    expect(await send({ type: "ring" })).toEqual({ id: 1, ok: true });
    expect(await send({ type: "fail", message: "Lost the network" })).toEqual({ id: 2, ok: true });
    expect(provider.calls.map((c) => c.endReason)).toEqual(["failed", "rejected"]);
  });
});
