import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CallingSnapshot, initialSnapshot, isCallActive } from "../../src/index";
import type { Effect } from "../../src/machine/effect";
import type { MachineEvent } from "../../src/machine/machineEvent";
import { transition } from "../../src/machine/transition";
import { HOST } from "./fixtures";

// Random event sequences: commands, HubSpot messages and provider reports,
// aimed at a few call ids so that both matching and stale events occur.
const callId = fc.constantFrom("c1", "c2", "c3");
const at = fc.integer({ min: 0, max: 1_000_000 });
const event: fc.Arbitrary<MachineEvent> = fc.oneof(
  fc.constant<MachineEvent>({ type: "hostSynced", host: HOST }),
  fc.boolean().map<MachineEvent>((isLoggedIn) => ({ type: "initialize", isLoggedIn })),
  fc.constant<MachineEvent>({ type: "logIn" }),
  fc.constant<MachineEvent>({ type: "logOut" }),
  fc.boolean().map<MachineEvent>((available) => ({ type: "setAvailable", available })),
  fc.record({ phone: fc.constantFrom("+16175550100", "+16175550111"), at }).map<MachineEvent>(({ phone, at }) => ({
    type: "hostDialNumber",
    payload: { phoneNumber: phone },
    at,
  })),
  fc.record({ callId, at, createEngagement: fc.boolean() }).map<MachineEvent>((e) => ({ type: "dial", toNumber: "+16175550100", ...e })),
  at.map<MachineEvent>((at) => ({ type: "hangUp", at })),
  at.map<MachineEvent>((at) => ({ type: "hostEndCall", at })),
  fc.constant<MachineEvent>({ type: "answer" }),
  at.map<MachineEvent>((at) => ({ type: "reject", at })),
  fc.boolean().map<MachineEvent>((muted) => ({ type: "mute", muted })),
  fc.boolean().map<MachineEvent>((held) => ({ type: "hold", held })),
  fc.constant<MachineEvent>({ type: "complete", details: { notes: "n" } }),
  fc.record({ callId, at }).map<MachineEvent>((e) => ({ type: "providerIncoming", from: "+1617", to: "+1618", createEngagement: true, ...e })),
  callId.map<MachineEvent>((callId) => ({ type: "providerRinging", callId })),
  fc.record({ callId, at }).map<MachineEvent>((e) => ({ type: "providerAnswered", ...e })),
  fc.record({ callId, at, reason: fc.constantFrom("completed", "busy", "noAnswer", "canceled", "failed") }).map<MachineEvent>((e) => ({ type: "providerEnded", ...e })),
  fc.record({ callId, at }).map<MachineEvent>((e) => ({ type: "providerFailed", error: { code: "PROVIDER_ERROR", message: "x" }, ...e })),
  fc.integer({ min: 1, max: 40 }).map<MachineEvent>((engagementId) => ({ type: "hostEngagementCreated", engagementId })),
  fc.constant<MachineEvent>({ type: "hostEngagementCreateFailed", message: "x" }),
  fc.record({ engagementId: fc.integer({ min: 1, max: 40 }), externalCallId: callId }).map<MachineEvent>((e) => ({ type: "hostEngagementCreated", ...e })),
  callId.map<MachineEvent>((externalCallId) => ({ type: "hostEngagementCreateFailed", message: "x", externalCallId })),
  fc.constant<MachineEvent>({ type: "discard" }),
  fc.record({ callId, queued: fc.boolean() }).map<MachineEvent>((e) => ({ type: "writeSucceeded", ...e })),
  fc.record({ callId, queued: fc.boolean() }).map<MachineEvent>((e) => ({ type: "writeSucceeded", ...e })),
  fc.constant<MachineEvent>({ type: "complete", details: {} }),
  fc.record({ callId, final: fc.boolean() }).map<MachineEvent>((e) => ({ type: "writeFailed", error: { code: "WRITER_ERROR", message: "x" }, ...e })),
  callId.map<MachineEvent>((callId) => ({ type: "writeDelivered", callId, engagementId: 9 })),
);

type Step = { before: CallingSnapshot; event: MachineEvent; after: CallingSnapshot; effects: readonly Effect[] };

