// What a simulated HubSpot answers on its own, shared by the memory transport
// and the host simulator so both behave the same way.
import type {
  CallerIdMatch,
  EngagementProperties,
  HubSpotId,
  InboundPayloads,
  OutboundMessage,
} from "../sdk/messages";
import type { InboundMessageType } from "../sdk/messageTypes";

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
 * const replies: HostReplies = { engagement: true, update: { fail: "Engagement was deleted" }, finalize: true, callerId: [] };
 * ```
 */
export interface HostReplies {
  /** `OUTGOING_CALL_STARTED` / `INCOMING_CALL` with `createEngagement` → `CREATE_ENGAGEMENT_*` (default true). */
  engagement: AutoReplyMode;
  /** `CALL_COMPLETED` with `engagementProperties` → `UPDATE_ENGAGEMENT_*`; on success the properties are stored (default true). */
  update: AutoReplyMode;
  /** `FINALIZE_ENGAGEMENT` → `FINALIZE_ENGAGEMENT_*` (default true). */
  finalize: AutoReplyMode;
  /** `INCOMING_CALL` → `CALLER_ID_MATCH_*` (default false: no answer). */
  callerId: CallerIdReplyMode;
}

/** @internal A message the simulated HubSpot sends in reply. */
export type Reply = { [K in InboundMessageType]: { type: K; data: InboundPayloads[K] } }[InboundMessageType];

/** @internal */
export interface ReplyDesk {
  readonly engagements: Map<HubSpotId, EngagementProperties>;
  readonly replies: HostReplies;
  set(changes: Partial<HostReplies>): void;
  /** The answers HubSpot sends to this widget message, in order. */
  answer(message: OutboundMessage): Reply[];
}

/** @internal */
export function createReplyDesk(initial: Partial<HostReplies>, firstEngagementId: HubSpotId): ReplyDesk {
  const engagements = new Map<HubSpotId, EngagementProperties>();
  const replies: HostReplies = { engagement: true, update: true, finalize: true, callerId: false, ...initial };
  let nextEngagementId = firstEngagementId;

  return {
    engagements,
    replies,
    set(changes) {
      Object.assign(replies, changes);
    },
    answer(message) {
      const out: Reply[] = [];
      if (message.type === "OUTGOING_CALL_STARTED" || message.type === "INCOMING_CALL") {
        const { externalCallId, createEngagement } = message.data;
        const mode = replies.engagement;
        if (createEngagement && mode !== false) {
          if (typeof mode === "object") {
            out.push({ type: "CREATE_ENGAGEMENT_FAILED", data: { error: { message: mode.fail } } });
          } else {
            const engagementId = nextEngagementId++;
            engagements.set(engagementId, {});
            out.push({ type: "CREATE_ENGAGEMENT_SUCCEEDED", data: { engagementId } });
          }
        }
        const callerId = replies.callerId;
        if (message.type === "INCOMING_CALL" && callerId !== false) {
          out.push(
            "fail" in callerId
              ? { type: "CALLER_ID_MATCH_FAILED", data: { error: { message: callerId.fail }, externalCallId } }
              : { type: "CALLER_ID_MATCH_SUCCEEDED", data: { callerIdMatches: structuredClone([...callerId]), externalCallId } },
          );
        }
      }
      if (message.type === "CALL_COMPLETED" && message.data.engagementProperties) {
        const mode = replies.update;
        if (typeof mode === "object") {
          out.push({ type: "UPDATE_ENGAGEMENT_FAILED", data: { error: { message: mode.fail } } });
        } else if (mode) {
          const engagementId = message.data.engagementId ?? nextEngagementId++;
          engagements.set(engagementId, { ...engagements.get(engagementId), ...message.data.engagementProperties });
          out.push({ type: "UPDATE_ENGAGEMENT_SUCCEEDED", data: { engagementId } });
        }
      }
      if (message.type === "FINALIZE_ENGAGEMENT") {
        const mode = replies.finalize;
        const { engagementId, externalCallId } = message.data;
        if (typeof mode === "object") {
          out.push({ type: "FINALIZE_ENGAGEMENT_FAILED", data: { error: { message: mode.fail }, engagementId, externalCallId } });
        } else if (mode) {
          out.push({ type: "FINALIZE_ENGAGEMENT_SUCCEEDED", data: { engagementId, externalCallId } });
        }
      }
      return out;
    },
  };
}
