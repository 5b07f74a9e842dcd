import { describe, expect, it } from "vitest";
import type { Effect } from "../../src/machine/effect";
import type { MachineEvent } from "../../src/machine/machineEvent";
import { transition } from "../../src/machine/transition";
import { STATE_NAMES, type StateName, stateOf } from "./fixtures";

// Expected outcome of every (state, event) pair, states in this order:
// connecting ready loggedOut idle dialRequested dialing ringing connected
// onHold incoming answering ended wrappingUp completed
// ("answering": incoming, answer() called, the provider has not confirmed yet)
//   C = state changes          R = refused (InvalidStateError), unchanged
//   W = warning, unchanged     I = ignored silently, unchanged
//   E = effects only (a message to HubSpot), unchanged
const MATRIX: [MachineEvent, string][] = [
  [{ type: "hostSynced", host: { hostUrl: "https://app.hubspot.com", iframeLocation: "widget", usesCallingWindow: false } }, "CWWWWWWWWWWWWW"],
  [{ type: "initialize", isLoggedIn: true }, "RCRRRRRRRRRRRR"],
  [{ type: "logIn" }, "RRCIIIIIIIIIII"],
  [{ type: "logOut" }, "RRICCRRRRRRCCC"],
  [{ type: "setAvailable", available: true }, "RRRCCCCCCCCCCC"],
  [{ type: "hostVisibilityChanged", isMinimized: true, isHidden: false }, "CCCCCCCCCCCCCC"],
  [{ type: "hostDialNumber", payload: { phoneNumber: "+16175550999", startTimestamp: 99 }, at: 5_000 }, "CCCCCCCCCCCCCC"],
  [{ type: "dial", callId: "c2", toNumber: "+16175550111", createEngagement: true, at: 5_000 }, "RRRCCRRRRRRRRC"],
  [{ type: "hangUp", at: 5_000 }, "RRRRRCCCCCCRRR"],
  [{ type: "hostEndCall", at: 5_000 }, "WWWWWCCCCCCWWW"],
  // answering: a second answer() is refused; only the provider's confirmation connects.
  [{ type: "answer" }, "RRRRRRRRRCRRRR"],
  [{ type: "reject", at: 5_000 }, "RRRRRRRRRCCRRR"],
  [{ type: "mute", muted: true }, "RRRRRRRCCRRRRR"],
  [{ type: "hold", held: true }, "RRRRRRRCIRRRRR"],
  [{ type: "transfer" }, "RRRRRRREERRRRR"],
  [{ type: "complete", details: {} }, "RRRRRRRRRRRCRR"],
  // wrappingUp: discard() abandons a write that never settles (the client aborts it).
  [{ type: "discard" }, "RRRRRRRRRRRCCR"],
  [{ type: "providerIncoming", callId: "c2", from: "+16175550123", to: "+16175550199", createEngagement: true, at: 5_000 }, "WWWCCWWWWWWWWC"],
  [{ type: "providerRinging", callId: "c1" }, "WWWWWCIWWWWWWW"],
  [{ type: "providerAnswered", callId: "c1", at: 5_000 }, "WWWWWCCIICCWWW"],
  [{ type: "providerEnded", callId: "c1", reason: "completed", at: 5_000 }, "WWWWWCCCCCCIII"],
  [{ type: "providerFailed", callId: "c1", error: { code: "PROVIDER_ERROR", message: "x" }, at: 5_000 }, "WWWWWCCCCCCIII"],
  // A rollback that changes nothing leaves the snapshot as it is (I).
  [{ type: "providerRollback", callId: "c1", muted: true }, "IIIIIIICCIIIII"],
  [{ type: "hostEngagementCreated", engagementId: 77 }, "WWWWWCCCCCCCCC"],
  // completed: the call's create is still unanswered (it was written without an id), so the failure is its answer.
  [{ type: "hostEngagementCreateFailed", message: "nope" }, "WWWWWCCCCCCCCC"],
  [{ type: "hostCallerIdMatched", matches: [] }, "WWWWWCCCCCCCCC"],
  [{ type: "writeSucceeded", callId: "c1", queued: false }, "IIIIIIIIIIIICI"],
  [{ type: "writeFailed", callId: "c1", error: { code: "WRITER_ERROR", message: "x" }, final: true }, "IIIIIIIIIIIICI"],
  [{ type: "writeDelivered", callId: "c1", engagementId: 5 }, "IIIIIIIIIIIICI"],
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
