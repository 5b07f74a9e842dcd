import { describe, expect, it } from "vitest";
import type { CallingSnapshot } from "../../src/index";
import type { Effect } from "../../src/machine/effect";
import type { MachineEvent } from "../../src/machine/machineEvent";
import { transition } from "../../src/machine/transition";
import { run, stateOf } from "./fixtures";

const sends = (effects: readonly Effect[]) =>
  effects.flatMap((effect) => (effect.type === "send" ? [effect.message] : []));
const notices = (effects: readonly Effect[]) =>
  effects.flatMap((effect) => (effect.type === "emit" ? [effect.notice.type] : []));

function step(snapshot: CallingSnapshot, event: MachineEvent) {
  const [next, effects] = transition(snapshot, event);
  return { next, effects, sent: sends(effects), notices: notices(effects) };
}

describe("session", () => {
  it("sends INITIALIZED with the login state, size and a pending engagement id", () => {
    const ready = run([{ type: "hostSynced", host: { hostUrl: "https://app.hubspot.com", iframeLocation: "window", usesCallingWindow: true, engagementId: 42 } }]);
    const { next, sent } = step(ready, { type: "initialize", isLoggedIn: true, isAvailable: true, sizeInfo: { width: 400, height: 600 } });
    expect(next.session).toMatchObject({ status: "loggedIn", available: true });
    expect(sent).toEqual([
      { type: "INITIALIZED", data: { isLoggedIn: true, isAvailable: true, sizeInfo: { width: 400, height: 600 }, engagementId: 42 } },
    ]);
  });

  it("refuses to log out during a call and explains why", () => {
    const { effects } = step(stateOf("connected"), { type: "logOut" });
    expect(effects).toEqual([{ type: "reject", state: "connected", reason: "hang up first" }]);
  });

  it("keeps the snapshot (no re-render) when HubSpot repeats the same visibility, but still emits it", () => {
    const minimized = step(stateOf("idle"), { type: "hostVisibilityChanged", isMinimized: true, isHidden: false });
    expect(minimized.next.session.visibility).toEqual({ isMinimized: true, isHidden: false });
    const again = step(minimized.next, { type: "hostVisibilityChanged", isMinimized: true, isHidden: false });
    expect(again.next).toBe(minimized.next);
    expect(again.notices).toEqual(["visibilityChanged"]);
  });

  it("reports availability changes to HubSpot", () => {
    expect(step(stateOf("idle"), { type: "setAvailable", available: true }).sent).toEqual([{ type: "USER_AVAILABLE" }]);
    expect(step(stateOf("idle"), { type: "setAvailable", available: false }).sent).toEqual([{ type: "USER_UNAVAILABLE" }]);
  });
});

describe("dialing", () => {
  it("dials HubSpot's pending request and reports OUTGOING_CALL_STARTED with createEngagement", () => {
    const { next, effects, sent } = step(stateOf("dialRequested"), {
      type: "dial",
      callId: "c9",
      createEngagement: true,
      at: 7_000,
    });
    expect(next.dialRequest).toBeNull();
    expect(next.call).toMatchObject({ id: "c9", status: "dialing", toNumber: "+16175550100", direction: "OUTBOUND" });
    expect(next.call?.request?.phoneNumber).toBe("+16175550100");
    expect(next.call?.engagement.status).toBe("creating");
    expect(sent).toEqual([
      {
        type: "OUTGOING_CALL_STARTED",
        data: { externalCallId: "c9", toNumber: "+16175550100", callStartTime: 7_000, createEngagement: true },
      },
    ]);
    expect(effects).toContainEqual({ type: "provider", action: "dial", callId: "c9" });
  });

  it("keeps HubSpot's request pending when the user dials another number", () => {
    const { next } = step(stateOf("dialRequested"), { type: "dial", callId: "c9", toNumber: "+442079460000", createEngagement: false, at: 1 });
    expect(next.dialRequest?.phoneNumber).toBe("+16175550100");
    expect(next.call?.request).toBeNull();
    expect(next.call?.engagement.status).toBe("none");
  });

  it("refuses to dial with no number at all", () => {
    expect(step(stateOf("idle"), { type: "dial", callId: "c9", createEngagement: true, at: 1 }).effects[0]).toMatchObject({ type: "reject" });
  });

  it("refuses a new call until the previous one is completed (nothing is lost)", () => {
    const { effects } = step(stateOf("ended"), { type: "dial", callId: "c2", toNumber: "+1617", createEngagement: true, at: 1 });
    expect(effects).toEqual([{ type: "reject", state: "ended", reason: "complete() the previous call first" }]);
  });
});

