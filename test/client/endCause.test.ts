// The voice backend's own code for how a call ended (a SIP status, a Q.850
// cause), reported by a provider on `ended`/`failed`, reaches the snapshot,
// `callEnded` and `call.ended`; a malformed one is dropped with a warning and
// never keeps the call from ending.
import { describe, expect, it } from "vitest";
import type { CallingEvents, EndCause, ProviderCall, ProviderCallEvent } from "../../src/index";
import { failOnUnhandledRejections, settle, setup } from "./setup";

failOnUnhandledRejections();

const busy: EndCause = { protocol: "SIP", code: 486, text: "Busy Here" };

describe("end cause", () => {
  it("a remote end's cause reaches the snapshot, callEnded and call.ended", async () => {
    const { client, provider, events } = await setup();
    const call = await client.dial({ toNumber: "+16175550100" });
    await settle();
    provider.lastCall()?.remoteHangUp("busy", { cause: busy });
    const ended = await call.ended;
    expect(ended).toEqual({ endStatus: "BUSY", error: null, cause: busy });
    expect(call.snapshot.endCause).toEqual(busy);
    const payload = events.find((event) => event.type === "callEnded")?.payload as CallingEvents["callEnded"];
    expect(payload.cause).toEqual(busy);
  });

  it("a failure's cause is kept next to the error", async () => {
    const { client, provider } = await setup();
    const call = await client.dial({ toNumber: "+16175550100" });
    await settle();
    const cause = { protocol: "SIP", code: 503, text: "Service Unavailable" };
    provider.lastCall()?.fail(new Error("SIP 503 Service Unavailable"), { cause });
    const ended = await call.ended;
    expect(ended.endStatus).toBe("FAILED");
    expect(ended.error?.code).toBe("PROVIDER_ERROR");
    expect(ended.cause).toEqual(cause);
    expect(call.snapshot.endCause).toEqual(cause);
  });

  it("is null when this side hung up, and when the provider gave none", async () => {
    const { client, provider } = await setup();
    const first = await client.dial({ toNumber: "+16175550100" });
    await settle();
    provider.lastCall()?.remoteAnswer();
    await first.connected;
    await first.hangUp();
    expect((await first.ended).cause).toBeNull();
    expect(first.snapshot.endCause).toBeNull();
    await first.discard();
    const second = await client.dial({ toNumber: "+16175550100" });
    await settle();
    provider.lastCall()?.remoteHangUp("noAnswer");
    expect(await second.ended).toEqual({ endStatus: "NO_ANSWER", error: null, cause: null });
  });

  it("a malformed cause is dropped with a warning; the call still ends as reported", async () => {
    let listener: ((event: ProviderCallEvent) => void) | undefined;
    const providerCall: ProviderCall = { subscribe: (l) => ((listener = l), () => (listener = undefined)), hangUp: () => {} };
    const { client, events } = await setup({ client: { provider: { dial: async () => providerCall } } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await settle();
    listener?.({ type: "ended", reason: "busy", cause: { protocol: "SIP", code: -1, text: "x".repeat(500) } });
    expect(await call.ended).toEqual({ endStatus: "BUSY", error: null, cause: null });
    const warnings = events.filter((event) => event.type === "warning").map((event) => event.payload);
    expect(warnings).toEqual([{ code: "unexpectedProviderEvent", message: expect.stringContaining("malformed cause on ended") }]);
  });

  it("a cause without text is kept with text \"\"", async () => {
    let listener: ((event: ProviderCallEvent) => void) | undefined;
    const providerCall: ProviderCall = { subscribe: (l) => ((listener = l), () => (listener = undefined)), hangUp: () => {} };
    const { client } = await setup({ client: { provider: { dial: async () => providerCall } } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await settle();
    listener?.({ type: "failed", error: new Error("gone"), cause: { protocol: "Q.850", code: 41 } as EndCause });
    expect((await call.ended).cause).toEqual({ protocol: "Q.850", code: 41, text: "" });
  });
});
