import type { Effect, Notice, WarningCode } from "./effect";
import type { CallSnapshot } from "./callSnapshot";
import type { EngagementSnapshot } from "./engagementSnapshot";
import type { SessionSnapshot } from "./sessionSnapshot";
import type { CallingSnapshot } from "./snapshot";

/** What `transition` returns: the next snapshot and the effects to perform. */
export type TransitionResult = readonly [CallingSnapshot, readonly Effect[]];

/** A frozen copy of `base` with `patch` applied. */
export function patch<T extends object>(base: T, changes: Partial<T>): T {
  return Object.freeze({ ...base, ...changes });
}

export function withSession(s: CallingSnapshot, changes: Partial<SessionSnapshot>): CallingSnapshot {
  return patch(s, { session: patch(s.session, changes) });
}

export function withCall(
  s: CallingSnapshot,
  call: CallSnapshot,
  changes: Partial<CallSnapshot>,
): CallingSnapshot {
  return patch(s, { call: patch(call, changes) });
}

export function withEngagement(
  s: CallingSnapshot,
  call: CallSnapshot,
  changes: Partial<EngagementSnapshot>,
  callChanges: Partial<CallSnapshot> = {},
): CallingSnapshot {
  return withCall(s, call, { ...callChanges, engagement: patch(call.engagement, changes) });
}

export const emit = (notice: Notice): Effect => ({ type: "emit", notice });

/** A refused command: state unchanged, one `reject` effect. */
export function refuse(s: CallingSnapshot, state: string, reason: string): TransitionResult {
  return [s, [{ type: "reject", state, reason }]];
}

/** An unexpected event: state unchanged, one `warning`. */
export function warn(s: CallingSnapshot, code: WarningCode, message: string): TransitionResult {
  return [s, [emit({ type: "warning", code, message })]];
}
