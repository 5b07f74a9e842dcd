// Behaviour found by review: calls that can always be closed, commands that
// never hang, a provider that refuses, and a client that stays quiet once
// destroyed.
import { describe, expect, it } from "vitest";
import {
  createCallingClient,
  HostRequestError,
  type ProviderCall,
  type TelephonyProvider,
  TimeoutError,
} from "../../src/index";
import { createFakeClock, createMemoryTransport, simulatedProvider } from "../../src/testing/index";
import { failOnUnhandledRejections, settle, setup } from "./setup";

failOnUnhandledRejections();

describe("a call can always be closed", () => {
  it("discard() closes a call the writer could not log, so the next call can start", async () => {
    const { client, eventTypes } = await setup({ host: { autoUpdate: { fail: "Engagement was deleted" } } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.engagementId;
    await call.hangUp();
    await expect(call.complete({ notes: "x" })).rejects.toBeInstanceOf(HostRequestError);
    await expect(client.dial({ toNumber: "+16175550111" })).rejects.toMatchObject({ code: "INVALID_STATE" });
    await call.discard();
    expect(client.getSnapshot().call).toMatchObject({ status: "completed", engagement: { status: "failed" } });
    expect(eventTypes()).toContain("callDiscarded");
    const next = await client.dial({ toNumber: "+16175550111" });
    expect(next.id).not.toBe(call.id);
  });

  it("discard() is refused for a live call", async () => {
    const { client } = await setup();
    const call = await client.dial({ toNumber: "+16175550100" });
    await expect(call.discard()).rejects.toMatchObject({ code: "INVALID_STATE", state: "dialing" });
  });
});

describe("commands never hang on the provider", () => {
  function hangingProvider(): TelephonyProvider {
    const call: ProviderCall = { subscribe: () => () => {}, hangUp: () => new Promise(() => {}), mute: () => new Promise(() => {}) };
    return { dial: async () => call, listCallerNumbers: () => new Promise(() => {}) };
  }

  it("hangUp() times out if the provider never settles; the call has still ended", async () => {
    const host = createMemoryTransport();
    const client = createCallingClient({ provider: hangingProvider(), transport: host.transport });
    host.sync();
    await client.ready();
    await client.logIn();
    const call = await client.dial({ toNumber: "+16175550100" });
    await settle();
    const error = await call.hangUp({ timeout: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(client.getSnapshot().call?.status).toBe("ended");
    expect((await host.nextMessage("CALL_ENDED")).data.callEndStatus).toBe("CANCELED");
  });

  it("listCallerNumbers() honours its timeout", async () => {
    const client = createCallingClient({ provider: hangingProvider(), transport: createMemoryTransport().transport });
    await expect(client.listCallerNumbers({ timeout: 20 })).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe("a provider that refuses", () => {
  it("a refused mute is undone without asking the provider again, and the next command is unaffected", async () => {
    const mutes: boolean[] = [];
    const provider = simulatedProvider({ outcome: "manual" });
    const dial = provider.dial.bind(provider);
    provider.dial = async (request) => {
      const call = await dial(request);
      call.mute = (muted: boolean) => {
        mutes.push(muted);
        throw new Error("microphone busy");
      };
      return call;
    };
    const { client } = await setup({ client: { provider } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await settle();
    provider.lastCall()?.remoteAnswer();
    await call.connected;
    await expect(call.mute(true)).rejects.toMatchObject({ code: "PROVIDER_ERROR", message: expect.stringContaining("microphone busy") });
    expect(mutes).toEqual([true]);
    expect(client.getSnapshot().call?.muted).toBe(false);
    await expect(call.transfer()).resolves.toBeUndefined();
  });
});

describe("HubSpot's answers in unusual orders", () => {
  it("CREATE_ENGAGEMENT_FAILED after complete() started stops the wait for an id", async () => {
    const clock = createFakeClock({ now: 1_700_000_000_000 });
    const { host, client } = await setup({ host: { autoEngagement: false }, client: { clock, engagementIdTimeout: 60_000 } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.hangUp();
    const completing = call.complete({ notes: "no id" });
    await settle();
    host.send("CREATE_ENGAGEMENT_FAILED", { error: { message: "Missing scope" } });
    // The fake clock never reaches the 60 s id timeout: only the failure can unblock the write.
    await completing;
    const completed = await host.nextMessage("CALL_COMPLETED");
    expect(completed.data.engagementId).toBeUndefined();
    expect(completed.data.engagementProperties?.hs_call_body).toBe("no id");
  });

  it("finalize() rejects with HubSpot's message when FINALIZE_ENGAGEMENT fails", async () => {
    const { client } = await setup({ host: { autoFinalize: { fail: "Already finalized" } } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.engagementId;
    await call.hangUp();
    const error = await call.finalize().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "FINALIZE_ENGAGEMENT_FAILED", hostMessage: "Already finalized" });
  });

  it("complete({ timeout }) stops waiting when HubSpot never answers; the write goes on", async () => {
    const { client } = await setup({ host: { autoUpdate: false } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.engagementId;
    await call.hangUp();
    await expect(call.complete({ notes: "x" }, { timeout: 20 })).rejects.toBeInstanceOf(TimeoutError);
    expect(client.getSnapshot().call?.status).toBe("wrappingUp");
  });

  it("an outcome named like an Object method is sent as text, not as a function", async () => {
    const { host, client } = await setup();
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.engagementId;
    await call.hangUp();
    await call.complete({ outcome: "constructor" });
    expect((await host.nextMessage("CALL_COMPLETED")).data.engagementProperties?.hs_call_disposition).toBe("constructor");
  });
});

describe("outbound messages", () => {
  it("sends transfer, navigation, widget URL, resize and error messages as HubSpot expects", async () => {
    const { host, provider, client } = await setup();
    const call = await client.dial({ toNumber: "+16175550100" });
    await settle();
    provider.lastCall()?.remoteAnswer();
    await call.connected;
    await call.transfer();
    client.navigateToRecord({ objectCoordinates: { portalId: 1, objectId: 101, objectTypeId: "0-1" }, openIn: "NEW_TAB" });
    client.setWidgetUrl({ iFrameUrl: "https://phone.example.com/v2" });
    client.resizeWidget({ width: 420, height: 640 });
    client.sendError({ message: "Microphone blocked" });
    await settle();
    const sent = host.received().slice(-5);
    expect(sent).toEqual([
      { type: "CALL_TRANSFERRED", data: { externalCallId: call.id } },
      { type: "NAVIGATE_TO_RECORD", data: { objectCoordinates: { portalId: 1, objectId: 101, objectTypeId: "0-1" }, openIn: "NEW_TAB" } },
      { type: "SET_WIDGET_URL", data: { iFrameUrl: "https://phone.example.com/v2" } },
      { type: "RESIZE_WIDGET", data: { width: 420, height: 640 } },
      { type: "ERROR", data: { message: "Microphone blocked" } },
    ]);
  });
});

describe("life cycle", () => {
  it("'ready' listeners may log in at once: INITIALIZED has already gone out", async () => {
    const host = createMemoryTransport();
    const client = createCallingClient({ provider: simulatedProvider(), transport: host.transport });
    const loggedIn = new Promise((resolve, reject) => client.on("ready", () => client.logIn().then(resolve, reject)));
    host.sync();
    await loggedIn;
    await settle();
    expect(host.received().map((m) => m.type)).toEqual(["INITIALIZED", "LOGGED_IN"]);
  });

  it("refuses an invalid initialize option at creation", () => {
    expect(() =>
      createCallingClient({ provider: simulatedProvider(), transport: createMemoryTransport().transport, initialize: { isLoggedIn: "yes" as unknown as boolean } }),
    ).toThrow(/initialize\.isLoggedIn expected a boolean/);
  });

  it("a destroyed client sends nothing more to HubSpot", async () => {
    const { host, client } = await setup();
    client.destroy();
    expect(() => client.resizeWidget({ width: 400, height: 600 })).toThrow(/destroyed/);
    expect(() => client.sendError({ message: "x" })).toThrow(/destroyed/);
    await settle();
    expect(host.received().map((m) => m.type)).toEqual(["INITIALIZED", "LOGGED_IN"]);
  });
});
