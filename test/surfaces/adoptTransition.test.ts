import { describe, expect, it } from "vitest";
import type { Effect } from "../../src/machine/effect";
import { transition } from "../../src/machine/transition";
import { adoptTransition } from "../../src/surfaces/adoptTransition";
import { type CallingSnapshot, initialSnapshot } from "../../src/index";
import { HOST, run, stateOf } from "../machine/fixtures";

// A new owner (this surface) synced with its own host context; `from` is the
// last snapshot of the owner that went away.
const WINDOW_HOST = { ...HOST, iframeLocation: "window", usesCallingWindow: true } as const;
const fresh = (): CallingSnapshot =>
  run([
    { type: "hostSynced", host: WINDOW_HOST },
    { type: "hostVisibilityChanged", isMinimized: true, isHidden: false },
  ]);
const sends = (effects: readonly Effect[]) =>
  effects.flatMap((effect) => (effect.type === "send" ? [effect.message] : []));
const notices = (effects: readonly Effect[]) =>
  effects.flatMap((effect) => (effect.type === "emit" ? [effect.notice] : []));

describe("adopt: taking over from the instance that held the calls", () => {
  it("ends a live call FAILED with OWNER_LOST, tells HubSpot once and announces callEnded", () => {
    const from = run([{ type: "hostEngagementCreated", engagementId: 42 }], stateOf("connected"));
    const [next, effects] = adoptTransition(fresh(), { from, at: 90_000 });
    expect(next.call).toMatchObject({ id: "c1", status: "ended", endStatus: "FAILED", endedAt: 90_000 });
    expect(next.call?.error).toEqual({ code: "OWNER_LOST", message: expect.stringContaining("went away") });
    expect(sends(effects)).toEqual([
      { type: "CALL_ENDED", data: { externalCallId: "c1", callEndStatus: "FAILED", engagementId: 42 } },
    ]);
    expect(notices(effects)).toEqual([
      { type: "callEnded", callId: "c1", endStatus: "FAILED", error: next.call?.error, cause: null },
    ]);
    // Nothing asks this instance's provider to hang up a call it never had.
    expect(effects.some((effect) => effect.type === "provider")).toBe(false);
  });

  it("keeps its own host context and visibility, and takes login and availability from the old owner", () => {
    const from = run([{ type: "setAvailable", available: true }], stateOf("idle"));
    const [next, effects] = adoptTransition(fresh(), { from, at: 90_000 });
    expect(next.session).toMatchObject({ status: "loggedIn", available: true });
    expect(next.session.host).toEqual(WINDOW_HOST);
    expect(next.session.visibility).toEqual({ isMinimized: true, isHidden: false });
    // The session was already told to HubSpot by the old owner: nothing is sent again.
    expect(effects).toEqual([]);
  });

  it("marks a call that was being logged as completed with a failed engagement, never logging it twice", () => {
    const [next, effects] = adoptTransition(fresh(), { from: stateOf("wrappingUp"), at: 90_000 });
    expect(next.call?.status).toBe("completed");
    expect(next.call?.engagement).toMatchObject({ status: "failed", error: { code: "OWNER_LOST" } });
    expect(sends(effects)).toEqual([]);
    expect(effects.some((effect) => effect.type === "write")).toBe(false);
    expect(notices(effects)).toEqual([expect.objectContaining({ type: "warning", code: "ownerLost" })]);
  });

  it("forgets the old owner's unanswered creates: an older call never takes the next call's id", () => {
    // Call c0 was created but never answered, then c1: the old owner waited for two answers.
    const from = run([
      { type: "providerEnded", callId: "c1", reason: "completed", at: 3_000 },
      { type: "complete", details: {} },
      { type: "writeSucceeded", callId: "c1", queued: false },
      { type: "dial", callId: "c2", toNumber: "+16175550100", createEngagement: true, at: 4_000 },
    ], stateOf("ringing"));
    expect(from.pendingCreates).toEqual(["c1", "c2"]);
    const [next] = adoptTransition(fresh(), { from, at: 90_000 });
    expect(next.pendingCreates).toEqual([]);
    // An answer arriving here now goes to the last call, still waiting for its id.
    const [after] = transition(next, { type: "hostEngagementCreated", engagementId: 99 });
    expect(after.call).toMatchObject({ id: "c2", engagement: { id: 99 } });
  });

  it("keeps an ended call as it is, so it can still be completed", () => {
    const [next, effects] = adoptTransition(fresh(), { from: stateOf("ended"), at: 90_000 });
    expect(next.call?.status).toBe("ended");
    expect(next.call?.endStatus).toBe("COMPLETED");
    expect(effects).toEqual([]);
    const [completing, completeEffects] = transition(next, { type: "complete", details: { notes: "n" } });
    expect(completing.call?.status).toBe("wrappingUp");
    expect(completeEffects.some((effect) => effect.type === "write")).toBe(true);
  });

  it("takes HubSpot's pending dial request only while it is recent (5 minutes)", () => {
    const from = stateOf("dialRequested");
    const receivedAt = from.dialRequest?.receivedAt ?? 0;
    const [recent] = adoptTransition(fresh(), { from, at: receivedAt + 299_000 });
    expect(recent.dialRequest).toBe(from.dialRequest);
    const [stale] = adoptTransition(fresh(), { from, at: receivedAt + 301_000 });
    expect(stale.dialRequest).toBeNull();
  });

  it("is refused before SYNC", () => {
    const before = initialSnapshot();
    const [next, effects] = adoptTransition(before, { from: stateOf("idle"), at: 1 });
    expect(next).toBe(before);
    expect(effects).toEqual([{ type: "reject", state: "connecting", reason: "await client.ready() first" }]);
  });
});
