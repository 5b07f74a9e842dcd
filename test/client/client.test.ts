import { describe, expect, it } from "vitest";
import {
  AbortError,
  CallEndedError,
  HostRequestError,
  InvalidStateError,
  isCallingError,
  TimeoutError,
  ValidationError,
} from "../../src/index";
import { settle, setup } from "./setup";

describe("createCallingClient: full outbound flow", () => {
  it("dials HubSpot's request, connects, ends and logs the engagement through HubSpot", async () => {
    const { host, provider, client, eventTypes } = await setup();
    expect(host.received().map((m) => m.type)).toEqual(["INITIALIZED", "LOGGED_IN"]);

    const requested = new Promise((resolve) => client.on("dialRequested", resolve));
    host.dialNumber({ phoneNumber: "+1 (617) 555-0100" });
    await requested;

    const call = await client.dial();
    const started = await host.nextMessage("OUTGOING_CALL_STARTED");
    expect(started.data).toMatchObject({ externalCallId: call.id, toNumber: "+1 (617) 555-0100", createEngagement: true });
    expect(call.id).toMatch(/^[0-9a-f-]{36}$/);

    const engagementId = await call.engagementId;
    expect(engagementId).toBeGreaterThan(2 ** 31);

    await settle();
    provider.lastCall()?.ring();
    provider.lastCall()?.remoteAnswer();
    await call.connected;
    expect((await host.nextMessage("CALL_ANSWERED")).data).toEqual({ externalCallId: call.id });

    await call.hangUp();
    const ended = await call.ended;
    expect(ended).toEqual({ endStatus: "COMPLETED", error: null, cause: null });
    expect((await host.nextMessage("CALL_ENDED")).data).toEqual({
      externalCallId: call.id,
      callEndStatus: "COMPLETED",
      engagementId,
    });

    const result = await call.complete({ notes: "Wants a demo", outcome: "connected" });
    expect(result).toEqual({ engagementId, queued: false });
    const completed = await host.nextMessage("CALL_COMPLETED");
    expect(completed.data).toMatchObject({
      externalCallId: call.id,
      engagementId,
      engagementProperties: {
        hs_call_body: "Wants a demo",
        hs_call_status: "COMPLETED",
        hs_call_direction: "OUTBOUND",
        hs_call_to_number: "+1 (617) 555-0100",
        hs_call_disposition: "f240bbac-87c9-4f6e-bf70-924b57d47db7",
        hs_call_callee_object_id: "3000000101",
        hs_call_callee_object_type: "CONTACT",
        hubspot_owner_id: "55555555",
      },
    });
    expect(host.engagements.get(engagementId)?.hs_call_body).toBe("Wants a demo");
    expect(client.getSnapshot().call).toMatchObject({ status: "completed", engagement: { status: "written", id: engagementId } });
    expect(eventTypes()).toEqual([
      "ready", "dialRequested", "callStarted", "engagementCreated", "callRinging", "callConnected",
      "callEnded", "callCompleted", "engagementWritten",
    ]);
    // Every message about the call carries its externalCallId.
    for (const message of host.received()) {
      if (message.data && "externalCallId" in message.data) expect(message.data.externalCallId).toBe(call.id);
    }
  });

  it("reports the duration in milliseconds from answer to hang-up", async () => {
    let now = 1_700_000_000_000;
    const clock = { now: () => now, setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as number) };
    const { host, provider, client } = await setup({ client: { clock } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await settle();
    now += 5_000;
    provider.lastCall()?.remoteAnswer();
    now += 42_000;
    await call.hangUp();
    await call.complete();
    const completed = await host.nextMessage("CALL_COMPLETED");
    expect(completed.data.engagementProperties).toMatchObject({ hs_call_duration: "42000", hs_timestamp: "1700000000000" });
  });
});

describe("calls that do not connect", () => {
  for (const [reason, status] of [["busy", "BUSY"], ["noAnswer", "NO_ANSWER"]] as const) {
    it(`${reason}: call.connected rejects with CallEndedError, CALL_ENDED says ${status}`, async () => {
      const { host, provider, client } = await setup();
      const call = await client.dial({ toNumber: "+16175550100" });
      await settle();
      provider.lastCall()?.remoteHangUp(reason);
      const error = await call.connected.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CallEndedError);
      expect((error as CallEndedError).endStatus).toBe(status);
      expect((await host.nextMessage("CALL_ENDED")).data.callEndStatus).toBe(status);
    });
  }

  it("a provider failure ends the call FAILED with the provider's error", async () => {
    const { provider, client, events } = await setup();
    const call = await client.dial({ toNumber: "+16175550100" });
    await settle();
    provider.lastCall()?.fail(new Error("ICE connection failed"));
    const { endStatus, error } = await call.ended;
    expect(endStatus).toBe("FAILED");
    expect(isCallingError(error, "PROVIDER_ERROR")).toBe(true);
    expect(error?.message).toContain("ICE connection failed");
    expect(events.find((e) => e.type === "callEnded")?.payload).toMatchObject({ endStatus: "FAILED" });
  });

  it("dial() rejected by the provider ends the call FAILED (nothing hangs)", async () => {
    const { host, client } = await setup({ provider: { dialError: new Error("Microphone permission denied") } });
    const call = await client.dial({ toNumber: "+16175550100" });
    const { endStatus, error } = await call.ended;
    expect(endStatus).toBe("FAILED");
    expect(error?.message).toContain("Microphone permission denied");
    expect((await host.nextMessage("CALL_ENDED")).data.callEndStatus).toBe("FAILED");
  });

  it("hanging up while the provider is still dialing cancels the provider's call", async () => {
    const { provider, client } = await setup();
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.hangUp();
    expect((await call.ended).endStatus).toBe("CANCELED");
    await settle();
    expect(provider.lastCall()?.state).toBe("ended");
  });
});

