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
  /**
   * Resolves with the next inbound message of one of the given types (and,
   * with `match`, for which `match` returns true).
   */
  next<K extends InboundMessageType>(
    types: readonly K[],
    options?: HostChannelNextOptions<K>,
  ): Promise<InboundMessageOf<K>>;
}

/**
 * Options of {@link HostChannel.next}.
 *
 * @example
 * ```ts
 * host.next(["UPDATE_ENGAGEMENT_SUCCEEDED"], { timeout: 30_000, match: (m) => m.data.engagementId === id });
 * ```
 */
export interface HostChannelNextOptions<K extends InboundMessageType> extends AbortOptions {
  /** Skips messages for which this returns false (e.g. answers about another call). */
  match?: (message: InboundMessageOf<K>) => boolean;
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
  /** Whether HubSpot should hide the widget once the call is logged (HubSpot's default: true). */
  hideWidget?: boolean;
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
  /**
   * True when the record is stored durably but not delivered yet (an outbox
   * will keep retrying); the writer's events report the final outcome.
   */
  queued?: boolean;
}

/**
 * What a long-lived writer (such as an outbox) reports about deliveries,
 * including retries that happen after `write()` returned.
 *
 * @example
 * ```ts
 * writer.subscribe?.((event) => {
 *   if (event.type === "writeFailed" && !event.willRetry) alert("Call not logged");
 * });
 * ```
 */
export type EngagementWriterEvent =
  | {
      /** The call is logged. */
      type: "written";
      /** The call that was logged. */
      call: CallRecord;
      /** The engagement holding it, when known. */
      engagementId: HubSpotId | undefined;
      /** Which attempt succeeded (1 for the first). */
      attempt: number;
    }
  | {
      /** An attempt failed. */
      type: "writeFailed";
      /** The call whose attempt failed. */
      call: CallRecord;
      /** Why it failed. */
      error: Error;
      /** Which attempt failed (1 for the first). */
      attempt: number;
      /** Whether another attempt is scheduled. */
      willRetry: boolean;
    };

/**
 * Given by the client to a writer once HubSpot's page is connected, so a
 * writer that keeps records across reloads can start delivering them.
 *
 * @example
 * ```ts
 * writer.start?.({ host, signal: controller.signal });
 * ```
 */
export interface EngagementWriterContext {
  /** HubSpot's page. */
  host?: HostChannel;
  /** Aborted when the client is destroyed: stop timers and pending work. */
  signal: AbortSignal;
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
  /**
   * Called by the client once HubSpot's page is connected (again after a
   * reload); a durable writer starts delivering stored records here.
   */
  start?(context: EngagementWriterContext): void;
  /** Reports deliveries and retries; the client forwards them as events. */
  subscribe?(listener: (event: EngagementWriterEvent) => void): () => void;
}
