// The wire messages both ways, as discriminated unions over the payload
// tables; the payload types themselves live in one file per concept and are
// re-exported here (the root entry exports them all from this file).
import type { InboundPayloads } from "./inboundPayloads";
import type { InboundMessageType, OutboundMessageType } from "./messageTypes";
import type { OutboundPayloads } from "./outboundPayloads";

export type { EngagementProperties } from "./callProperties";
export type { CalleeInfo, DialNumberPayload } from "./dialNumberPayload";
export type { HostContext } from "./hostContext";
export type { HubSpotId, ObjectCoordinates } from "./hubSpotId";
export type {
  CallerIdMatch,
  CallerIdMatchPayload,
  EngagementIdPayload,
  FailurePayload,
  InboundPayloads,
  NavigateToRecordFailedPayload,
  UnverifiedPayload,
  VisibilityPayload,
} from "./inboundPayloads";
export type { EndStatus, IframeLocation } from "./messageTypes";
export type {
  CallCompletedPayload,
  CallEndedPayload,
  CallStartedPayload,
  ErrorPayload,
  ExternalCallIdPayload,
  FinalizeEngagementPayload,
  InitializedPayload,
  NavigateToRecordPayload,
  OutboundPayloads,
  SetWidgetUrlPayload,
  SyncAckPayload,
  WidgetSize,
} from "./outboundPayloads";

/**
 * The message of type `K` given a payload table `P`: `{ type, data }`, with
 * `data` optional when the message has no payload.
 *
 * @example
 * ```ts
 * type Ended = MessageOf<OutboundPayloads, "CALL_ENDED">; // { type: "CALL_ENDED"; data: CallEndedPayload }
 * ```
 */
export type MessageOf<P, K extends keyof P> = K extends unknown
  ? MessageOfOne<P, K>
  : never;

/**
 * {@link MessageOf} for a single type (`MessageOf` distributes over unions).
 *
 * @example
 * ```ts
 * type End = MessageOfOne<InboundPayloads, "END_CALL">; // { type: "END_CALL"; data?: undefined }
 * ```
 */
export type MessageOfOne<P, K extends keyof P> = P[K] extends undefined
  ? {
      /** The wire type. */
      type: K;
      /** This message has no payload. */
      data?: undefined;
    }
  : {
      /** The wire type. */
      type: K;
      /** The payload. */
      data: P[K];
    };

/**
 * A validated message from HubSpot: a discriminated union on `type`.
 *
 * @example
 * ```ts
 * function handle(message: InboundMessage) {
 *   if (message.type === "DIAL_NUMBER") console.log(message.data.calleeInfo);
 * }
 * ```
 */
export type InboundMessage = {
  [K in InboundMessageType]: MessageOf<InboundPayloads, K>;
}[InboundMessageType];

/**
 * A message the widget sends: a discriminated union on `type`.
 *
 * @example
 * ```ts
 * const message: OutboundMessage = { type: "RESIZE_WIDGET", data: { width: 400, height: 600 } };
 * ```
 */
export type OutboundMessage = {
  [K in OutboundMessageType]: MessageOf<OutboundPayloads, K>;
}[OutboundMessageType];

/**
 * The inbound message of one type.
 *
 * @example
 * ```ts
 * type Sync = InboundMessageOf<"SYNC">; // { type: "SYNC"; data: HostContext }
 * ```
 */
export type InboundMessageOf<K extends InboundMessageType> = MessageOf<InboundPayloads, K>;
