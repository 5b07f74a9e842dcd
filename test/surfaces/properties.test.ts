// Random interleavings of what users, HubSpot and the far end do on a
// calling remote and a calling window, with the window (and the remote)
// reloading or closing at any moment. Whatever happens: at most one owner at
// a time, HubSpot never hears of a call twice (started, ended, completed),
// and every call that started is reported ended.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { browser, ELECTIONS, REMOTE, type Surface, WINDOW } from "./harness";

const ACTIONS = [
  "remote.logIn",
  "remote.setAvailable",
  "remote.dial",
  "window.dial",
  "remote.hangUp",
  "window.hangUp",
  "remote.mute",
  "remote.answer",
  "remote.complete",
  "window.complete",
  "remote.discard",
  "far.answer",
  "far.hangUp",
  "far.incoming",
  "hubspot.endCallAtRemote",
  "hubspot.dialNumberAtRemote",
  "window.reload",
  "window.close",
  "window.open",
  "remote.reload",
] as const;
type Action = (typeof ACTIONS)[number];

// Long enough for the channel and the election (a claim waits 10 ms with the tests' 50 ms heartbeat).
const settle = () => new Promise((resolve) => setTimeout(resolve, 25));
const ignore = (promise: Promise<unknown> | undefined) => void promise?.catch(() => {});

/** Per call id: how many times HubSpot heard each of its messages, over every surface ever opened. */
function tally(surfaces: Surface[]): Map<string, Record<string, number>> {
  const calls = new Map<string, Record<string, number>>();
  for (const surface of surfaces) {
    for (const message of surface.messages) {
      const id = (message.data as { externalCallId?: string } | undefined)?.externalCallId;
      if (!id) continue;
      const counts = calls.get(id) ?? {};
      counts[message.type] = (counts[message.type] ?? 0) + 1;
      calls.set(id, counts);
    }
  }
  return calls;
}

describe.each(ELECTIONS)("surfaces under random interleavings (owner elected by %s)", (election) => {
  it("one owner, no duplicate HubSpot message, every started call reported ended", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...ACTIONS), { minLength: 5, maxLength: 30 }), async (actions: Action[]) => {
        const b = browser(election);
        const everyone: Surface[] = [];
        const open = (name: "remote" | "window") => {
          const surface = b.open(name, name === "remote" ? REMOTE : WINDOW, { ownerTimeout: 30 });
          everyone.push(surface);
          return surface;
        };
        let remote = open("remote");
        let window: Surface | null = open("window");
        const owner = () => everyone.find((s) => s.client.getSnapshot().surface.role === "owner" && !closed.has(s));
        const closed = new Set<Surface>();
        const close = (surface: Surface) => {
          surface.unload();
          closed.add(surface);
        };
        await settle();
        for (const action of actions) {
          const call = remote.client.getCall();
          switch (action) {
            case "remote.logIn":
              ignore(remote.client.logIn());
              break;
            case "remote.setAvailable":
              ignore(remote.client.setAvailable(true));
              break;
            case "remote.dial":
              ignore(remote.client.dial({ toNumber: "+16175550100" }));
              break;
            case "window.dial":
              ignore(window?.client.dial({ toNumber: "+16175550101" }));
              break;
            case "remote.hangUp":
              ignore(call?.hangUp());
              break;
            case "window.hangUp":
              ignore(window?.client.getCall()?.hangUp());
              break;
            case "remote.mute":
              ignore(call?.mute(true));
              break;
            case "remote.answer":
              ignore(call?.answer());
              break;
            case "remote.complete":
              ignore(call?.complete({ notes: "n" }));
              break;
            case "window.complete":
              ignore(window?.client.getCall()?.complete({ notes: "w" }));
              break;
            case "remote.discard":
              ignore(call?.discard());
              break;
            case "far.answer":
              owner()?.provider.lastCall()?.remoteAnswer();
              break;
            case "far.hangUp":
              owner()?.provider.lastCall()?.remoteHangUp();
              break;
            case "far.incoming": {
              const o = owner();
              if (o && o.client.getSnapshot().session.available) o.provider.incoming({ from: "+16175550123", to: "+16175550199" });
              break;
            }
            case "hubspot.endCallAtRemote":
              remote.host.send("END_CALL");
              break;
            case "hubspot.dialNumberAtRemote":
              remote.host.dialNumber({ phoneNumber: "+16175550102" });
              break;
            case "window.reload":
              if (window) close(window);
              window = open("window");
              break;
            case "window.close":
              if (window) close(window);
              window = null;
              break;
            case "window.open":
              window ??= open("window");
              break;
            case "remote.reload":
              close(remote);
              remote = open("remote");
              break;
          }
          await settle();
          const owners = everyone.filter((s) => !closed.has(s) && s.client.getSnapshot().surface.role === "owner");
          expect(owners.length).toBeLessThanOrEqual(1);
        }
        // Finally a window is open; whatever is still live is hung up from the remote.
        window ??= open("window");
        await settle();
        await settle();
        const last = remote.client.getCall();
        if (last && ["dialing", "ringing", "connected", "onHold", "incoming"].includes(last.snapshot.status)) {
          await last.hangUp().catch(() => {});
          await settle();
        }
        for (const [id, counts] of tally(everyone)) {
          const started = (counts.OUTGOING_CALL_STARTED ?? 0) + (counts.INCOMING_CALL ?? 0);
          expect({ id, started }).toEqual({ id, started: 1 });
          expect({ id, ended: counts.CALL_ENDED }).toEqual({ id, ended: 1 });
          expect({ id, completed: counts.CALL_COMPLETED ?? 0 }).toEqual({ id, completed: expect.any(Number) });
          expect(counts.CALL_COMPLETED ?? 0).toBeLessThanOrEqual(1);
        }
        for (const surface of everyone) if (!closed.has(surface)) surface.client.destroy();
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
