// What a simulated HubSpot answers on its own, and the desk that answers:
// shared by the memory transport and the host simulator so both behave the
// same way (the table itself is in hubSpotReactions.ts).
import type { CallerIdMatch, EngagementProperties, HubSpotId } from "../sdk/messages";
import { type HostReaction, type HostState, reactTo } from "./hubSpotReactions";

/**
 * How a simulated HubSpot answers a request on its own: `true` succeeds,
 * `false` stays silent (answer by hand), `{ fail: message }` answers with the
 * `*_FAILED` message.
 *
 * @example
 * ```ts
 * createMemoryTransport({ autoEngagement: { fail: "Missing scope crm.objects.calls.write" } });
 * ```
 */
export type AutoReplyMode =
  | boolean
  | {
      /** The error message of the `*_FAILED` answer. */
      fail: string;
    };

/**
 * How a simulated HubSpot answers an `INCOMING_CALL`: `false` stays silent,
 * a list answers `CALLER_ID_MATCH_SUCCEEDED` with those records (an empty list
 * means "no match"), `{ fail: message }` answers `CALLER_ID_MATCH_FAILED`.
 *
 * @example
 * ```ts
 * const mode: CallerIdReplyMode = [{
 *   callerIdType: "CONTACT", firstName: "Ada", lastName: "Lovelace",
 *   objectCoordinates: { portalId: 987_654_321, objectId: 3_000_000_101, objectTypeId: "0-1" },
 * }];
 * ```
 */
export type CallerIdReplyMode =
  | false
  | readonly CallerIdMatch[]
  | {
      /** The error message of `CALLER_ID_MATCH_FAILED`. */
      fail: string;
    };

/**
 * The automatic answers of a simulated HubSpot; each can be changed while it
 * runs (`host.setReplies({ engagement: { fail: "…" } })`).
 *
 * @example
 * ```ts
 * const replies: HostReplies = { engagement: true, update: { fail: "Engagement was deleted" }, finalize: true, callerId: [], widgetUrl: true };
 * ```
 */
export interface HostReplies {
  /** `OUTGOING_CALL_STARTED` / `INCOMING_CALL` with `createEngagement` → `CREATE_ENGAGEMENT_*` (default true). */
  engagement: AutoReplyMode;
  /** `CALL_COMPLETED` with `engagementProperties` → `UPDATE_ENGAGEMENT_*`; on success the properties are stored (default true). */
  update: AutoReplyMode;
  /** `FINALIZE_ENGAGEMENT` → `FINALIZE_ENGAGEMENT_*`, and its deprecated twin `PUBLISH_TO_CHANNEL` → `PUBLISH_TO_CHANNEL_*` (default true). */
  finalize: AutoReplyMode;
  /** `INCOMING_CALL` → `CALLER_ID_MATCH_*` (default false: no answer). */
  callerId: CallerIdReplyMode;
  /**
   * `SET_WIDGET_URL` (default true: the widget's iframe moves to the new
   * address; an address that is not http(s) is answered `SET_WIDGET_URL_FAILED`).
   */
  widgetUrl: AutoReplyMode;
}

/** @internal */
export interface ReplyDesk {
  readonly engagements: Map<HubSpotId, EngagementProperties>;
  readonly replies: HostReplies;
  set(changes: Partial<HostReplies>): void;
  /** What HubSpot does about this widget message, as sent (it may lack `data`, or anything else). */
  answer(message: { type: string; data?: unknown }): HostReaction;
}

/** @internal */
export function createReplyDesk(initial: Partial<HostReplies>, firstEngagementId: HubSpotId): ReplyDesk {
  const replies: HostReplies = { engagement: true, update: true, finalize: true, callerId: false, widgetUrl: true, ...initial };
  let nextEngagementId = firstEngagementId;
  const state: HostState = { replies, engagements: new Map(), newEngagementId: () => nextEngagementId++ };
  return {
    engagements: state.engagements,
    replies,
    set(changes) {
      Object.assign(replies, changes);
    },
    answer: (message) => reactTo(message.type, message.data, state),
  };
}
