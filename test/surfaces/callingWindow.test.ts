import { describe, expect, it } from "vitest";
import { isCallingError } from "../../src/index";
import { browser, ELECTIONS, REMOTE, sent, until, WINDOW } from "./harness";

describe.each(ELECTIONS)("owner elected by %s", (election) => {
  describe("calling remote + calling window (usesCallingWindow: true)", () => {
    it("the window holds calls, the remote mirrors it; each iframe is initialized once", async () => {
      const b = browser(election);
      const remote = b.open("remote", REMOTE);
      const window = b.open("window", WINDOW);
      await until(() => window.client.getSnapshot().surface.role === "owner", "the window to own");
      await until(() => remote.client.getSnapshot().surface.ownerPresent, "the remote to see the owner");
      expect(remote.client.getSnapshot().surface).toEqual({ role: "mirror", ownerPresent: true });
      expect(sent(remote)).toEqual(["INITIALIZED"]);
      expect(sent(window)).toEqual(["INITIALIZED"]);

      await remote.client.logIn();
      await until(() => remote.client.getSnapshot().session.status === "loggedIn", "the remote to show the login");
      expect(window.client.getSnapshot().session.status).toBe("loggedIn");
      expect(sent(window)).toEqual(["INITIALIZED", "LOGGED_IN"]);
      expect(sent(remote)).toEqual(["INITIALIZED"]);
      // Each keeps its own host context.
      expect(remote.client.getSnapshot().session.host?.iframeLocation).toBe("remote");
      expect(window.client.getSnapshot().session.host?.iframeLocation).toBe("window");
    });

    it("an outbound call asked for in the remote is placed and held by the window; HubSpot hears each message once", async () => {
      const b = browser(election);
      const remote = b.open("remote", REMOTE);
      const window = b.open("window", WINDOW);
      await until(() => remote.client.getSnapshot().surface.ownerPresent, "an owner");
      await remote.client.logIn();

      remote.host.dialNumber({ phoneNumber: "+16175550100" });
      await until(() => remote.client.getSnapshot().dialRequest !== null, "the dial request to reach the remote's snapshot");
      expect(window.client.getSnapshot().dialRequest?.phoneNumber).toBe("+16175550100");

      const call = await remote.client.dial({ toNumber: "+16175550100" });
      expect(window.provider.calls).toHaveLength(1);
      expect(remote.provider.calls).toHaveLength(0);
      window.provider.lastCall()?.remoteAnswer();
      await call.waitFor("connected", { timeout: 2_000 });
      await call.mute(true);
      expect(window.provider.lastCall()?.muted).toBe(true);
      await call.hangUp();
      expect(window.provider.lastCall()?.state).toBe("ended");
      const result = await call.complete({ notes: "from the remote" });
      expect(result.queued).toBe(false);
      await until(() => remote.client.getSnapshot().call?.status === "completed", "completed in the remote");

      expect(sent(remote)).toEqual(["INITIALIZED"]);
      expect(sent(window)).toEqual(["INITIALIZED", "LOGGED_IN", "OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED", "CALL_COMPLETED"]);
    });

    it("the window going away during a call: the call ends FAILED (OWNER_LOST), reported once by the remote", async () => {
      const b = browser(election);
      const remote = b.open("remote", REMOTE);
      const window = b.open("window", WINDOW);
      await until(() => remote.client.getSnapshot().surface.ownerPresent, "an owner");
      await remote.client.logIn();
      const call = await remote.client.dial({ toNumber: "+16175550100" });
      window.provider.lastCall()?.remoteAnswer();
      await call.waitFor("connected", { timeout: 2_000 });

      const ended = call.ended;
      window.unload();
      // The window's provider hung up; the window told HubSpot nothing more.
      expect(window.provider.lastCall()?.state).toBe("ended");
      const { endStatus, error } = await ended;
      expect(endStatus).toBe("FAILED");
      expect(isCallingError(error, "OWNER_LOST")).toBe(true);
      await until(() => sent(remote).includes("CALL_ENDED"), "the remote to report the lost call");
      expect(sent(window).filter((type) => type === "CALL_ENDED")).toEqual([]);
      expect(sent(remote).filter((type) => type === "CALL_ENDED")).toEqual(["CALL_ENDED"]);
      expect(remote.host.received().find((m) => m.type === "CALL_ENDED")?.data).toMatchObject({ callEndStatus: "FAILED" });
      expect(remote.client.getSnapshot().surface).toEqual({ role: "mirror", ownerPresent: false });
    });
  });

  describe("ownership moves", () => {
    it("a window reloaded during a call: the new window takes over and reports the lost call once", async () => {
      const b = browser(election);
      const remote = b.open("remote", REMOTE);
      const first = b.open("window", WINDOW);
      await until(() => remote.client.getSnapshot().surface.ownerPresent, "an owner");
      await remote.client.logIn();
      const call = await remote.client.dial({ toNumber: "+16175550100" });
      first.provider.lastCall()?.remoteAnswer();
      await call.waitFor("connected", { timeout: 2_000 });

      first.unload();
      const second = b.open("window", WINDOW);
      await until(() => second.client.getSnapshot().surface.role === "owner", "the new window to own");
      const lost = second.client.getSnapshot().call;
      expect(lost).toMatchObject({ id: call.id, status: "ended", endStatus: "FAILED", error: { code: "OWNER_LOST" } });
      // The session came over; the new window's iframe was told with INITIALIZED.
      expect(second.client.getSnapshot().session.status).toBe("loggedIn");
      expect(second.host.received()[0]).toMatchObject({ type: "INITIALIZED", data: { isLoggedIn: true } });
      const everyCallEnded = [first, second, remote].flatMap((s) => s.host.received().filter((m) => m.type === "CALL_ENDED"));
      expect(everyCallEnded).toHaveLength(1);
      await until(() => remote.client.getSnapshot().call?.status === "ended", "the remote to show it ended");

      // The lost call is completed from the remote, through the new owner.
      await remote.client.getCall()?.complete({ notes: "dropped" });
      expect(sent(second).filter((type) => type === "CALL_COMPLETED")).toHaveLength(1);
    });

    it("a reloaded remote shows the live call from the window's first answer", async () => {
      const b = browser(election);
      const remote = b.open("remote", REMOTE);
      const window = b.open("window", WINDOW);
      await until(() => remote.client.getSnapshot().surface.ownerPresent, "an owner");
      await remote.client.logIn();
      const call = await remote.client.dial({ toNumber: "+16175550100" });
      window.provider.lastCall()?.remoteAnswer();
      await call.waitFor("connected", { timeout: 2_000 });

      remote.unload();
      const again = b.open("remote", REMOTE);
      await until(() => again.client.getSnapshot().surface.ownerPresent, "the owner to answer the new remote");
      expect(again.client.getSnapshot().call).toMatchObject({ id: call.id, status: "connected" });
      // The call went on in the window.
      expect(window.provider.lastCall()?.state).toBe("connected");
      await again.client.getCall()?.hangUp();
      expect(window.provider.lastCall()?.state).toBe("ended");
      expect(sent(window).filter((type) => type === "CALL_ENDED")).toHaveLength(1);
    });

    it("a window closed while idle hands over cleanly: the next window owns, nothing is reported", async () => {
      const b = browser(election);
      const remote = b.open("remote", REMOTE);
      const first = b.open("window", WINDOW);
      await until(() => remote.client.getSnapshot().surface.ownerPresent, "an owner");
      await remote.client.logIn();
      first.unload();
      await until(() => !remote.client.getSnapshot().surface.ownerPresent, "the remote to see no owner");
      await expect(remote.client.setAvailable(true)).rejects.toMatchObject({ code: "NO_OWNER" });
      const second = b.open("window", WINDOW);
      await until(() => remote.client.getSnapshot().surface.ownerPresent, "the new owner");
      await remote.client.setAvailable(true);
      expect(sent(second)).toEqual(["INITIALIZED", "USER_AVAILABLE"]);
      expect(sent(remote)).toEqual(["INITIALIZED"]);
    });
  });

  describe("destroy() and the page going away", () => {
    it("destroy() on the owner during a call ends it the usual way: provider, CALL_ENDED once, the mirror sees it", async () => {
      const b = browser(election);
      const remote = b.open("remote", REMOTE);
      const window = b.open("window", WINDOW);
      await until(() => remote.client.getSnapshot().surface.ownerPresent, "an owner");
      await remote.client.logIn();
      const call = await remote.client.dial({ toNumber: "+16175550100" });
      window.provider.lastCall()?.remoteAnswer();
      await call.connected;
      window.client.destroy();
      const { endStatus, error } = await call.ended;
      expect(endStatus).toBe("COMPLETED");
      expect(error).toBeNull();
      expect(window.provider.lastCall()?.state).toBe("ended");
      expect(sent(window).filter((type) => type === "CALL_ENDED")).toHaveLength(1);
      // Nothing was lost, so nothing is reported again.
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(sent(remote)).toEqual(["INITIALIZED"]);
    });

    it("a page going away hangs its provider up but tells HubSpot nothing: the next owner reports it", async () => {
      const b = browser(election);
      const remote = b.open("remote", REMOTE);
      const window = b.open("window", WINDOW);
      await until(() => remote.client.getSnapshot().surface.ownerPresent, "an owner");
      await remote.client.logIn();
      const call = await remote.client.dial({ toNumber: "+16175550100" });
      window.provider.lastCall()?.remoteAnswer();
      await call.connected;
      window.unload();
      expect(window.provider.lastCall()?.state).toBe("ended");
      expect(sent(window)).toEqual(["INITIALIZED", "LOGGED_IN", "OUTGOING_CALL_STARTED", "CALL_ANSWERED"]);
    });
  });
});