describe("HubSpot's messages", () => {
  it("END_CALL from HubSpot hangs the call up", async () => {
    const { host, provider, client, eventTypes } = await setup();
    const call = await client.dial({ toNumber: "+16175550100" });
    await settle();
    provider.lastCall()?.remoteAnswer();
    await call.connected;
    host.send("END_CALL");
    expect((await call.ended).endStatus).toBe("COMPLETED");
    expect(provider.lastCall()?.state).toBe("ended");
    expect(eventTypes()).toContain("endCallRequested");
  });

  it("CREATE_ENGAGEMENT_FAILED rejects call.engagementId with HubSpot's message; the call still completes", async () => {
    const { host, provider, client, eventTypes } = await setup({ host: { autoEngagement: { fail: "Missing scope crm.objects.calls.write" } } });
    const call = await client.dial({ toNumber: "+16175550100" });
    const error = await call.engagementId.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostRequestError);
    expect((error as HostRequestError).code).toBe("CREATE_ENGAGEMENT_FAILED");
    expect((error as HostRequestError).hostMessage).toBe("Missing scope crm.objects.calls.write");
    expect(eventTypes()).toContain("engagementCreateFailed");
    await settle();
    provider.lastCall()?.remoteHangUp("noAnswer");
    await call.ended;
    await call.complete({ notes: "no engagement" });
    expect((await host.nextMessage("CALL_COMPLETED")).data.engagementId).toBeUndefined();
  });

  it("UPDATE_ENGAGEMENT_FAILED rejects complete(), reports it, and complete() can be retried", async () => {
    const { host, client, events } = await setup({ host: { autoUpdate: { fail: "Engagement was deleted" } } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.engagementId;
    await call.hangUp();
    const error = await call.complete({ notes: "x" }).catch((e: unknown) => e);
    expect(isCallingError(error, "UPDATE_ENGAGEMENT_FAILED")).toBe(true);
    expect((error as Error).message).toContain("Engagement was deleted");
    expect(events.find((e) => e.type === "engagementWriteFailed")?.payload).toMatchObject({ attempt: 1, willRetry: false });
    expect(client.getSnapshot().call).toMatchObject({ status: "ended", engagement: { status: "failed" } });
    await host.nextMessage("CALL_COMPLETED");
    const retry = call.complete({ notes: "x" });
    await expect(retry).rejects.toThrow(/Engagement was deleted/);
    expect(host.received().filter((m) => m.type === "CALL_COMPLETED")).toHaveLength(2);
  });

  it("an engagement id arriving after the call ended still attaches and resolves call.engagementId", async () => {
    const { host, client } = await setup({ host: { autoEngagement: false } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.hangUp();
    await call.ended;
    host.send("CREATE_ENGAGEMENT_SUCCEEDED", { engagementId: 31_000_000_007 });
    expect(await call.engagementId).toBe(31_000_000_007);
    expect(client.getSnapshot().call?.engagement).toMatchObject({ id: 31_000_000_007, status: "created" });
  });

  it("complete() waits for a late engagement id and writes with it", async () => {
    const { host, client } = await setup({ host: { autoEngagement: false } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.hangUp();
    const completing = call.complete({ notes: "late" });
    await settle();
    expect(host.received().some((m) => m.type === "CALL_COMPLETED")).toBe(false);
    host.send("ENGAGEMENT_CREATED", { engagementId: 44 });
    const result = await completing;
    expect(result.engagementId).toBe(44);
    expect((await host.nextMessage("CALL_COMPLETED")).data.engagementId).toBe(44);
  });

  it("a DIAL_NUMBER sent twice triggers one dialRequested", async () => {
    const { host, eventTypes } = await setup();
    host.dialNumber({ startTimestamp: 1_700_000_000_000 });
    host.dialNumber({ startTimestamp: 1_700_000_000_000 });
    await settle();
    expect(eventTypes().filter((t) => t === "dialRequested")).toHaveLength(1);
  });

  it("other *_FAILED messages surface as hostError with HubSpot's message", async () => {
    const { host, events } = await setup();
    host.send("NAVIGATE_TO_RECORD_FAILED", { error: { message: "Record not found" } });
    await settle();
    const payload = events.find((e) => e.type === "hostError")?.payload as { error: HostRequestError };
    expect(payload.error.code).toBe("NAVIGATE_TO_RECORD_FAILED");
    expect(payload.error.hostMessage).toBe("Record not found");
  });

  it("malformed messages become protocolError and change nothing", async () => {
    const { host, client, events } = await setup();
    const before = client.getSnapshot();
    host.sendRaw({ type: "DIAL_NUMBER", messageId: "1", data: { phoneNumber: 12 } });
    host.sendRaw(null);
    host.sendRaw({ type: "CREATE_ENGAGEMENT_SUCCEEDED", messageId: "2", data: { engagementId: "abc" } });
    await settle();
    expect(client.getSnapshot()).toBe(before);
    expect(events.filter((e) => e.type === "protocolError")).toHaveLength(3);
  });
});

describe("commands, timeouts and aborts", () => {
  it("commands in the wrong state reject with InvalidStateError and send nothing", async () => {
    const { host, client } = await setup({ login: false });
    const sent = host.received().length;
    const error = await client.dial({ toNumber: "+16175550100" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidStateError);
    expect((error as InvalidStateError).state).toBe("loggedOut");
    expect((error as Error).message).toBe("Cannot dial() while loggedOut: log in first");
    await settle();
    expect(host.received()).toHaveLength(sent);
  });

  it("bad input rejects with ValidationError listing every problem", async () => {
    const { client } = await setup();
    const error = await client.dial({ toNumber: "call me", fromNumber: 5 as unknown as string }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(["toNumber", "fromNumber"]);
    expect(() => client.resizeWidget({ width: -1, height: 600 })).toThrow(ValidationError);
    expect(() => client.setWidgetUrl({ iFrameUrl: "http://evil.example/" })).toThrow(/https/);
  });

  it("ready() times out with TimeoutError when HubSpot never syncs", async () => {
    const { createMemoryTransport, simulatedProvider } = await import("../../src/testing/index");
    const { createCallingClient } = await import("../../src/index");
    const client = createCallingClient({ provider: simulatedProvider(), transport: createMemoryTransport().transport });
    const error = await client.ready({ timeout: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(20);
  });

  it("waitFor() rejects with AbortError when its signal aborts, and the call goes on", async () => {
    const { provider, client } = await setup();
    const call = await client.dial({ toNumber: "+16175550100" });
    const controller = new AbortController();
    const waiting = call.waitFor("connected", { signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortError);
    await settle();
    provider.lastCall()?.remoteAnswer();
    await call.connected;
  });

  it("waitFor() resolves at once for a state already passed", async () => {
    const { provider, client } = await setup();
    const call = await client.dial({ toNumber: "+16175550100" });
    await settle();
    provider.lastCall()?.remoteAnswer();
    await call.connected;
    await expect(call.waitFor("ringing")).resolves.toMatchObject({ status: "connected" });
  });

  it("destroy() rejects pending awaitables with DESTROYED and hangs up a live call", async () => {
    const { provider, client } = await setup();
    const call = await client.dial({ toNumber: "+16175550100" });
    await settle();
    provider.lastCall()?.remoteAnswer();
    await call.connected;
    const waiting = call.waitFor("completed");
    client.destroy();
    await expect(waiting).rejects.toMatchObject({ code: "DESTROYED" });
    expect(provider.lastCall()?.state).toBe("ended");
    await expect(client.logOut()).rejects.toMatchObject({ code: "DESTROYED" });
  });

  it("mute, hold and DTMF reach the provider", async () => {
    const { provider, client } = await setup();
    const call = await client.dial({ toNumber: "+16175550100" });
    await settle();
    provider.lastCall()?.remoteAnswer();
    await call.connected;
    await call.mute(true);
    await call.hold(true);
    await call.sendDigits("12#");
    expect(provider.lastCall()).toMatchObject({ muted: true, held: true, digits: "12#" });
    expect(client.getSnapshot().call).toMatchObject({ status: "onHold", muted: true });
    await call.hold(false);
    expect(client.getSnapshot().call?.status).toBe("connected");
  });
});

describe("inbound calls", () => {
  it("reports INCOMING_CALL, receives caller-ID matches, answers and completes", async () => {
    const { host, provider, client, events } = await setup();
    const incoming = new Promise<{ call: { id: string; answer(): Promise<void> } }>((resolve) => client.on("incomingCall", resolve));
    provider.incoming({ from: "+16175550123", to: "+16175550199" });
    const { call } = await incoming;
    const reported = await host.nextMessage("INCOMING_CALL");
    expect(reported.data).toMatchObject({ externalCallId: call.id, fromNumber: "+16175550123", toNumber: "+16175550199" });
    host.send("CALLER_ID_MATCH_SUCCEEDED", {
      callerIdMatches: [{ callerIdType: "CONTACT", objectCoordinates: { portalId: 1, objectId: 101, objectTypeId: "0-1" }, firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" }],
    });
    await settle();
    expect(events.find((e) => e.type === "callerIdMatched")?.payload).toMatchObject({ matches: [{ firstName: "Ada" }] });
    await call.answer();
    expect((await host.nextMessage("CALL_ANSWERED")).data).toEqual({ externalCallId: call.id });
    provider.lastCall()?.remoteHangUp();
    await settle();
    expect(client.getSnapshot().call?.endStatus).toBe("COMPLETED");
    await client.getCall()?.complete({ notes: "inbound" });
    const completed = await host.nextMessage("CALL_COMPLETED");
    expect(completed.data.engagementProperties).toMatchObject({ hs_call_direction: "INBOUND", hs_call_callee_object_id: "101" });
  });

  it("an incoming call that is not answered is MISSED", async () => {
    const { host, provider } = await setup();
    provider.incoming({ from: "+16175550123", to: "+16175550199" });
    await settle();
    provider.lastCall()?.remoteHangUp();
    expect((await host.nextMessage("CALL_ENDED")).data.callEndStatus).toBe("MISSED");
  });
});
