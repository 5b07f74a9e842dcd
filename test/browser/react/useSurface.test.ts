import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { type CallingClientOptions, coordinateSurfaces, createCallingClient } from "../../../src/index";
import { CallingProvider, useCallingSnapshot, useSurface } from "../../../src/react/index";
import { createMemoryLocks, createMemoryTransport, simulatedProvider } from "../../../src/testing/index";
import { h } from "./setup";

afterEach(() => cleanup());

describe("useSurface with coordinateSurfaces()", () => {
  it("tells the remote it mirrors and the calling window it owns, and follows the owner's call in both", async () => {
    // One page, two instances, as HubSpot's remote and calling window: a real BroadcastChannel,
    // Web Locks in memory (Chromium gives test pages real ones too, but these leave no trace).
    const locks = createMemoryLocks();
    const name = `react-surfaces-${Date.now()}`;
    const remoteHost = createMemoryTransport({ host: { iframeLocation: "remote", usesCallingWindow: true } });
    const windowHost = createMemoryTransport({ host: { iframeLocation: "window", usesCallingWindow: true } });
    const provider = simulatedProvider({ outcome: "manual" });
    const options = (transport: CallingClientOptions["transport"]): CallingClientOptions => ({
      provider,
      transport,
      surfaces: coordinateSurfaces({ name, locks, storage: null }),
    });
    const remote = createCallingClient(options(remoteHost.transport));
    const window = createCallingClient(options(windowHost.transport));
    function Surface({ id }: { id: string }) {
      const { role, ownerPresent } = useSurface();
      const call = useCallingSnapshot((snapshot) => snapshot.call?.status ?? "none");
      return h("p", { "data-testid": id }, `${role} ${ownerPresent} ${call}`);
    }
    render(
      h(
        "div",
        null,
        h(CallingProvider, { client: remote }, h(Surface, { id: "remote" })),
        h(CallingProvider, { client: window }, h(Surface, { id: "window" })),
      ),
    );
    expect(screen.getByTestId("remote").textContent).toBe("pending false none");
    remoteHost.sync();
    windowHost.sync();
    await waitFor(() => expect(screen.getByTestId("remote").textContent).toBe("mirror true none"));
    expect(screen.getByTestId("window").textContent).toBe("owner true none");
    // The remote's commands run on the window's client.
    await remote.logIn();
    await remote.setAvailable(true);
    expect(window.getSnapshot().session).toMatchObject({ status: "loggedIn", available: true });
    provider.incoming({ from: "+16175550123", to: "+16175550199" });
    await waitFor(() => expect(screen.getByTestId("remote").textContent).toBe("mirror true incoming"));
    expect(screen.getByTestId("window").textContent).toBe("owner true incoming");
    remote.destroy();
    window.destroy();
  });
});
