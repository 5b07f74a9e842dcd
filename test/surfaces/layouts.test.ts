import { describe, expect, it } from "vitest";
import { isCallingError } from "../../src/index";
import { simulatedProvider } from "../../src/testing/index";
import { browser, ELECTIONS, POPUP, REMOTE, REMOTE_ONLY, sent, until, WINDOW } from "./harness";

describe.each(ELECTIONS)("owner elected by %s", (election) => {
  describe("two HubSpot tabs, each with a remote, and one calling window", () => {
    it("has one owner; either remote drives the same call and every HubSpot message goes out once", async () => {
      const b = browser(election);
      const tabA = b.open("tab A", REMOTE);
      const tabB = b.open("tab B", REMOTE);
      const window = b.open("window", WINDOW);
      await until(() => tabA.client.getSnapshot().surface.ownerPresent && tabB.client.getSnapshot().surface.ownerPresent, "both tabs to see the owner");
      expect([tabA, tabB, window].map((s) => s.client.getSnapshot().surface.role)).toEqual(["mirror", "mirror", "owner"]);
      await tabA.client.logIn();
      const call = await tabA.client.dial({ toNumber: "+16175550100" });
      window.provider.lastCall()?.remoteAnswer();
      await until(() => tabB.client.getCall()?.snapshot.status === "connected", "tab B to see the call connected");
      await tabB.client.getCall()?.hangUp();
      await call.ended;
      expect(sent(window)).toEqual(["INITIALIZED", "LOGGED_IN", "OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED"]);
      expect(sent(tabA)).toEqual(["INITIALIZED"]);
      expect(sent(tabB)).toEqual(["INITIALIZED"]);
    });
  });

  describe("remote without calling window (usesCallingWindow: false)", () => {
    it("the remote holds calls; the popup window mirrors it and forwards its commands", async () => {
      const b = browser(election);
      const remote = b.open("remote", REMOTE_ONLY);
      const popup = b.open("popup", POPUP);
      await until(() => popup.client.getSnapshot().surface.ownerPresent, "the popup to see the remote");
      expect(remote.client.getSnapshot().surface.role).toBe("owner");
      expect(popup.client.getSnapshot().surface.role).toBe("mirror");
      await popup.client.logIn();
      const call = await popup.client.dial({ toNumber: "+16175550100" });
      expect(remote.provider.calls).toHaveLength(1);
      remote.provider.lastCall()?.remoteAnswer();
      await call.connected;
      await call.hangUp();
      expect(sent(popup)).toEqual(["INITIALIZED"]);
      expect(sent(remote)).toEqual(["INITIALIZED", "LOGGED_IN", "OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED"]);
    });

    it("two remotes (two tabs): one owns, the other takes over when it closes idle", async () => {
      const b = browser(election);
      const first = b.open("tab A", REMOTE_ONLY);
      await until(() => first.client.getSnapshot().surface.role === "owner", "tab A to own");
      const second = b.open("tab B", REMOTE_ONLY);
      await until(() => second.client.getSnapshot().surface.ownerPresent, "tab B to see tab A");
      expect(second.client.getSnapshot().surface.role).toBe("mirror");
      await second.client.logIn();
      first.unload();
      await until(() => second.client.getSnapshot().surface.role === "owner", "tab B to take over");
      expect(second.client.getSnapshot().session.status).toBe("loggedIn");
      const call = await second.client.dial({ toNumber: "+16175550100" });
      expect(second.provider.calls).toHaveLength(1);
      expect(call.direction).toBe("OUTBOUND");
      expect(sent(second)).toEqual(["INITIALIZED", "OUTGOING_CALL_STARTED"]);
    });
  });

  describe("HubSpot's messages to a mirror reach the owner once", () => {
    it("DIAL_NUMBER and END_CALL sent to the remote act on the window's call", async () => {
      const b = browser(election);
      const remote = b.open("remote", REMOTE);
      const window = b.open("window", WINDOW);
      await until(() => remote.client.getSnapshot().surface.ownerPresent, "an owner");
      await remote.client.logIn();
      const requests: string[] = [];
      remote.client.on("dialRequested", ({ request }) => requests.push(`remote ${request.phoneNumber}`));
      window.client.on("dialRequested", ({ request }) => requests.push(`window ${request.phoneNumber}`));
      remote.host.dialNumber({ phoneNumber: "+16175550100" });
      await until(() => requests.length === 2, "both surfaces to hear the request");
      expect(requests.sort()).toEqual(["remote +16175550100", "window +16175550100"]);
      const call = await window.client.dial({ toNumber: "+16175550100" });
      window.provider.lastCall()?.remoteAnswer();
      await call.connected;
      const asked: string[] = [];
      remote.client.on("endCallRequested", ({ call: c }) => asked.push(c.id));
      remote.host.send("END_CALL");
      await call.ended;
      expect(window.provider.lastCall()?.state).toBe("ended");
      await until(() => asked.length === 1, "the remote to hear endCallRequested");
      expect(asked).toEqual([call.id]);
      expect(sent(window).filter((type) => type === "CALL_ENDED")).toHaveLength(1);
    });

    it("a DIAL_NUMBER the remote gets while no window is open is kept and handed to the window once it opens", async () => {
      const b = browser(election);
      const remote = b.open("remote", REMOTE);
      await until(() => remote.client.getSnapshot().session.host !== null, "the remote to sync");
      remote.host.dialNumber({ phoneNumber: "+16175550111" });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const window = b.open("window", WINDOW);
      await until(() => window.client.getSnapshot().dialRequest !== null, "the window to get the request");
      expect(window.client.getSnapshot().dialRequest?.phoneNumber).toBe("+16175550111");
      await until(() => remote.client.getSnapshot().dialRequest !== null, "the remote to show it");
    });

    it("an inbound call rings in the window and is answered from the remote", async () => {
      const b = browser(election);
      const provider = simulatedProvider({ outcome: "manual" });
      const remote = b.open("remote", REMOTE);
      const window = b.open("window", WINDOW, { provider });
      await until(() => remote.client.getSnapshot().surface.ownerPresent, "an owner");
      await remote.client.logIn();
      await remote.client.setAvailable(true);
      const incoming = new Promise<string>((resolve) => remote.client.on("incomingCall", ({ call }) => resolve(call.id)));
      provider.incoming({ from: "+16175550123", to: "+16175550199" });
      const id = await incoming;
      const call = remote.client.getCall();
      expect(call?.id).toBe(id);
      await call?.answer();
      await call?.connected;
      expect(provider.lastCall()?.state).toBe("connected");
      expect(sent(window)).toEqual(["INITIALIZED", "LOGGED_IN", "USER_AVAILABLE", "INCOMING_CALL", "CALL_ANSWERED"]);
    });
  });

  describe("the channel is outside input", () => {
    it("drops and reports a message of another HubSpot account, and a malformed one, acting on neither", async () => {
      const b = browser(election);
      const remote = b.open("remote", REMOTE);
      const window = b.open("window", WINDOW);
      await until(() => remote.client.getSnapshot().surface.ownerPresent, "an owner");
      const warnings: string[] = [];
      const errors: string[] = [];
      window.client.on("securityWarning", ({ reason }) => warnings.push(reason));
      window.client.on("protocolError", ({ error }) => errors.push(error.issues.join(" ")));
      const channel = new BroadcastChannel([...b.storage.keys()][0]?.replace(/:last$/, "") ?? "");
      const command = { kind: "command", id: "x1", command: "logIn", args: [] };
      channel.postMessage({ protocol: "hubspot-calling-kit/surfaces/1", portalId: 999, userId: 7, from: "intruder", body: command });
      channel.postMessage({ protocol: "hubspot-calling-kit/surfaces/1", portalId: 123, userId: 7, from: "intruder", body: { ...command, command: "format-disk" } });
      channel.postMessage({ protocol: "hubspot-calling-kit/surfaces/1", portalId: 123, userId: 7, from: "intruder", body: { kind: "state", seq: 1e9, snapshot: { session: null } } });
      channel.postMessage("just a string");
      await until(() => warnings.length === 1 && errors.length === 2, "both drops to be reported");
      channel.close();
      expect(warnings).toEqual(["otherAccount"]);
      expect(errors.join(" | ")).toMatch(/command: unknown/);
      expect(window.client.getSnapshot().session.status).toBe("loggedOut");
      expect(sent(window)).toEqual(["INITIALIZED"]);
      // The remote did not take the malformed state either.
      expect(remote.client.getSnapshot().session.status).toBe("loggedOut");
    });

    it("a command for a call that is not the owner's current one is refused with INVALID_STATE", async () => {
      const b = browser(election);
      const remote = b.open("remote", REMOTE);
      const window = b.open("window", WINDOW);
      await until(() => remote.client.getSnapshot().surface.ownerPresent, "an owner");
      await remote.client.logIn();
      await expect(remote.client.setAvailable("yes" as unknown as boolean)).rejects.toMatchObject({ code: "INVALID_INPUT" });
      const error = await remote.client.dial({ toNumber: "not a number" }).catch((e: unknown) => e);
      expect(isCallingError(error, "INVALID_INPUT")).toBe(true);
      expect(sent(window)).toEqual(["INITIALIZED", "LOGGED_IN"]);
    });
  });
});
