import { ACTIVE_CALL_STATES, type CallSnapshot } from "./callSnapshot";
import type { HubSpotId } from "../sdk/messages";
import type { DialRequest } from "./dialRequest";
import type { SessionSnapshot } from "./sessionSnapshot";
import type { SurfaceSnapshot } from "./surfaceSnapshot";

/**
 * Everything the client knows, as plain immutable data: equal snapshots are
 * the same object, so `useSyncExternalStore` and selectors re-render only on
 * change.
 *
 * @example
 * ```ts
 * const unsubscribe = client.subscribe(() => render(client.getSnapshot()));
 * ```
 */
export interface CallingSnapshot {
  /** The session with HubSpot. */
  readonly session: SessionSnapshot;
  /** HubSpot's pending request to call a number, if any. */
  readonly dialRequest: DialRequest | null;
  /** The current (or last) call; `null` when there has been none. */
  readonly call: CallSnapshot | null;
  /**
   * The `externalCallId`s of calls whose engagement HubSpot was asked to
   * create (`createEngagement: true`) and has not answered yet, oldest
   * first; at most the last 20. HubSpot answers creates in
   * the order they were sent, so an answer that names no call
   * (`CREATE_ENGAGEMENT_SUCCEEDED` / `_FAILED` as documented) belongs to the
   * first entry, which is not always the current call.
   */
  readonly pendingCreates: readonly string[];
  /**
   * The last engagement ids HubSpot gave (at most 20), so that the same id
   * sent twice (`ENGAGEMENT_CREATED` and `CREATE_ENGAGEMENT_SUCCEEDED`) is
   * taken once, even when the second copy arrives after the next call started.
   */
  readonly recentEngagementIds: readonly HubSpotId[];
  /** This instance's part among the places HubSpot runs the widget (`standalone` unless coordinated). */
  readonly surface: SurfaceSnapshot;
}

/** How many unanswered creates `pendingCreates` keeps; older ones are forgotten. @internal */
export const MAX_PENDING_CREATES = 20;


/**
 * The snapshot before anything happened.
 *
 * @example
 * ```ts
 * initialSnapshot().session.status; // "connecting"
 * ```
 */
export function initialSnapshot(): CallingSnapshot {
  return Object.freeze({
    session: Object.freeze({
      status: "connecting" as const,
      available: false,
      host: null,
      visibility: Object.freeze({ isMinimized: false, isHidden: false }),
    }),
    dialRequest: null,
    call: null,
    pendingCreates: Object.freeze([]),
    recentEngagementIds: Object.freeze([]),
    surface: Object.freeze({ role: "standalone" as const, ownerPresent: true }),
  });
}

/**
 * True while the call is live (dialing, ringing, connected, on hold or incoming).
 *
 * @example
 * ```ts
 * if (isCallActive(client.getSnapshot().call)) disableLogOut();
 * ```
 */
export function isCallActive(call: CallSnapshot | null): boolean {
  return call !== null && (ACTIVE_CALL_STATES as readonly string[]).includes(call.status);
}
