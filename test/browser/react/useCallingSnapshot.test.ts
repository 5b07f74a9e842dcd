import { Profiler, type ProfilerOnRenderCallback, useState } from "react";
import { act, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "@testing-library/react";
import type { CallingSnapshot } from "../../../src/index";
import { CallingProvider, shallowEqual, useCallingSnapshot } from "../../../src/react/index";
import { connectedClient, drive, h } from "./setup";

afterEach(() => cleanup());

describe("useCallingSnapshot", () => {
  it("returns the client's snapshot and follows it", async () => {
    const { host, client } = await connectedClient({ login: false });
    const seen: CallingSnapshot[] = [];
    function Whole() {
      const snapshot = useCallingSnapshot();
      seen.push(snapshot);
      return h("p", { "data-testid": "status" }, snapshot.session.status);
    }
    render(h(CallingProvider, { client }, h(Whole)));
    expect(screen.getByTestId("status").textContent).toBe("loggedOut");
    expect(seen.at(-1)).toBe(client.getSnapshot());

    await drive(() => client.logIn());
    expect(screen.getByTestId("status").textContent).toBe("loggedIn");
    expect(seen.at(-1)).toBe(client.getSnapshot());

    await drive(() => host.dialNumber({ phoneNumber: "+16175550100" }));
    expect(seen.at(-1)?.dialRequest?.phoneNumber).toBe("+16175550100");
    client.destroy();
  });

  it("re-renders a component only when its selected slice changes", async () => {
    const { provider, client } = await connectedClient();
    const statusRenders: string[] = [];
    const callRenders: (string | undefined)[] = [];
    let wholeRenders = 0;
    function SessionStatus() {
      const status = useCallingSnapshot((snapshot) => snapshot.session.status);
      statusRenders.push(status);
      return h("p", null, status);
    }
    function CallStatus() {
      const status = useCallingSnapshot((snapshot) => snapshot.call?.status);
      callRenders.push(status);
      return h("p", { "data-testid": "call" }, status ?? "none");
    }
    function Whole() {
      useCallingSnapshot();
      wholeRenders += 1;
      return null;
    }
    render(h(CallingProvider, { client }, h(SessionStatus), h(CallStatus), h(Whole)));

    await drive(() => client.dial({ toNumber: "+16175550100" }));
    await drive(() => provider.lastCall()?.ring());
    await drive(() => provider.lastCall()?.remoteAnswer());
    expect(screen.getByTestId("call").textContent).toBe("connected");

    // Changes that leave both selected values alone.
    const wholeBefore = wholeRenders;
    await drive(() => client.getCall()?.mute(true));
    await drive(() => client.setAvailable(true));
    expect(client.getSnapshot().call?.muted).toBe(true);
    expect(wholeRenders).toBe(wholeBefore + 2); // the unselected reader did see both changes

    await drive(() => client.getCall()?.hangUp());

    expect(statusRenders).toEqual(["loggedIn"]);
    expect(callRenders).toEqual([undefined, "dialing", "ringing", "connected", "ended"]);
    client.destroy();
  });

  it("with an equality function, a new-but-equal object does not re-render (measured with <Profiler>)", async () => {
    const { provider, client } = await connectedClient();
    const commits: Record<string, number> = { shallow: 0, plain: 0 };
    const onRender: ProfilerOnRenderCallback = (id) => {
      commits[id] = (commits[id] ?? 0) + 1;
    };
    const pick = (snapshot: CallingSnapshot) => ({
      status: snapshot.session.status,
      callStatus: snapshot.call?.status ?? "none",
    });
    function Shallow() {
      const picked = useCallingSnapshot(pick, shallowEqual);
      return h("p", { "data-testid": "shallow" }, `${picked.status} ${picked.callStatus}`);
    }
    function Plain() {
      const picked = useCallingSnapshot(pick);
      return h("p", null, `${picked.status} ${picked.callStatus}`);
    }
    render(
      h(
        CallingProvider,
        { client },
        h(Profiler, { id: "shallow", onRender }, h(Shallow)),
        h(Profiler, { id: "plain", onRender }, h(Plain)),
      ),
    );
    expect(commits).toEqual({ shallow: 1, plain: 1 });

    await drive(() => client.setAvailable(true)); // neither picked field changes
    expect(commits).toEqual({ shallow: 1, plain: 2 });

    await drive(() => client.dial({ toNumber: "+16175550100" }));
    await drive(() => provider.lastCall()?.remoteAnswer());
    expect(screen.getByTestId("shallow").textContent).toBe("loggedIn connected");
    await drive(() => client.getCall()?.mute(true)); // neither picked field changes
    expect(commits.shallow).toBe(3);
    expect(commits.plain).toBeGreaterThan(3);
    client.destroy();
  });

  it("keeps the selected object's identity when an inline selector runs again on a parent render", async () => {
    const { client } = await connectedClient();
    const seen: object[] = [];
    let rerender: () => void = () => {};
    function Parent() {
      const [count, setCount] = useState(0);
      rerender = () => setCount((n) => n + 1);
      return h(Child, { count });
    }
    function Child({ count }: { count: number }) {
      // A new selector function on every render, returning a new object every time.
      const picked = useCallingSnapshot((snapshot) => ({ status: snapshot.session.status }), shallowEqual);
      seen.push(picked);
      return h("p", null, `${count} ${picked.status}`);
    }
    render(h(CallingProvider, { client }, h(Parent)));
    act(() => rerender());
    act(() => rerender());
    expect(seen).toHaveLength(3);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).toBe(seen[0]);

    await drive(() => client.logOut());
    expect(seen.at(-1)).toEqual({ status: "loggedOut" });
    expect(seen.at(-1)).not.toBe(seen[0]);
    client.destroy();
  });

  it("follows a different client when the provider is given one", async () => {
    const first = await connectedClient();
    const second = await connectedClient({ login: false });
    function Status() {
      return h("p", { "data-testid": "status" }, useCallingSnapshot((snapshot) => snapshot.session.status));
    }
    const view = render(h(CallingProvider, { client: first.client }, h(Status)));
    expect(screen.getByTestId("status").textContent).toBe("loggedIn");
    view.rerender(h(CallingProvider, { client: second.client }, h(Status)));
    expect(screen.getByTestId("status").textContent).toBe("loggedOut");
    // Only the second client drives the view now.
    await drive(() => second.client.logIn());
    expect(screen.getByTestId("status").textContent).toBe("loggedIn");
    await drive(() => first.client.logOut());
    expect(screen.getByTestId("status").textContent).toBe("loggedIn");
    first.client.destroy();
    second.client.destroy();
  });
});