describe("DIAL_NUMBER", () => {
  const payload = { phoneNumber: "+16175550100", objectId: 0, calleeInfo: { calleeId: 3_000_000_101, calleeObjectTypeId: "0-1" } };

  it("normalises the request: calleeInfo names the record even when objectId is 0", () => {
    const { next, notices } = step(stateOf("idle"), { type: "hostDialNumber", payload, at: 10 });
    expect(next.dialRequest).toMatchObject({ phoneNumber: "+16175550100", callee: { objectId: 3_000_000_101, objectTypeId: "0-1" } });
    expect(notices).toEqual(["dialRequested"]);
  });

  it.each([
    [{ objectType: "COMPANY" }, { objectId: 42, objectTypeId: "0-2" }],
    [{ objectType: "DEAL" }, { objectId: 42, objectTypeId: "0-3" }],
    [{ objectType: "contact" }, { objectId: 42, objectTypeId: "0-1" }],
    [{ objectType: "2-1234567" }, { objectId: 42, objectTypeId: "2-1234567" }],
    [{}, { objectId: 42, objectTypeId: "0-1" }],
    [{ objectType: "SOMETHING_NEW" }, null],
  ])("without calleeInfo, objectType %j names the record type (never guessed for an unknown type)", (fields, callee) => {
    const { next } = step(stateOf("idle"), { type: "hostDialNumber", payload: { phoneNumber: "+16175550100", objectId: 42, ...fields }, at: 10 });
    expect(next.dialRequest?.callee).toEqual(callee);
  });

  it("takes phone_number when phoneNumber is missing (seen in practice)", () => {
    const { next } = step(stateOf("idle"), { type: "hostDialNumber", payload: { phone_number: "+1 617 555 0100" }, at: 10 });
    expect(next.dialRequest?.phoneNumber).toBe("+1 617 555 0100");
  });

  it("ignores the same request delivered twice (SDK issue 210)", () => {
    const once = step(stateOf("idle"), { type: "hostDialNumber", payload, at: 10 }).next;
    const twice = step(once, { type: "hostDialNumber", payload, at: 12 });
    expect(twice.next).toBe(once);
    expect(twice.effects).toEqual([]);
  });

  it("ignores the duplicate even after the call it started is under way", () => {
    const requested = step(stateOf("idle"), { type: "hostDialNumber", payload: { ...payload, startTimestamp: 77 }, at: 10 }).next;
    const dialing = step(requested, { type: "dial", callId: "c9", createEngagement: true, at: 11 }).next;
    const again = step(dialing, { type: "hostDialNumber", payload: { ...payload, startTimestamp: 77 }, at: 4_000 });
    expect(again.next).toBe(dialing);
  });

  it("accepts the same number again when it is clearly a new click", () => {
    const once = step(stateOf("idle"), { type: "hostDialNumber", payload, at: 10 }).next;
    const later = step(once, { type: "hostDialNumber", payload, at: 60_000 });
    expect(later.next).not.toBe(once);
    expect(later.notices).toEqual(["dialRequested"]);
  });
});

