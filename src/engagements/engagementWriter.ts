import type { AbortOptions } from "../internal/abortOptions";
import type {
  EngagementProperties,
  HubSpotId,
  InboundMessageOf,
  OutboundMessage,
} from "../sdk/messages";
import type { InboundMessageType } from "../sdk/messageTypes";
import type { CallRecord } from "./callRecord";

/**
 * A narrow view of HubSpot's page given to writers that log through it
 * (such as {@link hostWriter}): send a message, wait for an answer.
 *
 * @example
 * ```ts
 * host.send({ type: "CALL_COMPLETED", data: { externalCallId, engagementProperties } });
 * const answer = await host.next(["UPDATE_ENGAGEMENT_SUCCEEDED", "UPDATE_ENGAGEMENT_FAILED"], { signal });
 * ```
 */
export interface HostChannel {
  /** Sends a message to HubSpot (queued until the handshake is done). */
  send(message: OutboundMessage): void;
  /** Resolves with the next inbound message of one of the given types. */
  next<K extends InboundMessageType>(
    types: readonly K[],
    options?: AbortOptions,
  ): Promise<InboundMessageOf<K>>;
}

/**
 * What a writer receives for one call.
 *
 * @example
 * ```ts
 * const writer: EngagementWriter = {
 *   async write({ call, properties, signal }: EngagementWriteRequest) {
 *     await fetch("/calls", { method: "POST", body: JSON.stringify({ call, properties }), signal });
 *     return {};
 *   },
 * };
 * ```
 */
export interface EngagementWriteRequest {
  /** The call, as plain data. */
  call: CallRecord;
  /** The engagement to update, when HubSpot created one. */
  engagementId: HubSpotId | undefined;
  /** The engagement properties built from the call and the user's notes. */
  properties: EngagementProperties;
  /** Aborted when the client is destroyed or the write is cancelled. */
  signal: AbortSignal;
  /** HubSpot's page, when the writer runs inside the widget. */
  host?: HostChannel;
}

/**
 * What a writer reports once the call is logged.
 *
 * @example
 * ```ts
 * const result: EngagementWriteResult = { engagementId: 123 };
 * ```
 */
export interface EngagementWriteResult {
  /** The engagement that now holds the call, when the writer knows it. */
  engagementId?: HubSpotId;
}

/**
 * The call-logging seam. The default, {@link hostWriter}, lets HubSpot write
 * the engagement (no token in the browser). A writer must be idempotent by
 * `call.externalCallId`: it may be called again for the same call after a
 * failure or a reload.
 *
 * @example
 * ```ts
 * const client = createCallingClient({ provider, writer: hostWriter() });
 * ```
 */
export interface EngagementWriter {
  /** Logs one call. Rejects when it could not; the client reports the failure. */
  write(request: EngagementWriteRequest): Promise<EngagementWriteResult>;
}
