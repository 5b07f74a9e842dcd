import { ProtocolError } from "../errors/protocolError";
import type { AbortOptions } from "../internal/abortOptions";
import { awaitable } from "../internal/awaitable";
import { type Clock, systemClock } from "../internal/clock";
import type { HostTransport, TransportSink } from "../sdk/hostTransport";
import type {
  DialNumberPayload,
  EngagementProperties,
  HostContext,
  HubSpotId,
  InboundPayloads,
  OutboundMessage,
} from "../sdk/messages";
import type { InboundMessageType, OutboundMessageType } from "../sdk/messageTypes";
import { parseInboundMessage } from "../sdk/parseInboundMessage";

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
  /** The payload (SYNC: the whole message). */
  data: unknown;
  /** When it was sent (clock time). */
  at: number;
}

/**
 * Options of {@link createMemoryTransport}.
 *
 * @example
 * ```ts
 * createMemoryTransport({ host: { portalId: 123 }, autoEngagement: false });
 * ```
 */
export interface MemoryTransportOptions {
  /** Host context for `sync()`; defaults are realistic. */
  host?: Partial<HostContext>;
  /**
   * Answer `OUTGOING_CALL_STARTED` / `INCOMING_CALL` with `createEngagement`
   * by `CREATE_ENGAGEMENT_SUCCEEDED` (default true), or with
   * `CREATE_ENGAGEMENT_FAILED` when `{ fail: message }`.
   */
  autoEngagement?: boolean | { fail: string };
  /**
   * Answer `CALL_COMPLETED` with properties by `UPDATE_ENGAGEMENT_SUCCEEDED`
   * (default true), or `UPDATE_ENGAGEMENT_FAILED` when `{ fail: message }`.
   */
  autoUpdate?: boolean | { fail: string };
  /** The first engagement id handed out (default 30_000_000_001, above 2^31 on purpose). */
  firstEngagementId?: number;
  /** Time source for recorded messages and timeouts. */
  clock?: Clock;
}

/**
 * HubSpot's side of a {@link createMemoryTransport} pair: drive the widget
 * and inspect what it sent.
 *
 * @example
 * ```ts
 * const host = createMemoryTransport();
 * const client = createCallingClient({ provider, transport: host.transport });
 * host.sync();
 * await client.ready();
 * host.dialNumber({ phoneNumber: "+16175550100" });
 * const started = await host.nextMessage("OUTGOING_CALL_STARTED");
 * ```
 */
export interface MemoryHost {
  /** The widget's side; give it to `createCallingClient({ transport })`. */
  readonly transport: HostTransport;
  /** Engagements "HubSpot" wrote from `CALL_COMPLETED`, by id. */
  readonly engagements: ReadonlyMap<HubSpotId, EngagementProperties>;
  /** Sends SYNC (the handshake); queued widget messages are flushed after it. */
  sync(context?: Partial<HostContext>): void;
  /** Sends a typed message to the widget (validated on arrival like any other). */
  send<K extends InboundMessageType>(type: K, data?: InboundPayloads[K]): void;
  /** Sends anything at all, for fuzzing: it goes through the same validation. */
  sendRaw(raw: unknown): void;
  /** Sends DIAL_NUMBER with a realistic payload, overridable. */
  dialNumber(payload?: Partial<DialNumberPayload>): void;
  /** Every message both ways, in order. */
  messages(): RecordedMessage[];
  /** Messages the widget sent, in order. */
  received(): OutboundMessage[];
  /** Resolves with the next message of this type the widget sends (or has sent and was not yet taken). */
  nextMessage<K extends OutboundMessageType>(
    type: K,
    options?: AbortOptions,
  ): Promise<Extract<OutboundMessage, { type: K }>>;
}

const DEFAULT_HOST: HostContext = {
  portalId: 987_654_321,
  userId: 4_444_444,
  ownerId: 55_555_555,
  iframeLocation: "widget",
  usesCallingWindow: false,
  hostUrl: "https://app.hubspot.com",
};

/**
 * An in-process transport that plays HubSpot: for unit tests of widgets and
 * of this library, with no browser. Messages travel asynchronously (like
 * `postMessage`), inbound ones are validated exactly as the real transport
 * does, and messages sent before `sync()` are queued.
 *
 * @example
 * ```ts
 * const host = createMemoryTransport();
 * const client = createCallingClient({ provider: simulatedProvider(), transport: host.transport });
 * host.sync();
 * await client.ready();
 * ```
 */