describe("ending calls", () => {
  const cases: [string, MachineEvent, string][] = [
    ["busy", { type: "providerEnded", callId: "c1", reason: "busy", at: 9 }, "BUSY"],
    ["no answer", { type: "providerEnded", callId: "c1", reason: "noAnswer", at: 9 }, "NO_ANSWER"],
    ["provider failure", { type: "providerFailed", callId: "c1", error: { code: "PROVIDER_ERROR", message: "ICE failed" }, at: 9 }, "FAILED"],
    ["user hangs up while ringing", { type: "hangUp", at: 9 }, "CANCELED"],
    ["HubSpot's END_CALL while ringing", { type: "hostEndCall", at: 9 }, "CANCELED"],
  ];
  for (const [name, event, status] of cases) {
    it(`${name} ends the call with ${status}`, () => {
      const { next, sent, notices } = step(stateOf("ringing"), event);
      expect(next.call).toMatchObject({ status: "ended", endStatus: status, endedAt: 9 });
      expect(sent).toEqual([{ type: "CALL_ENDED", data: { externalCallId: "c1", callEndStatus: status } }]);
      expect(notices).toContain("callEnded");
    });
  }

  it("a connected call hung up is COMPLETED and tells the provider", () => {
    const { next, effects } = step(stateOf("connected"), { type: "hangUp", at: 9 });
    expect(next.call?.endStatus).toBe("COMPLETED");
    expect(effects).toContainEqual({ type: "provider", action: "hangUp", callId: "c1" });
  });

  it("an incoming call that stops ringing is MISSED; declining it is REJECTED", () => {
    expect(step(stateOf("incoming"), { type: "providerEnded", callId: "c1", reason: "canceled", at: 9 }).next.call?.endStatus).toBe("MISSED");
    const rejected = step(stateOf("incoming"), { type: "reject", at: 9 });
    expect(rejected.next.call?.endStatus).toBe("REJECTED");
    expect(rejected.effects).toContainEqual({ type: "provider", action: "reject", callId: "c1" });
  });

  it("includes the engagement id in CALL_ENDED once known", () => {
    const withId = run([{ type: "hostEngagementCreated", engagementId: 3_000_000_000_1 }], stateOf("connected"));
    expect(step(withId, { type: "hangUp", at: 9 }).sent[0]).toEqual({
      type: "CALL_ENDED",
      data: { externalCallId: "c1", callEndStatus: "COMPLETED", engagementId: 3_000_000_000_1 },
    });
  });

  it("ignores the provider's own 'ended' after the user hung up", () => {
    const ended = step(stateOf("connected"), { type: "hangUp", at: 9 }).next;
    const late = step(ended, { type: "providerEnded", callId: "c1", reason: "completed", at: 10 });
    expect(late.next).toBe(ended);
    expect(late.effects).toEqual([]);
  });

  it("warns about provider events for another call and changes nothing", () => {
    const before = stateOf("connected");
    const { next, notices } = step(before, { type: "providerEnded", callId: "other", reason: "completed", at: 10 });
    expect(next).toBe(before);
    expect(notices).toEqual(["warning"]);
  });
});

