// The message log shared by the simulated HubSpots (memory transport and host
// simulator): records both directions, and hands out the widget's messages to
// `nextMessage()` waiters, each message at most once.
import type { AbortOptions } from "../internal/abortOptions";
import { awaitable } from "../internal/awaitable";
import type { Clock } from "../internal/clock";
import type { OutboundMessage } from "../sdk/messages";
import type { OutboundMessageType } from "../sdk/messageTypes";
import type { HostNotice } from "./hostNotice";

/**
 * A message recorded by a simulated HubSpot, in either direction.
 *
 * @example
 * ```ts
 * host.messages().map((m: RecordedMessage) => `${m.direction} ${m.type}`);
 * ```
 */
export interface RecordedMessage {
  /** `toHost`: sent by the widget; `toWidget`: sent by HubSpot. */
  direction: "toHost" | "toWidget";
  /** The wire type. */
  type: string;
  /** The payload (SYNC and SYNC_ACK: the whole message, as they carry their fields at the top level). */
  data: unknown;
  /** When it was sent or received (clock time, ms since the epoch). */
  at: number;
  /**
   * Sent by the widget and malformed: why HubSpot would refuse it or part of
   * it (e.g. `data: missing`, `data.externalCallId: required`). Left out when
   * the message is well-formed.
   */
  issues?: readonly string[];
  /** Sent by the widget: what HubSpot showed its user because of it (an alert, a record opened). */
  notice?: HostNotice;
}

/**
 * The message of one type the widget sent, as `nextMessage()` resolves it.
 *
 * @example
 * ```ts
 * const started: WidgetMessage<"OUTGOING_CALL_STARTED"> = await host.nextMessage("OUTGOING_CALL_STARTED");
 * started.data.externalCallId;
 * ```
 */
export type WidgetMessage<K extends OutboundMessageType> = Extract<
  OutboundMessage,
  {
    /** The wire type. */
    type: K;
  }
>;

/**
 * What both simulated HubSpots (memory transport and host simulator) let a
 * test read: the conversation, both ways.
 *
 * @example
 * ```ts
 * const log: MessageLog = host;
 * const started = await log.nextMessage("OUTGOING_CALL_STARTED", { timeout: 2_000 });
 * console.table(log.messages());
 * ```
 */
export interface MessageLog {
  /** Every message both ways, in order. */
  messages(): RecordedMessage[];
  /** The messages the widget sent, in order. */
  received(): OutboundMessage[];
  /** Resolves with the next message of this type the widget sends (or has sent and was not yet taken); default timeout 5 s. */
  nextMessage<K extends OutboundMessageType>(
    type: K,
    options?: AbortOptions,
  ): Promise<WidgetMessage<K>>;
  /** Calls `listener` with every message as it is recorded (for a live log); returns the unsubscribe function. */
  subscribe(listener: (message: RecordedMessage) => void): () => void;
  /** What HubSpot showed its user because of the widget's messages (`ERROR` alerts, `NAVIGATE_TO_RECORD`, `CALL_TRANSFERRED`), in order. */
  notices(): HostNotice[];
}

/** @internal */
export interface MessageRecorder extends MessageLog {
  /** Records a message HubSpot sent. */
  toWidget(type: string, data: unknown): void;
  /**
   * Records a message the widget sent; `message` is what `received()` and
   * `nextMessage()` hand out. `reaction` adds what HubSpot found wrong with it
   * and what it showed.
   */
  toHost(message: OutboundMessage, reaction?: { issues?: readonly string[]; notice?: HostNotice | undefined }): void;
}

/** @internal */
export function createMessageRecorder(clock: Clock): MessageRecorder {
  const log: RecordedMessage[] = [];
  const sent: OutboundMessage[] = [];
  const taken = new Set<number>();
  const watchers = new Set<() => void>();
  const listeners = new Set<(message: RecordedMessage) => void>();

  const add = (entry: RecordedMessage) => {
    log.push(entry);
    for (const listener of [...listeners]) {
      try {
        listener(entry);
      } catch {
        // A broken log view must not break the simulated HubSpot.
      }
    }
  };

  return {
    toWidget(type, data) {
      add({ direction: "toWidget", type, data, at: clock.now() });
    },
    toHost(message, reaction = {}) {
      sent.push(message);
      const { issues = [], notice } = reaction;
      add({
        direction: "toHost",
        type: message.type,
        data: message.data,
        at: clock.now(),
        ...(issues.length > 0 ? { issues: [...issues] } : {}),
        ...(notice ? { notice } : {}),
      });
      for (const watcher of [...watchers]) watcher();
    },
    messages: () => log.map((entry) => ({ ...entry })),
    notices: () => log.flatMap((entry) => (entry.notice ? [structuredClone(entry.notice)] : [])),
    received: () => [...sent],
    nextMessage(type, options = {}) {
      return awaitable(
        `the widget's ${type}`,
        () => {
          const index = sent.findIndex((message, i) => message.type === type && !taken.has(i));
          if (index === -1) return undefined;
          taken.add(index);
          return { value: sent[index] as WidgetMessage<typeof type> };
        },
        (recheck) => {
          watchers.add(recheck);
          return () => void watchers.delete(recheck);
        },
        { timeout: 5_000, ...options },
        clock,
      );
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/**
 * @internal The type and payload to record for a raw message sent to the
 * widget: SYNC carries its fields at the top level, so it is kept whole.
 */
export function describeRaw(raw: unknown): [type: string, data: unknown] {
  if (typeof raw !== "object" || raw === null) return [String(raw), raw];
  const { type, data } = raw as { type?: unknown; data?: unknown };
  return [String(type), type === "SYNC" ? raw : data];
}