export function createMemoryTransport(options: MemoryTransportOptions = {}): MemoryHost {
  const clock = options.clock ?? systemClock;
  const log: RecordedMessage[] = [];
  const sent: OutboundMessage[] = [];
  const taken = new Set<number>();
  const watchers = new Set<() => void>();
  const engagements = new Map<HubSpotId, EngagementProperties>();
  let sink: TransportSink | undefined;
  let synced = false;
  let queue: OutboundMessage[] = [];
  let nextEngagementId = options.firstEngagementId ?? 30_000_000_001;
  let messageCount = 0;

  const deliver = (raw: unknown) => {
    const type = typeof raw === "object" && raw !== null ? (raw as { type?: unknown }).type : undefined;
    log.push({ direction: "toWidget", type: String(type), data: raw, at: clock.now() });
    queueMicrotask(() => {
      if (!sink) return;
      const parsed = parseInboundMessage(raw);
      if (parsed.ok) sink.receive(parsed.message);
      else sink.protocolError(new ProtocolError(raw, parsed.issues));
    });
  };
  const send = <K extends InboundMessageType>(type: K, data?: InboundPayloads[K]) =>
    deliver({ type, messageId: `host_${++messageCount}`, ...(data === undefined ? {} : { data }) });

  const reply = (message: OutboundMessage) => {
    if ((message.type === "OUTGOING_CALL_STARTED" || message.type === "INCOMING_CALL") && message.data.createEngagement) {
      const mode = options.autoEngagement ?? true;
      if (mode === false) return;
      if (typeof mode === "object") send("CREATE_ENGAGEMENT_FAILED", { error: { message: mode.fail } });
      else send("CREATE_ENGAGEMENT_SUCCEEDED", { engagementId: nextEngagementId++ });
    }
    if (message.type === "CALL_COMPLETED" && message.data.engagementProperties) {
      const mode = options.autoUpdate ?? true;
      if (mode === false) return;
      if (typeof mode === "object") {
        send("UPDATE_ENGAGEMENT_FAILED", { error: { message: mode.fail } });
        return;
      }
      const id = message.data.engagementId ?? nextEngagementId++;
      engagements.set(id, { ...engagements.get(id), ...message.data.engagementProperties });
      send("UPDATE_ENGAGEMENT_SUCCEEDED", { engagementId: id });
    }
  };

  const record = (message: OutboundMessage) => {
    sent.push(message);
    log.push({ direction: "toHost", type: message.type, data: message.data, at: clock.now() });
    for (const watcher of [...watchers]) watcher();
    reply(message);
  };

  const transport: HostTransport = {
    async start(target) {
      sink = target;
    },
    send(message) {
      // A structured clone, like postMessage: the host never shares objects with the widget.
      const copy = structuredClone(message);
      if (synced) record(copy);
      else queue.push(copy);
    },
    stop() {
      sink = undefined;
      queue = [];
    },
  };

  return {
    transport,
    engagements,
    sync(context = {}) {
      const host = { ...DEFAULT_HOST, ...options.host, ...context };
      deliver({ type: "SYNC", messageId: `host_${++messageCount}`, ...host });
      queueMicrotask(() => {
        synced = true;
        const flushing = queue;
        queue = [];
        for (const message of flushing) record(message);
      });
    },
    send,
    sendRaw: deliver,
    dialNumber(payload = {}) {
      send("DIAL_NUMBER", {
        phoneNumber: "+1 (617) 555-0100",
        ownerId: 55_555_555,
        portalId: 987_654_321,
        objectId: 0,
        objectType: "CONTACT",
        calleeInfo: { calleeId: 3_000_000_101, calleeObjectTypeId: "0-1" },
        startTimestamp: clock.now(),
        toPhoneNumberSrc: "Phone number",
        ...payload,
      });
    },
    messages: () => [...log],
    received: () => [...sent],
    nextMessage(type, waitOptions = {}) {
      return awaitable(
        `the widget's ${type}`,
        () => {
          const index = sent.findIndex((message, i) => message.type === type && !taken.has(i));
          if (index === -1) return undefined;
          taken.add(index);
          return { value: sent[index] as Extract<OutboundMessage, { type: typeof type }> };
        },
        (recheck) => {
          watchers.add(recheck);
          return () => void watchers.delete(recheck);
        },
        { timeout: 5_000, ...waitOptions },
        clock,
      );
    },
  };
}