describe("engagement", () => {
  it("attaches an engagement id that arrives after the call ended", () => {
    const { next, notices } = step(stateOf("ended"), { type: "hostEngagementCreated", engagementId: 99 });
    expect(next.call?.engagement).toEqual({ status: "created", id: 99, error: null, createError: null });
    expect(notices).toEqual(["engagementCreated"]);
  });

  it("attaches a late id even while the call is being written, keeping the write going", () => {
    const { next } = step(stateOf("wrappingUp"), { type: "hostEngagementCreated", engagementId: 99 });
    expect(next.call?.engagement).toMatchObject({ status: "writing", id: 99 });
  });

  it("accepts ENGAGEMENT_CREATED and CREATE_ENGAGEMENT_SUCCEEDED for the same id, warns on a different one", () => {
    const once = step(stateOf("dialing"), { type: "hostEngagementCreated", engagementId: 99 }).next;
    expect(step(once, { type: "hostEngagementCreated", engagementId: 99 }).next).toBe(once);
    const conflict = step(once, { type: "hostEngagementCreated", engagementId: 100 });
    expect(conflict.next).toBe(once);
    expect(conflict.notices).toEqual(["warning"]);
  });

  it("ignores an engagement id naming another call", () => {
    const before = stateOf("dialing");
    expect(step(before, { type: "hostEngagementCreated", engagementId: 99, externalCallId: "other" }).notices).toEqual(["warning"]);
  });

  it("records CREATE_ENGAGEMENT_FAILED with HubSpot's message", () => {
    const { next } = step(stateOf("dialing"), { type: "hostEngagementCreateFailed", message: "Missing scopes" });
    expect(next.call?.engagement).toMatchObject({ status: "failed", id: null });
    expect(next.call?.engagement.error?.message).toContain("Missing scopes");
  });

  it("complete() moves to wrappingUp and asks the client to write", () => {
    const { next, effects } = step(stateOf("ended"), { type: "complete", details: { notes: "Call back", outcome: "connected" } });
    expect(next.call).toMatchObject({ status: "wrappingUp", details: { notes: "Call back", outcome: "connected" } });
    expect(next.call?.engagement.status).toBe("writing");
    expect(effects).toEqual([{ type: "write", callId: "c1" }]);
  });

  it("a failed write goes back to ended so complete() can be retried, and keeps the id", () => {
    const withId = run([{ type: "hostEngagementCreated", engagementId: 5 }, { type: "complete", details: {} }], stateOf("ended"));
    const { next } = step(withId, { type: "writeFailed", callId: "c1", error: { code: "UPDATE_ENGAGEMENT_FAILED", message: "x" }, final: true });
    expect(next.call).toMatchObject({ status: "ended" });
    expect(next.call?.engagement).toMatchObject({ status: "failed", id: 5 });
    expect(step(next, { type: "complete", details: {} }).effects).toEqual([{ type: "write", callId: "c1" }]);
  });

  it("a queued write completes the call and stays 'writing' until delivered", () => {
    const queued = step(stateOf("wrappingUp"), { type: "writeSucceeded", callId: "c1", queued: true }).next;
    expect(queued.call).toMatchObject({ status: "completed", engagement: { status: "writing" } });
    const delivered = step(queued, { type: "writeDelivered", callId: "c1", engagementId: 8 }).next;
    expect(delivered.call?.engagement).toMatchObject({ status: "written", id: 8 });
  });
});

