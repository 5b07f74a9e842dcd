import { callTransition } from "./callTransition";
import { engagementTransition } from "./engagementTransition";
import type { MachineEvent } from "./machineEvent";
import { sessionTransition } from "./sessionTransition";
import type { CallingSnapshot } from "./snapshot";
import type { TransitionResult } from "./update";

export type { TransitionResult } from "./update";

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
  switch (event.type) {
    case "hostSynced":
    case "initialize":
    case "logIn":
    case "logOut":
    case "setAvailable":
    case "hostVisibilityChanged":
      return sessionTransition(snapshot, event);
    case "hostEngagementCreated":
    case "hostEngagementCreateFailed":
    case "hostCallerIdMatched":
    case "complete":
    case "discard":
    case "writeSucceeded":
    case "writeFailed":
    case "writeDelivered":
      return engagementTransition(snapshot, event);
    default:
      return callTransition(snapshot, event);
  }
}
