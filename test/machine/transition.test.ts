import { describe, expect, it } from "vitest";
import type { Effect } from "../../src/machine/effect";
import type { MachineEvent } from "../../src/machine/machineEvent";
import { transition } from "../../src/machine/transition";
import { STATE_NAMES, type StateName, stateOf } from "./fixtures";

// Expected outcome of every (state, event) pair, states in this order:
// connecting ready loggedOut idle dialRequested dialing ringing connected
// onHold incoming ended wrappingUp completed
//   C = state changes          R = refused (InvalidStateError), unchanged
//   W = warning, unchanged     I = ignored silently, unchanged
//   E = effects only (a message to HubSpot), unchanged
const MATRIX: [MachineEvent, string][] = [
  [{ type: "hostSynced", host: { hostUrl: "https://app.hubspot.com", iframeLocation: "widget", usesCallingWindow: false } }, "CWWWWWWWWWWWW"],
  [{ type: "initialize", isLoggedIn: true }, "RCRRRRRRRRRRR"],
  [{ type: "logIn" }, "RRCIIIIIIIIII"],
  [{ type: "logOut" }, "RRICCRRRRRCCC"],
  [{ type: "setAvailable", available: true }, "RRRCCCCCCCCCC"],
  [{ type: "hostVisibilityChanged", isMinimized: true, isHidden: false }, "CCCCCCCCCCCCC"],
  [{ type: "hostDialNumber", payload: { phoneNumber: "+16175550999", startTimestamp: 99 }, at: 5_000 }, "CCCCCCCCCCCCC"],
  [{ type: "dial", callId: "c2", toNumber: "+16175550111", createEngagement: true, at: 5_000 }, "RRRCCRRRRRRRC"],
  [{ type: "hangUp", at: 5_000 }, "RRRRRCCCCCRRR"],
  [{ type: "hostEndCall", at: 5_000 }, "WWWWWCCCCCWWW"],
  [{ type: "answer", at: 5_000 }, "RRRRRRRRRCRRR"],
  [{ type: "reject", at: 5_000 }, "RRRRRRRRRCRRR"],
  [{ type: "mute", muted: true }, "RRRRRRRCCRRRR"],
  [{ type: "hold", held: true }, "RRRRRRRCIRRRR"],
  [{ type: "transfer" }, "RRRRRRREERRRR"],
  [{ type: "complete", details: {} }, "RRRRRRRRRRCRR"],
  // wrappingUp: discard() abandons a write that never settles (the client aborts it).
  [{ type: "discard" }, "RRRRRRRRRRCCR"],
  [{ type: "providerIncoming", callId: "c2", from: "+16175550123", to: "+16175550199", createEngagement: true, at: 5_000 }, "WWWCCWWWWWWWC"],
  [{ type: "providerRinging", callId: "c1" }, "WWWWWCIWWWWWW"],
  [{ type: "providerAnswered", callId: "c1", at: 5_000 }, "WWWWWCCIICWWW"],
  [{ type: "providerEnded", callId: "c1", reason: "completed", at: 5_000 }, "WWWWWCCCCCIII"],
  [{ type: "providerFailed", callId: "c1", error: { code: "PROVIDER_ERROR", message: "x" }, at: 5_000 }, "WWWWWCCCCCIII"],
  [{ type: "providerRollback", callId: "c1", muted: false, held: false }, "IIIIIIICCIIII"],
  [{ type: "hostEngagementCreated", engagementId: 77 }, "WWWWWCCCCCCCC"],
  // completed: the call's create is still unanswered (it was written without an id), so the failure is its answer.
  [{ type: "hostEngagementCreateFailed", message: "nope" }, "WWWWWCCCCCCCC"],
  [{ type: "hostCallerIdMatched", matches: [] }, "WWWWWCCCCCCCC"],
  [{ type: "writeSucceeded", callId: "c1", queued: false }, "IIIIIIIIIIICI"],
  [{ type: "writeFailed", callId: "c1", error: { code: "WRITER_ERROR", message: "x" }, final: true }, "IIIIIIIIIIICI"],
  [{ type: "writeDelivered", callId: "c1", engagementId: 5 }, "IIIIIIIIIIICI"],
];

function classify(before: unknown, after: unknown, effects: readonly Effect[]): string {
  const rejects = effects.filter((e) => e.type === "reject");
  const warnings = effects.filter((e) => e.type === "emit" && e.notice.type === "warning");
  if (rejects.length > 0) return after === before && effects.length === 1 ? "R" : "R!";
  if (warnings.length > 0) return after === before && warnings.length === 1 ? "W" : "W!";
  if (after !== before) return "C";
  return effects.length === 0 ? "I" : "E";
}

describe("transition: every (state, event) pair", () => {
  it("covers every event type of the machine", () => {
    const covered = new Set(MATRIX.map(([event]) => event.type));
    expect(covered.size).toBe(MATRIX.length);
    expect(MATRIX.every(([, row]) => row.length === STATE_NAMES.length)).toBe(true);
  });

  for (const [event, row] of MATRIX) {
    describe(event.type, () => {
      STATE_NAMES.forEach((state: StateName, index) => {
        const expected = row[index];
        it(`${state} -> ${expected}`, () => {
          const before = stateOf(state);
          const [after, effects] = transition(before, event);
          expect(classify(before, after, effects)).toBe(expected);
          expect(Object.isFrozen(after)).toBe(true);
        });
      });
    });
  }
});