describe("engagement answers follow the order of the creates", () => {
  // Call c1 was written without its id (it never came in time) and completed; c2 is dialled.
  const completedWithoutId = stateOf("completed");
  const secondCall = step(completedWithoutId, { type: "dial", callId: "c2", toNumber: "+16175550111", createEngagement: true, at: 70_000 }).next;
  const warnings = (effects: readonly Effect[]) =>
    effects.flatMap((effect) => (effect.type === "emit" && effect.notice.type === "warning" ? [effect.notice] : []));

  it("remembers every create not yet answered, oldest first", () => {
    expect(completedWithoutId.pendingCreates).toEqual(["c1"]);
    expect(secondCall.pendingCreates).toEqual(["c1", "c2"]);
    expect(Object.isFrozen(secondCall.pendingCreates)).toBe(true);
    const noCreate = step(completedWithoutId, { type: "dial", callId: "c2", toNumber: "+16175550111", createEngagement: false, at: 70_000 }).next;
    expect(noCreate.pendingCreates).toEqual(["c1"]);
  });

  it("a late unnamed id for the previous call does not attach to the current call, which keeps waiting", () => {
    const late = step(secondCall, { type: "hostEngagementCreated", engagementId: 111 });
    expect(late.next.call).toMatchObject({ id: "c2", engagement: { status: "creating", id: null } });
    expect(late.next.pendingCreates).toEqual(["c2"]);
    expect(late.notices).toEqual(["warning"]);
    const [warning] = warnings(late.effects);
    expect(warning?.code).toBe("engagementForPreviousCall");
    expect(warning?.message).toContain("111");
    expect(warning?.message).toContain("c1");
    // c2's own answer then attaches to c2, and its CALL_ENDED carries it.
    const own = step(late.next, { type: "hostEngagementCreated", engagementId: 222 });
    expect(own.next.call?.engagement).toMatchObject({ status: "created", id: 222 });
    expect(own.next.pendingCreates).toEqual([]);
    const ended = step(run([{ type: "providerAnswered", callId: "c2", at: 71_000 }], own.next), { type: "hangUp", at: 72_000 });
    expect(ended.sent[0]).toMatchObject({ type: "CALL_ENDED", data: { externalCallId: "c2", engagementId: 222 } });
  });

  it("a late unnamed CREATE_ENGAGEMENT_FAILED for the previous call does not fail the current call", () => {
    const late = step(secondCall, { type: "hostEngagementCreateFailed", message: "Missing scopes" });
    expect(late.next.call?.engagement).toEqual({ status: "creating", id: null, error: null, createError: null });
    expect(warnings(late.effects).map((w) => w.code)).toEqual(["engagementForPreviousCall"]);
    expect(late.next.pendingCreates).toEqual(["c2"]);
  });

  it("a named answer answers that call, wherever it is in the list", () => {
    const named = step(secondCall, { type: "hostEngagementCreated", engagementId: 222, externalCallId: "c2" });
    expect(named.next.call?.engagement.id).toBe(222);
    expect(named.next.pendingCreates).toEqual(["c1"]);
    const old = step(secondCall, { type: "hostEngagementCreated", engagementId: 111, externalCallId: "c1" });
    expect(old.next.call?.engagement.id).toBeNull();
    expect(old.next.pendingCreates).toEqual(["c2"]);
    expect(warnings(old.effects).map((w) => w.code)).toEqual(["engagementForPreviousCall"]);
  });

  it("an id repeated for the current call (ENGAGEMENT_CREATED after CREATE_ENGAGEMENT_SUCCEEDED) consumes nothing", () => {
    const once = step(secondCall, { type: "hostEngagementCreated", engagementId: 222, externalCallId: "c2" }).next;
    const again = step(once, { type: "hostEngagementCreated", engagementId: 222 });
    expect(again.next).toBe(once);
    expect(again.effects).toEqual([]);
  });

  it("the same late id sent twice (ENGAGEMENT_CREATED and CREATE_ENGAGEMENT_SUCCEEDED) is taken once, not given to the next call", () => {
    const first = step(secondCall, { type: "hostEngagementCreated", engagementId: 111 });
    expect(first.next.recentEngagementIds).toEqual([111]);
    const repeat = step(first.next, { type: "hostEngagementCreated", engagementId: 111 });
    expect(repeat.next).toBe(first.next);
    expect(repeat.effects).toEqual([]);
    expect(repeat.next.call?.engagement).toMatchObject({ status: "creating", id: null });
    const own = step(repeat.next, { type: "hostEngagementCreated", engagementId: 222 });
    expect(own.next.call?.engagement).toMatchObject({ status: "created", id: 222 });
  });

  it("with no create pending, an unnamed id still goes to the current call (an id after the call ended attaches)", () => {
    const answered = step(stateOf("ended"), { type: "hostEngagementCreated", engagementId: 5 }).next;
    expect(answered.pendingCreates).toEqual([]);
    expect(answered.call?.engagement.id).toBe(5);
  });

  it("forgets the oldest creates beyond the last 20", () => {
    let snapshot = completedWithoutId;
    for (let n = 2; n <= 30; n += 1) {
      snapshot = run([
        { type: "dial", callId: `c${n}`, toNumber: "+16175550111", createEngagement: true, at: n },
        { type: "hangUp", at: n },
        { type: "discard" },
      ], snapshot);
    }
    expect(snapshot.pendingCreates).toHaveLength(20);
    expect(snapshot.pendingCreates[0]).toBe("c11");
    expect(snapshot.pendingCreates[19]).toBe("c30");
  });
});

