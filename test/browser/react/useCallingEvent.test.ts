import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { CallingEventListener, CallingEvents, CallingEventType } from "../../../src/index";
import { CallingProvider, useCallingEvent } from "../../../src/react/index";
import { type CallingClient, connectedClient, drive, h } from "./setup";

afterEach(() => cleanup());

/** Counts the client's event subscriptions, and how many are still live. */
function countSubscriptions(client: CallingClient) {
  const counts = { subscribed: 0, live: 0 };
  const on = client.on.bind(client);
  client.on = (<K extends CallingEventType>(type: K, listener: CallingEventListener<K>) => {
    counts.subscribed += 1;
    counts.live += 1;
    const off = on(type, listener);
    let done = false;
    return () => {
      if (!done) counts.live -= 1;
      done = true;
      off();
    };
  }) as CallingClient["on"];
  return counts;
}

describe("useCallingEvent", () => {
  it("calls the latest handler with the payload, subscribing once, and cleans up on unmount", async () => {
    const { host, client } = await connectedClient();
    const counts = countSubscriptions(client);
    const calls: string[] = [];
    function Listener({ label }: { label: string }) {
      useCallingEvent("dialRequested", ({ request }: CallingEvents["dialRequested"]) => {
        calls.push(`${label}:${request.phoneNumber}`);
      });
      return null;
    }
    const view = render(h(CallingProvider, { client }, h(Listener, { label: "first" })));
    expect(counts).toEqual({ subscribed: 1, live: 1 });

    await drive(() => host.dialNumber({ phoneNumber: "+16175550100" }));
    expect(calls).toEqual(["first:+16175550100"]);

    // A new inline handler on every render: no new subscription, the newest handler runs.
    view.rerender(h(CallingProvider, { client }, h(Listener, { label: "second" })));
    view.rerender(h(CallingProvider, { client }, h(Listener, { label: "third" })));
    expect(counts).toEqual({ subscribed: 1, live: 1 });
    await drive(() => host.dialNumber({ phoneNumber: "+16175550101" }));
    expect(calls).toEqual(["first:+16175550100", "third:+16175550101"]);

    view.unmount();
    expect(counts.live).toBe(0);
    await drive(() => host.dialNumber({ phoneNumber: "+16175550102" }));
    expect(calls).toHaveLength(2);
    client.destroy();
  });

  it("re-subscribes when the event type changes", async () => {
    const { provider, client } = await connectedClient();
    const counts = countSubscriptions(client);
    const seen: string[] = [];
    function Listener({ type }: { type: "callRinging" | "callConnected" }) {
      useCallingEvent(type, ({ call }) => seen.push(`${type}:${call.snapshot.status}`));
      return null;
    }
    const view = render(h(CallingProvider, { client }, h(Listener, { type: "callRinging" })));
    await drive(() => client.dial({ toNumber: "+16175550100" }));
    await drive(() => provider.lastCall()?.ring());
    view.rerender(h(CallingProvider, { client }, h(Listener, { type: "callConnected" })));
    expect(counts).toEqual({ subscribed: 2, live: 1 });
    await drive(() => provider.lastCall()?.remoteAnswer());
    expect(seen).toEqual(["callRinging:ringing", "callConnected:connected"]);
    view.unmount();
    expect(counts.live).toBe(0);
    client.destroy();
  });

  it("subscribes once (live) under StrictMode's double mount", async () => {
    const { host, client } = await connectedClient();
    const counts = countSubscriptions(client);
    const calls: string[] = [];
    function Listener() {
      useCallingEvent("dialRequested", ({ request }) => calls.push(request.phoneNumber));
      return null;
    }
    const { StrictMode } = await import("react");
    const view = render(h(StrictMode, null, h(CallingProvider, { client }, h(Listener))));
    expect(counts.live).toBe(1);
    await drive(() => host.dialNumber({ phoneNumber: "+16175550100" }));
    expect(calls).toEqual(["+16175550100"]);
    view.unmount();
    expect(counts.live).toBe(0);
    client.destroy();
  });
});