function play(events: MachineEvent[]): Step[] {
  const steps: Step[] = [];
  let snapshot = initialSnapshot();
  for (const e of events) {
    const [after, effects] = transition(snapshot, e);
    steps.push({ before: snapshot, event: e, after, effects });
    snapshot = after;
  }
  return steps;
}

// Most sequences start with the handshake so that calls actually happen.
const handshake: MachineEvent[] = [{ type: "hostSynced", host: HOST }, { type: "initialize", isLoggedIn: true }];
const sequences = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.array(event, { minLength: 1, maxLength: 60 }))
  .map(([prefix, events]) => (prefix > 0 ? [...handshake, ...events] : events));
const runs = { numRuns: 400 };

// The generator reuses a few call ids, so a later call may carry the id of a
// completed one: per-call counts key on the call's instance, which changes
// whenever a step brings in a call that was not there before.
function instances() {
  let count = 0;
  return (before: CallingSnapshot, after: CallingSnapshot): string | null => {
    const call = after.call;
    if (!call) return null;
    const previous = before.call;
    if (!previous || previous.id !== call.id || (previous.status === "completed" && call.status !== "completed")) count += 1;
    return `${call.id}#${count}`;
  };
}

describe("machine properties over random event sequences", () => {
  it("never replaces a call that is live or not yet completed (at most one active call)", () => {
    fc.assert(
      fc.property(sequences, (events) => {
        for (const { before, after } of play(events)) {
          if (before.call && after.call && before.call.id !== after.call.id) {
            expect(before.call.status).toBe("completed");
          }
          if (before.call && !after.call) throw new Error("a call disappeared");
        }
      }),
      runs,
    );
  });

  it("never loses a known engagement id", () => {
    fc.assert(
      fc.property(sequences, (events) => {
        for (const { before, after } of play(events)) {
          if (before.call?.engagement.id != null && after.call?.id === before.call.id) {
            expect(after.call.engagement.id).toBe(before.call.engagement.id);
          }
        }
      }),
      runs,
    );
  });

  it("refusals and warnings change nothing (but the answered create they consume); every snapshot is frozen", () => {
    fc.assert(
      fc.property(sequences, (events) => {
        for (const { before, after, effects } of play(events)) {
          const refused = effects.some((e) => e.type === "reject");
          const warned = effects.some((e) => e.type === "emit" && e.notice.type === "warning");
          if (refused) expect(after).toBe(before);
          if (warned && after !== before) {
            // An answer to an engagement create is consumed even when it is not the current call's.
            expect(after.pendingCreates).toHaveLength(before.pendingCreates.length - 1);
            // (and the id it carried is remembered, so that its repeat is recognised)
            expect({ ...after, pendingCreates: before.pendingCreates, recentEngagementIds: before.recentEngagementIds }).toEqual(before);
          }
          expect(Object.isFrozen(after.pendingCreates)).toBe(true);
          expect(Object.isFrozen(after) && Object.isFrozen(after.session)).toBe(true);
          if (after.call) expect(Object.isFrozen(after.call) && Object.isFrozen(after.call.engagement)).toBe(true);
        }
      }),
      runs,
    );
  });

  it("an engagement answer only ever reaches the call whose create it answers (answers come in order)", () => {
    fc.assert(
      fc.property(sequences, (events) => {
        for (const { before, after, event, effects } of play(events)) {
          // The list grows only by the call whose create was just sent, and never beyond 20.
          const creates = effects.flatMap((e) =>
            e.type === "send" && (e.message.type === "OUTGOING_CALL_STARTED" || e.message.type === "INCOMING_CALL") && e.message.data.createEngagement
              ? [e.message.data.externalCallId]
              : [],
          );
          if (creates.length > 0) expect(after.pendingCreates).toEqual([...before.pendingCreates, ...creates].slice(-20));
          else expect(after.pendingCreates.length).toBeLessThanOrEqual(before.pendingCreates.length);
          if (event.type !== "hostEngagementCreated" && event.type !== "hostEngagementCreateFailed") continue;
          const answered = effects.flatMap((e) =>
            e.type === "emit" && (e.notice.type === "engagementCreated" || e.notice.type === "engagementCreateFailed") ? [e.notice.callId] : [],
          );
          // Named: that call. Unnamed: the oldest create still unanswered, else (none pending) the current call.
          const owner = event.externalCallId ?? before.pendingCreates[0] ?? before.call?.id;
          for (const callId of answered) expect(callId).toBe(owner);
          if (owner !== before.call?.id) expect(after.call).toBe(before.call);
        }
      }),
      runs,
    );
  });

  it("reaches every call state across the generated sequences (the generator is not vacuous)", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(sequences, (events) => {
        for (const { after } of play(events)) if (after.call) seen.add(after.call.status);
      }),
      { numRuns: 3_000, seed: 20261125 },
    );
    expect([...seen].sort()).toEqual(["completed", "connected", "dialing", "ended", "incoming", "onHold", "ringing", "wrappingUp"]);
  });

  it("sends CALL_ENDED exactly when a call ends, once per call", () => {
    fc.assert(
      fc.property(sequences, (events) => {
        const ended = new Map<string, number>();
        const instanceOf = instances();
        for (const { before, after, effects } of play(events)) {
          const instance = instanceOf(before, after);
          const sent = effects.flatMap((e) => (e.type === "send" && e.message.type === "CALL_ENDED" ? [e.message.data] : []));
          for (const data of sent) {
            expect(data.externalCallId).toBe(after.call?.id);
            ended.set(instance as string, (ended.get(instance as string) ?? 0) + 1);
          }
          // The step in which a call's endedAt appears is the step that reports it.
          const justEnded = after.call && after.call.endedAt !== null && (before.call?.id !== after.call.id || before.call.endedAt === null);
          expect(sent.map((data) => data.externalCallId)).toEqual(justEnded ? [after.call?.id] : []);
        }
        for (const count of ended.values()) expect(count).toBe(1);
      }),
      runs,
    );
  });

  it("sends CALL_ANSWERED only on the provider's report, at most once per call; answer() alone never connects", () => {
    fc.assert(
      fc.property(sequences, (events) => {
        const answered = new Map<string, number>();
        const instanceOf = instances();
        for (const { before, event, after, effects } of play(events)) {
          const instance = instanceOf(before, after);
          const sent = effects.flatMap((e) => (e.type === "send" && e.message.type === "CALL_ANSWERED" ? [e.message.data.externalCallId] : []));
          for (const id of sent) {
            expect(id).toBe(after.call?.id);
            answered.set(instance as string, (answered.get(instance as string) ?? 0) + 1);
          }
          if (sent.length > 0) expect(event.type).toBe("providerAnswered");
          if (event.type === "answer") expect(after.call?.answeredAt ?? null).toBe(before.call?.answeredAt ?? null);
          // A call is answering only while incoming.
          if (after.call?.answering) expect(after.call.status).toBe("incoming");
        }
        for (const count of answered.values()) expect(count).toBe(1);
      }),
      runs,
    );
  });

  it("every call that ended reaches completed or a reported failure once completion is attempted", () => {
    fc.assert(
      fc.property(sequences, fc.boolean(), (events, writerSucceeds) => {
        const steps = play(events);
        let snapshot = steps[steps.length - 1]?.after ?? initialSnapshot();
        const call = snapshot.call;
        if (!call || isCallActive(call)) return;
        // Drain: complete (unless already under way), then the writer answers.
        if (call.status === "ended") [snapshot] = transition(snapshot, { type: "complete", details: {} });
        const id = call.id;
        if (snapshot.call?.status === "wrappingUp") {
          [snapshot] = transition(
            snapshot,
            writerSucceeds
              ? { type: "writeSucceeded", callId: id, queued: false }
              : { type: "writeFailed", callId: id, error: { code: "WRITER_ERROR", message: "x" }, final: true },
          );
        }
        const final = snapshot.call;
        const reportedFailure = final?.status === "ended" && final.engagement.status === "failed";
        expect(final?.status === "completed" || reportedFailure).toBe(true);
      }),
      runs,
    );
  });
});
