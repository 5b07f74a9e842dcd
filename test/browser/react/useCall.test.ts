import { act, cleanup, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidStateError, isCallingError } from "../../../src/index";
import { CallingProvider, type UseCallResult, useCall } from "../../../src/react/index";
import { connectedClient, drive, h } from "./setup";

afterEach(() => cleanup());

function recorder() {
  const results: UseCallResult[] = [];
  function CallView() {
    const result = useCall();
    results.push(result);
    return h("p", { "data-testid": "call" }, result.call ? `${result.call.direction} ${result.call.status}` : "no call");
  }
  return { results, CallView, latest: () => results.at(-1) as UseCallResult };
}

describe("useCall", () => {
  it("has no call at first, and its commands reject with InvalidStateError", async () => {
    const { client } = await connectedClient();
    const { CallView, latest } = recorder();
    render(h(CallingProvider, { client }, h(CallView)));
    expect(latest().call).toBeNull();
    expect(latest().handle).toBeNull();
    const error = await latest().hangUp().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidStateError);
    expect(isCallingError(error, "INVALID_STATE")).toBe(true);
    await expect(latest().complete({ notes: "x" })).rejects.toBeInstanceOf(InvalidStateError);
    client.destroy();
  });

  it("drives an outbound call to completion through its commands, which stay the same functions", async () => {
    const { host, provider, client } = await connectedClient();
    const { CallView, results, latest } = recorder();
    render(h(CallingProvider, { client }, h(CallView)));
    const first = latest();

    await drive(() => client.dial({ toNumber: "+16175550100" }));
    expect(screen.getByTestId("call").textContent).toBe("OUTBOUND dialing");
    expect(latest().handle?.id).toBe(latest().call?.id);
    expect(latest().handle).toBe(client.getCall());

    await drive(() => provider.lastCall()?.remoteAnswer());
    expect(latest().call?.status).toBe("connected");
    await drive(() => latest().sendDigits("12#"));
    expect(provider.lastCall()?.digits).toBe("12#");
    await drive(() => latest().mute(true));
    expect(latest().call?.muted).toBe(true);
    expect(provider.lastCall()?.muted).toBe(true);
    await drive(() => latest().hold(true));
    expect(latest().call?.status).toBe("onHold");
    await drive(() => latest().hold(false));

    await drive(() => latest().hangUp());
    expect(latest().call?.status).toBe("ended");
    expect(latest().call?.endStatus).toBe("COMPLETED");

    let engagementId: unknown;
    await drive(async () => {
      ({ engagementId } = await latest().complete({ notes: "Wants a demo", outcome: "connected" }));
    });
    expect(latest().call?.status).toBe("completed");
    expect(engagementId).toBeDefined();
    expect(host.engagements.get(engagementId as number)).toMatchObject({ hs_call_body: "Wants a demo" });

    // Every render handed out the very same command functions.
    expect(results.length).toBeGreaterThan(5);
    for (const result of results) {
      for (const name of ["hangUp", "answer", "reject", "mute", "hold", "sendDigits", "complete", "discard", "transfer", "finalize"] as const) {
        expect(result[name], name).toBe(first[name]);
      }
    }
    client.destroy();
  });

  it("discards a dial that failed before it connected: the call closes unlogged and the line is free", async () => {
    const { host, client } = await connectedClient({ dialError: new DOMException("Permission denied", "NotAllowedError") });
    const { CallView, latest } = recorder();
    render(h(CallingProvider, { client }, h(CallView)));
    await expect(latest().discard()).rejects.toBeInstanceOf(InvalidStateError);

    await drive(() => client.dial({ toNumber: "+16175550100" }).catch(() => undefined));
    expect(latest().call).toMatchObject({ status: "ended", endStatus: "FAILED", answeredAt: null });
    await drive(() => latest().discard());
    expect(screen.getByTestId("call").textContent).toBe("OUTBOUND completed");
    expect(host.messages().map((m) => m.type)).not.toContain("CALL_COMPLETED");
    await expect(latest().discard()).rejects.toBeInstanceOf(InvalidStateError);
    client.destroy();
  });

  it("tells HubSpot of a transfer and finalizes the engagement through its commands", async () => {
    const { host, provider, client } = await connectedClient();
    const { CallView, latest } = recorder();
    render(h(CallingProvider, { client }, h(CallView)));
    await expect(latest().transfer()).rejects.toBeInstanceOf(InvalidStateError);
    await expect(latest().finalize()).rejects.toBeInstanceOf(InvalidStateError);

    await drive(() => client.dial({ toNumber: "+16175550100" }));
    // Not connected yet: the machine refuses a transfer.
    await expect(latest().transfer()).rejects.toBeInstanceOf(InvalidStateError);
    await drive(() => provider.lastCall()?.remoteAnswer());
    await drive(() => latest().transfer());
    const callId = latest().call?.id;
    expect(host.messages().filter((m) => m.type === "CALL_TRANSFERRED").map((m) => m.data)).toEqual([{ externalCallId: callId }]);

    await drive(() => latest().hangUp());
    const engagementId = await latest().handle?.engagementId;
    await drive(() => latest().finalize({ timeout: 5_000 }));
    expect(host.messages().filter((m) => m.type === "FINALIZE_ENGAGEMENT").map((m) => m.data)).toEqual([{ externalCallId: callId, engagementId }]);
    client.destroy();
  });

  it("answers and declines incoming calls", async () => {
    const { provider, client } = await connectedClient();
    await client.setAvailable(true);
    const { CallView, latest } = recorder();
    render(h(CallingProvider, { client }, h(CallView)));

    await drive(() => provider.incoming({ from: "+16175550123", to: "+16175550199" }));
    expect(screen.getByTestId("call").textContent).toBe("INBOUND incoming");
    await drive(() => latest().answer());
    expect(latest().call?.status).toBe("connected");
    await drive(() => latest().hangUp());
    await drive(() => latest().complete());

    await drive(() => provider.incoming({ from: "+16175550124", to: "+16175550199" }));
    expect(latest().call?.status).toBe("incoming");
    expect(latest().call?.fromNumber).toBe("+16175550124");
    await drive(() => latest().reject());
    expect(latest().call).toMatchObject({ status: "ended", endStatus: "REJECTED" });
    expect(provider.lastCall()?.endReason).toBe("rejected");
    client.destroy();
  });

  it("does not re-render for session changes and keeps its result object while the call is unchanged", async () => {
    const { client } = await connectedClient();
    const { CallView, results } = recorder();
    let bump: () => void = () => {};
    function Parent() {
      const [n, setN] = useState(0);
      bump = () => setN(n + 1);
      return h("div", { "data-n": n }, h(CallView));
    }
    render(h(CallingProvider, { client }, h(Parent)));
    await drive(() => client.dial({ toNumber: "+16175550100" }));
    const rendersBefore = results.length;
    await drive(() => client.setAvailable(true));
    expect(results.length).toBe(rendersBefore);
    act(() => bump());
    expect(results.length).toBe(rendersBefore + 1);
    expect(results.at(-1)).toBe(results.at(-2));
    client.destroy();
  });
});
