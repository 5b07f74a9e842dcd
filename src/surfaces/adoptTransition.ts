import { end } from "../machine/callTransition";
import type { ErrorInfo } from "../machine/errorInfo";
import { type CallingSnapshot, isCallActive } from "../machine/snapshot";
import { emit, patch, refuse, type TransitionResult } from "../machine/update";

/** How long HubSpot's request to call someone stays worth taking over (5 minutes). */
const DIAL_REQUEST_TTL_MS = 300_000;

/** Why a call taken over from an instance that went away ended (its media went with it). @internal */
export const OWNER_LOST: ErrorInfo = /* @__PURE__ */ Object.freeze({
  code: "OWNER_LOST",
  message: "The instance that held this call (the calling window) went away during the call",
});

/**
 * A pure transition beside the machine's own (kept out of `transition()`,
 * so a client without surfaces does not carry it): taking over from the
 * instance that held the calls until now (the calling
 * window closed, the remote reloaded): `from` is its last snapshot. The
 * shared part (login, availability, HubSpot's pending request, the last
 * call) comes from it; the host context and visibility stay this instance's
 * own. What the old owner could not finish is settled here, once:
 *
 * - a live call lost its media with the old owner: it ends `FAILED` with
 *   `OWNER_LOST` (`CALL_ENDED` to HubSpot, `callEnded`), ready to be
 *   completed or discarded;
 * - a call being logged may or may not have reached HubSpot: it is marked
 *   `completed` with a failed engagement (`OWNER_LOST`) and a warning, never
 *   logged twice;
 * - engagement creates still unanswered were sent from the old owner's
 *   iframe: they are forgotten, so an answer that names no call is not
 *   given to an older one; the last call keeps waiting for its id (a late
 *   id still attaches, as always).
 */
export function adoptTransition(s: CallingSnapshot, event: { from: CallingSnapshot; at: number }): TransitionResult {
  const { status } = s.session;
  if (status === "connecting") return refuse(s, status, "await client.ready() first");
  const { from, at } = event;
  // This instance's iframe was initialized already (the coordinator sends INITIALIZED itself).
  const shared =
    from.session.status === "loggedIn" || from.session.status === "loggedOut"
      ? from.session.status
      : status === "ready"
        ? "loggedOut"
        : status;
  const request = from.dialRequest;
  const call = from.call;
  const next = patch(s, {
    session: patch(s.session, { status: shared, available: shared === "loggedIn" && from.session.available }),
    dialRequest: request && at - request.receivedAt <= DIAL_REQUEST_TTL_MS ? request : null,
    call,
    pendingCreates: Object.freeze([]),
    recentEngagementIds: from.recentEngagementIds,
  });
  if (!call) return [next, []];
  if (isCallActive(call)) return end(next, call, "FAILED", at, OWNER_LOST);
  if (call.status === "wrappingUp") {
    return [
      patch(next, { call: patch(call, { status: "completed", engagement: patch(call.engagement, { status: "failed", error: OWNER_LOST }) }) }),
      [
        emit({
          type: "warning",
          code: "ownerLost",
          message: `Call ${call.id} was being logged when the instance holding it went away; it may or may not be in HubSpot, and is not logged again`,
        }),
      ],
    ];
  }
  return [next, []];
}
