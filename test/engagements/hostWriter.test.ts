// hostWriter against a simulated HubSpot. Asking HubSpot (hostWriter's CALL_COMPLETED, call.finalize()) must not leave
// abort listeners on long-lived signals: the client's lifetime signal lives as
// long as the page, and a caller's signal may be shared by many calls.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { type EngagementWriter, hostWriter } from "../../src/index";
import { settle, setup } from "../client/setup";

describe("asking HubSpot leaves no listeners behind", () => {
  it("hostWriter: none on the client's lifetime signal after 20 logged calls", async () => {
    const inner = hostWriter();
    let lifetime: AbortSignal | undefined;
    const writer: EngagementWriter = { write: (input) => ((lifetime = input.signal), inner.write(input)) };
    const { client, host } = await setup({ client: { writer } });
    for (let i = 0; i < 20; i++) {
      const call = await client.dial({ toNumber: "+16175550100" });
      await call.engagementId;
      await call.hangUp();
      await call.complete({ notes: `call ${i}` });
    }
    await settle();
    expect(host.received().filter((message) => message.type === "CALL_COMPLETED")).toHaveLength(20);
    expect(getEventListeners(lifetime!, "abort")).toHaveLength(0);
  });

  it("hostWriter: none when HubSpot answers UPDATE_ENGAGEMENT_FAILED", async () => {
    const inner = hostWriter();
    let lifetime: AbortSignal | undefined;
    const writer: EngagementWriter = { write: (input) => ((lifetime = input.signal), inner.write(input)) };
    const { client, host } = await setup({ client: { writer }, host: { autoUpdate: { fail: "Missing scope crm.objects.calls.write" } } });
    const call = await client.dial({ toNumber: "+16175550100" });
    await call.engagementId;
    await call.hangUp();
    const result = await call.complete().then(
      () => "written",
      (error: { code?: string }) => error.code,
    );
    expect(result).toBe("UPDATE_ENGAGEMENT_FAILED");
    expect(host.received().some((message) => message.type === "CALL_COMPLETED")).toBe(true);
    expect(getEventListeners(lifetime!, "abort")).toHaveLength(0);
  });

  it("finalize(): none on the caller's signal once HubSpot answered", async () => {
    const { client } = await setup();
    const shared = new AbortController();
    for (let i = 0; i < 5; i++) {
      const call = await client.dial({ toNumber: "+16175550100" });
      await call.hangUp();
      await call.finalize({ signal: shared.signal });
      await call.complete();
    }
    expect(getEventListeners(shared.signal, "abort")).toHaveLength(0);
  });
});

describe("hostWriter and HubSpot's answer", () => {
  it("resolves with the engagement it wrote when UPDATE_ENGAGEMENT_SUCCEEDED names none", async () => {
    const { client, host } = await setup({ host: { autoUpdate: false } });
    const call = await client.dial({ toNumber: "+16175550100" });
    const engagementId = await call.engagementId;
    await call.hangUp();
    const completing = call.complete({ notes: "Spoke about pricing" });
    await host.nextMessage("CALL_COMPLETED");
    host.send("UPDATE_ENGAGEMENT_SUCCEEDED", {});
    await expect(completing).resolves.toMatchObject({ engagementId });
  });
});