describe("create failures and write failures are told apart", () => {
  it("CREATE_ENGAGEMENT_FAILED sets createError; a later write failure does not touch it", () => {
    const failed = step(stateOf("dialing"), { type: "hostEngagementCreateFailed", message: "Missing scopes" }).next;
    expect(failed.call?.engagement).toMatchObject({ status: "failed", createError: { code: "CREATE_ENGAGEMENT_FAILED" } });
    const ended = run([{ type: "hangUp", at: 9 }, { type: "complete", details: {} }], failed);
    const writeFailed = step(ended, { type: "writeFailed", callId: "c1", error: { code: "WRITER_ERROR", message: "x" }, final: true }).next;
    expect(writeFailed.call?.engagement).toMatchObject({ status: "failed", error: { code: "WRITER_ERROR" }, createError: { code: "CREATE_ENGAGEMENT_FAILED" } });
  });

  it("a write failure leaves createError null, so the id may still come", () => {
    const wrappingUp = stateOf("wrappingUp");
    const failed = step(wrappingUp, { type: "writeFailed", callId: "c1", error: { code: "UPDATE_ENGAGEMENT_FAILED", message: "x" }, final: true }).next;
    expect(failed.call?.engagement).toMatchObject({ status: "failed", error: { code: "UPDATE_ENGAGEMENT_FAILED" }, createError: null });
    const late = step(failed, { type: "hostEngagementCreated", engagementId: 333 });
    expect(late.next.call?.engagement.id).toBe(333);
  });

  it("a create failure answering a call already written is recorded without changing its status", () => {
    const { next, notices } = step(stateOf("completed"), { type: "hostEngagementCreateFailed", message: "nope" });
    expect(next.call?.engagement).toMatchObject({ status: "written", error: null, createError: { code: "CREATE_ENGAGEMENT_FAILED", message: "nope" } });
    expect(notices).toEqual(["engagementCreateFailed"]);
  });
});

describe("discarding a call that is being logged", () => {
  it("completes the call, marks the write abandoned and ignores the write's late result", () => {
    const { next, notices } = step(stateOf("wrappingUp"), { type: "discard" });
    expect(next.call).toMatchObject({ status: "completed", engagement: { status: "failed", error: { code: "ABORTED" } } });
    expect(notices).toEqual(["callDiscarded"]);
    for (const late of [
      { type: "writeSucceeded", callId: "c1", engagementId: 4, queued: false },
      { type: "writeFailed", callId: "c1", error: { code: "WRITER_ERROR", message: "x" }, final: true },
      { type: "writeDelivered", callId: "c1", engagementId: 4 },
    ] satisfies MachineEvent[]) {
      const after = step(next, late);
      expect(after.next).toBe(next);
      expect(after.effects).toEqual([]);
    }
    expect(step(next, { type: "dial", callId: "c2", toNumber: "+16175550111", createEngagement: true, at: 1 }).next.call?.id).toBe("c2");
  });
});

