import { cleanup, render, screen } from "@testing-library/react";
import { StrictMode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type CallingClient,
  type CallingClientOptions,
  createCallingClient,
  isCallingError,
  ValidationError,
} from "../../../src/index";
import { createMemoryTransport } from "../../../src/testing/memoryTransport";
import { simulatedProvider } from "../../../src/testing/simulatedProvider";
import { CallingProvider, type CallingProviderProps, useCallingClient, useCallingSnapshot } from "../../../src/react/index";
import { Catch, countingTransport, drive, h } from "./setup";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Shows the session status and remembers every client it was handed. */
function probe() {
  const clients: CallingClient[] = [];
  function Status() {
    clients.push(useCallingClient());
    return h("p", { "data-testid": "status" }, useCallingSnapshot((snapshot) => snapshot.session.status));
  }
  return { Status, clients, last: () => clients.at(-1) as CallingClient };
}

function ownedSetup() {
  const host = createMemoryTransport();
  const { transport, counts } = countingTransport(host.transport);
  const options: CallingClientOptions = { provider: simulatedProvider({ outcome: "manual" }), transport };
  return { host, counts, options };
}

describe("CallingProvider", () => {
  it("refuses hooks outside a provider with an INVALID_STATE error", () => {
    vi.spyOn(console, "error").mockImplementation(() => {}); // React reports the caught error
    const errors: unknown[] = [];
    const { Status } = probe();
    render(h(Catch, { onError: (error) => errors.push(error) }, h(Status)));
    expect(errors).toHaveLength(1);
    expect(isCallingError(errors[0], "INVALID_STATE")).toBe(true);
    expect(String((errors[0] as Error).message)).toContain("<CallingProvider>");
  });

  it("refuses both client and options, or neither, with a ValidationError", () => {
    vi.spyOn(console, "error").mockImplementation(() => {}); // React reports the caught errors
    const errors: unknown[] = [];
    const client = createCallingClient({ provider: simulatedProvider(), transport: createMemoryTransport().transport });
    const both = { client, options: { provider: simulatedProvider() } } as unknown as CallingProviderProps;
    const neither = {} as unknown as CallingProviderProps;
    render(h(Catch, { onError: (error) => errors.push(error) }, h(CallingProvider, both)));
    render(h(Catch, { onError: (error) => errors.push(error) }, h(CallingProvider, neither)));
    expect(errors.map((error) => error instanceof ValidationError)).toEqual([true, true]);
    expect(errors.map((error) => (error as Error).message)).toEqual([
      "Invalid <CallingProvider> props: client and options cannot both be given",
      "Invalid <CallingProvider> props: client or options is required",
    ]);
    client.destroy();
  });

  it("creates one client from options, starts it after mounting and destroys it on unmount", async () => {
    const { host, counts, options } = ownedSetup();
    const { Status, clients, last } = probe();
    const view = render(h(CallingProvider, { options }, h(Status)));
    expect(counts.starts).toBe(1);
    // New (equal) options objects on later renders do not create another client.
    view.rerender(h(CallingProvider, { options: { ...options } }, h(Status)));
    expect(new Set(clients).size).toBe(1);

    await drive(() => host.sync());
    expect(screen.getByTestId("status").textContent).toBe("loggedOut");
    await drive(() => last().logIn());
    expect(screen.getByTestId("status").textContent).toBe("loggedIn");
    expect(host.received().map((message) => message.type)).toEqual(["INITIALIZED", "LOGGED_IN"]);

    const client = last();
    view.unmount();
    expect(counts).toMatchObject({ starts: 1, stops: 1 });
    await expect(client.logOut()).rejects.toMatchObject({ code: "DESTROYED" });
  });

  it("leaves exactly one live client under StrictMode's mount, unmount, mount", async () => {
    const { host, counts, options } = ownedSetup();
    const { Status, clients, last } = probe();
    const view = render(h(StrictMode, null, h(CallingProvider, { options }, h(Status))));
    expect(counts.live).toBe(1);
    const handedDown = new Set(clients);
    // The first client was destroyed; the one handed down last is the live one.
    expect(handedDown.size).toBe(2);
    const [first] = handedDown;
    await expect(first?.logIn()).rejects.toMatchObject({ code: "DESTROYED" });

    await drive(() => host.sync());
    expect(screen.getByTestId("status").textContent).toBe("loggedOut");
    await drive(() => last().logIn());
    expect(screen.getByTestId("status").textContent).toBe("loggedIn");
    // One INITIALIZED: only one client answered HubSpot's SYNC.
    expect(host.received().map((message) => message.type)).toEqual(["INITIALIZED", "LOGGED_IN"]);

    view.unmount();
    expect(counts.live).toBe(0);
  });

  it("with the default SDK transport under StrictMode, one message listener stays on the window", async () => {
    const live = new Set<unknown>();
    const add = vi.spyOn(window, "addEventListener").mockImplementation(function (this: Window, type, listener, opts) {
      if (type === "message") live.add(listener);
      return EventTarget.prototype.addEventListener.call(this, type, listener, opts);
    });
    const remove = vi.spyOn(window, "removeEventListener").mockImplementation(function (this: Window, type, listener, opts) {
      if (type === "message") live.delete(listener);
      return EventTarget.prototype.removeEventListener.call(this, type, listener, opts);
    });
    try {
      const { Status } = probe();
      const view = render(
        h(StrictMode, null, h(CallingProvider, { options: { provider: simulatedProvider() } }, h(Status))),
      );
      // Let both clients finish loading the SDK (the first one is already destroyed by then).
      await import("@hubspot/calling-extensions-sdk");
      await vi.waitFor(() => expect(live.size).toBe(1));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(live.size).toBe(1);
      view.unmount();
      expect(live.size).toBe(0);
    } finally {
      add.mockRestore();
      remove.mockRestore();
    }
  });

  it("does not autostart an options client with autoStart: false", () => {
    const { counts, options } = ownedSetup();
    const { Status } = probe();
    const view = render(h(CallingProvider, { options: { ...options, autoStart: false } }, h(Status)));
    expect(counts.starts).toBe(0);
    view.unmount();
    expect(counts.stops).toBe(1);
  });

  it("never starts or destroys a client it was given", async () => {
    const host = createMemoryTransport();
    const { transport, counts } = countingTransport(host.transport);
    const client = createCallingClient({ provider: simulatedProvider(), transport, autoStart: false });
    const { Status } = probe();
    const view = render(h(StrictMode, null, h(CallingProvider, { client }, h(Status))));
    view.unmount();
    expect(counts).toMatchObject({ starts: 0, stops: 0 });
    await client.start();
    host.sync();
    await expect(client.ready({ timeout: 2_000 })).resolves.toMatchObject({ portalId: 987_654_321 });
    client.destroy();
  });

  it("switches between a given client and its own", async () => {
    const { host, counts, options } = ownedSetup();
    const given = await (async () => {
      const other = createMemoryTransport();
      const client = createCallingClient({ provider: simulatedProvider(), transport: other.transport });
      other.sync();
      await client.ready({ timeout: 2_000 });
      await client.logIn();
      return client;
    })();
    const { Status, last } = probe();
    const view = render(h(CallingProvider, { client: given }, h(Status)));
    expect(screen.getByTestId("status").textContent).toBe("loggedIn");
    view.rerender(h(CallingProvider, { options }, h(Status)));
    expect(last()).not.toBe(given);
    expect(counts.live).toBe(1);
    await drive(() => host.sync());
    expect(screen.getByTestId("status").textContent).toBe("loggedOut");
    view.rerender(h(CallingProvider, { client: given }, h(Status)));
    expect(counts.live).toBe(0);
    expect(screen.getByTestId("status").textContent).toBe("loggedIn");
    view.unmount();
    await expect(given.logOut()).resolves.toBeUndefined();
    given.destroy();
  });
});
