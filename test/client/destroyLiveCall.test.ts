import { describe, expect, it } from "vitest";
import { settle, setup } from "./setup";

describe("destroy() with a call in progress", () => {
  it("hangs up, tells HubSpot CALL_ENDED (COMPLETED) and emits callEnded before it stops", async () => {
    const { client, host, provider, events } = await setup();
    const call = await client.dial({ toNumber: "+16175550100" });
    await settle();
    provider.lastCall()?.remoteAnswer();
    await call.connected;
    client.destroy();
    await settle();
    const ended = await host.nextMessage("CALL_ENDED", { timeout: 1_000 });
    expect(ended.data).toMatchObject({ externalCallId: call.id, callEndStatus: "COMPLETED" });
    expect(provider.lastCall()?.state).toBe("ended");
    expect(events.filter((event) => event.type === "callEnded")).toHaveLength(1);
    expect(await call.ended).toMatchObject({ endStatus: "COMPLETED" });
  });

  it("cancels a call still dialing (CANCELED), and sends nothing more once destroyed", async () => {
    const { client, host } = await setup();
    const call = await client.dial({ toNumber: "+16175550100" });
    client.destroy();
    client.destroy();
    await settle();
    const ended = await host.nextMessage("CALL_ENDED", { timeout: 1_000 });
    expect(ended.data).toMatchObject({ externalCallId: call.id, callEndStatus: "CANCELED" });
    expect(host.received().filter((message) => message.type === "CALL_ENDED")).toHaveLength(1);
    await expect(client.dial({ toNumber: "+16175550100" })).rejects.toMatchObject({ code: "DESTROYED" });
  });

  it("sends no CALL_ENDED when no call is live", async () => {
    const { client, host } = await setup();
    client.destroy();
    await settle();
    expect(host.received().map((message) => message.type)).not.toContain("CALL_ENDED");
  });
});