describe("inbound", () => {
  it("reports INCOMING_CALL; answer() only asks the provider, its confirmation connects with CALL_ANSWERED", () => {
    const incoming = step(stateOf("idle"), { type: "providerIncoming", callId: "in1", from: "+16175550123", to: "+16175550199", createEngagement: true, at: 3 });
    expect(incoming.sent).toEqual([
      { type: "INCOMING_CALL", data: { externalCallId: "in1", fromNumber: "+16175550123", toNumber: "+16175550199", callStartTime: 3, createEngagement: true } },
    ]);
    const answering = step(incoming.next, { type: "answer" });
    expect(answering.next.call).toMatchObject({ status: "incoming", answering: true, answeredAt: null });
    expect(answering.effects).toEqual([{ type: "provider", action: "answer", callId: "in1" }]);
    const answered = step(answering.next, { type: "providerAnswered", callId: "in1", at: 4 });
    expect(answered.next.call).toMatchObject({ status: "connected", answering: false, answeredAt: 4 });
    expect(answered.sent).toEqual([{ type: "CALL_ANSWERED", data: { externalCallId: "in1" } }]);
    expect(answered.notices).toEqual(["callConnected"]);
  });

  it("a caller who hangs up while the provider is still answering has missed the call (never CALL_ANSWERED)", () => {
    const answering = stateOf("answering");
    for (const reason of ["completed", "canceled", "noAnswer"] as const) {
      const { next, sent, notices } = step(answering, { type: "providerEnded", callId: "c1", reason, at: 5 });
      expect(next.call).toMatchObject({ status: "ended", endStatus: "MISSED", answeredAt: null });
      expect(sent.map((message) => message.type)).toEqual(["CALL_ENDED"]);
      expect(notices).toEqual(["callEnded"]);
    }
  });

  it("refuses a second answer() while the provider is answering", () => {
    const answering = stateOf("answering");
    const { next, effects } = step(answering, { type: "answer" });
    expect(next).toBe(answering);
    expect(effects).toEqual([{ type: "reject", state: "incoming", reason: "the call is already being answered" }]);
  });

  it("hanging up while the provider is answering declines the call (REJECTED), through the provider", () => {
    const { next, effects } = step(stateOf("answering"), { type: "hangUp", at: 5 });
    expect(next.call).toMatchObject({ status: "ended", endStatus: "REJECTED" });
    expect(effects).toContainEqual({ type: "provider", action: "reject", callId: "c1" });
  });

  it("declines a second incoming call while busy, through the provider", () => {
    const before = stateOf("connected");
    const { next, effects } = step(before, { type: "providerIncoming", callId: "in2", from: "+1", to: "+2", createEngagement: true, at: 3 });
    expect(next).toBe(before);
    expect(effects).toContainEqual({ type: "provider", action: "reject", callId: "in2" });
    expect(next.call?.id).toBe("c1");
  });
});

describe("mute and hold", () => {
  const muted = () => run([{ type: "mute", muted: true }], stateOf("connected"));

  it("a rollback restores only the field it names: a refused hold leaves a mute alone, and vice versa", () => {
    const held = run([{ type: "hold", held: true }], muted());
    const holdUndone = step(held, { type: "providerRollback", callId: "c1", held: false });
    expect(holdUndone.next.call).toMatchObject({ status: "connected", muted: true });
    const muteUndone = step(held, { type: "providerRollback", callId: "c1", muted: false });
    expect(muteUndone.next.call).toMatchObject({ status: "onHold", muted: false });
    expect([...holdUndone.effects, ...muteUndone.effects]).toEqual([]);
  });

  it("a rollback that changes nothing, or names another call, keeps the snapshot", () => {
    const before = muted();
    expect(step(before, { type: "providerRollback", callId: "c1", muted: true }).next).toBe(before);
    expect(step(before, { type: "providerRollback", callId: "c1", held: false }).next).toBe(before);
    expect(step(before, { type: "providerRollback", callId: "c2", muted: false }).next).toBe(before);
  });

  it("remembers that the call has been on hold, after it was resumed too", () => {
    expect(stateOf("connected").call?.hasBeenOnHold).toBe(false);
    const held = step(stateOf("connected"), { type: "hold", held: true }).next;
    expect(held.call).toMatchObject({ status: "onHold", hasBeenOnHold: true });
    const resumed = step(held, { type: "hold", held: false }).next;
    expect(resumed.call).toMatchObject({ status: "connected", hasBeenOnHold: true });
    const undone = step(resumed, { type: "providerRollback", callId: "c1", held: false }).next;
    expect(undone.call?.hasBeenOnHold).toBe(true);
  });
});
