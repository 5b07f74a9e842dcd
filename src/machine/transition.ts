import { type CallEvent, callTransition } from "./callTransition";
import { type EngagementEvent, engagementTransition } from "./engagementTransition";
import type { MachineEvent } from "./machineEvent";
import { type SessionEvent, sessionTransition } from "./sessionTransition";
import type { CallingSnapshot } from "./snapshot";
import type { TransitionResult } from "./update";

export type { TransitionResult } from "./update";

// Every machine event belongs to one of the three parts (checked at compile time).
type Unowned = Exclude<MachineEvent, SessionEvent | EngagementEvent | CallEvent>;
type EveryEventOwned<T extends never> = T;
type _EveryEventOwned = EveryEventOwned<Unowned>;

/**
 * The whole state machine as one pure function: no I/O, no timers, no
 * randomness. Returns the next snapshot (the same object when nothing
 * changed) and the effects the client must perform, in order.
 *
 * Rules written once, here: a command in the wrong state yields a `reject`
 * effect and no change; an unexpected message from HubSpot or the provider
 * yields a `warning` and no change; a repeated `DIAL_NUMBER` is ignored; an
 * engagement id that arrives after the call ended still attaches.
 *
 * @example
 * ```ts
 * let snapshot = initialSnapshot();
 * const [next, effects] = transition(snapshot, { type: "hostSynced", host });
 * // next.session.status === "ready"; effects: [{ type: "emit", notice: { type: "ready" } }]
 * ```
 */
export function transition(snapshot: CallingSnapshot, event: MachineEvent): TransitionResult {
  // Each part answers the events it owns and passes on (undefined) the others.
  return sessionTransition(snapshot, event) ?? engagementTransition(snapshot, event) ?? callTransition(snapshot, event as CallEvent);
}
