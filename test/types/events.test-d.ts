import { describe, expectTypeOf, it } from "vitest";
import {
  type Call,
  type CallingClient,
  type CallStatus,
  type DialRequest,
  type EndStatus,
  type HostContext,
  type HubSpotId,
  type InboundMessage,
  type OutboundMessage,
  type CallingError,
  createCallingClient,
} from "../../src/index";
import { createMemoryTransport, simulatedProvider } from "../../src/testing/index";

declare const client: CallingClient;

describe("event payloads are inferred", () => {
  it("from the event name", () => {
    client.on("callEnded", (payload) => {
      expectTypeOf(payload.endStatus).toEqualTypeOf<EndStatus>();
      expectTypeOf(payload.call).toEqualTypeOf<Call>();
      expectTypeOf(payload.error).toEqualTypeOf<CallingError | null>();
    });
    client.on("dialRequested", ({ request }) => expectTypeOf(request).toEqualTypeOf<DialRequest>());
    client.on("ready", ({ host }) => expectTypeOf(host).toEqualTypeOf<HostContext>());
    client.on("engagementCreated", ({ engagementId }) => expectTypeOf(engagementId).toEqualTypeOf<HubSpotId>());
    expectTypeOf(client.on("warning", () => {})).toEqualTypeOf<() => void>();
  });

  it("rejects wrong event names and wrong payloads", () => {
    // @ts-expect-error: no such event
    client.on("callFinished", () => {});
    // @ts-expect-error: callEnded has no `reason`
    client.on("callEnded", ({ reason }) => reason);
    // @ts-expect-error: the listener's parameter type does not match the payload
    client.on("ready", (payload: { host: number }) => payload);
    // @ts-expect-error: emit is never public
    client.emit("ready", {});
  });
});

describe("messages and snapshots", () => {
  it("narrows inbound messages by type", () => {
    const handle = (message: InboundMessage) => {
      if (message.type === "DIAL_NUMBER") expectTypeOf(message.data.calleeInfo?.calleeId).toEqualTypeOf<number | undefined>();
      if (message.type === "SYNC") expectTypeOf(message.data.hostUrl).toEqualTypeOf<string>();
      if (message.type === "END_CALL") expectTypeOf(message.data).toEqualTypeOf<undefined>();
    };
    expectTypeOf(handle).toBeFunction();
  });

  it("refuses outbound messages with the wrong payload", () => {
    const ok: OutboundMessage = { type: "CALL_ENDED", data: { externalCallId: "x", callEndStatus: "BUSY" } };
    expectTypeOf(ok).toMatchTypeOf<OutboundMessage>();
    // @ts-expect-error: not an end status HubSpot knows
    const badStatus: OutboundMessage = { type: "CALL_ENDED", data: { externalCallId: "x", callEndStatus: "INTERNAL_BUSY" } };
    // @ts-expect-error: RESIZE_WIDGET needs width and height
    const badSize: OutboundMessage = { type: "RESIZE_WIDGET", data: { width: 400 } };
    expectTypeOf([badStatus, badSize]).toBeArray();
  });

  it("types the snapshot and the call handle", () => {
    const snapshot = client.getSnapshot();
    expectTypeOf(snapshot.call?.status).toEqualTypeOf<CallStatus | undefined>();
    expectTypeOf(snapshot.session.status).toEqualTypeOf<"connecting" | "ready" | "loggedOut" | "loggedIn">();
    // @ts-expect-error: snapshots are read-only
    snapshot.session.status = "loggedIn";
    const call = {} as Call;
    expectTypeOf(call.engagementId).toEqualTypeOf<Promise<HubSpotId>>();
    // @ts-expect-error: not a call state
    void call.waitFor("answered");
  });

  it("requires a provider and takes the memory transport", () => {
    const host = createMemoryTransport();
    createCallingClient({ provider: simulatedProvider(), transport: host.transport });
    // @ts-expect-error: provider is required
    createCallingClient({ transport: host.transport });
  });
});
