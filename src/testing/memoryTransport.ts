import { InvalidStateError } from "../errors/invalidStateError";
import { ProtocolError } from "../errors/protocolError";
import type { AbortOptions } from "../internal/abortOptions";
import { type Clock, systemClock } from "../internal/clock";
import type { HostTransport, TransportSink } from "../sdk/hostTransport";
import type {
  DialNumberPayload,
  EngagementProperties,
  HostContext,
  HubSpotId,
  InboundPayloads,
  OutboundMessage,
  WidgetSize,
} from "../sdk/messages";
import type { InboundMessageType, OutboundMessageType } from "../sdk/messageTypes";
import { parseInboundMessage } from "../sdk/parseInboundMessage";
import { DEFAULT_HOST_CONTEXT, dialNumberPayload } from "./dialNumberPayloads";
import { type AutoReplyMode, type CallerIdReplyMode, createReplyDesk, type HostReplies } from "./hostReplies";
import { createMessageRecorder, describeRaw, type MessageLog } from "./messageRecorder";

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
  autoEngagement?: AutoReplyMode;
  /**
   * Answer `CALL_COMPLETED` with properties by `UPDATE_ENGAGEMENT_SUCCEEDED`
   * (default true), or `UPDATE_ENGAGEMENT_FAILED` when `{ fail: message }`.
   */
  autoUpdate?: AutoReplyMode;
  /** Answer `FINALIZE_ENGAGEMENT` by `FINALIZE_ENGAGEMENT_SUCCEEDED` (default true), or `_FAILED` when `{ fail: message }`. */
  autoFinalize?: AutoReplyMode;
  /** Answer `INCOMING_CALL` with these caller-ID matches, or `{ fail: message }` (default false: no answer). */
  autoCallerId?: CallerIdReplyMode;
  /** Take `SET_WIDGET_URL`'s address as the widget's (default true), or answer `SET_WIDGET_URL_FAILED` when `{ fail: message }`. */
  autoWidgetUrl?: AutoReplyMode;
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
export interface MemoryHost extends MessageLog {
  /** The widget's side; give it to `createCallingClient({ transport })`. */
  readonly transport: HostTransport;
  /** Engagements "HubSpot" wrote from `CALL_COMPLETED`, by id. */
  readonly engagements: ReadonlyMap<HubSpotId, EngagementProperties>;
  /** The size HubSpot gives the widget: 400 x 600 until `INITIALIZED`'s `sizeInfo` or `RESIZE_WIDGET` change it. */
  readonly widgetSize: WidgetSize;
  /** The address the widget asked for with `SET_WIDGET_URL`, once it did. */
  readonly widgetUrl: string | undefined;
  /** Sends SYNC (the handshake); queued widget messages are flushed after it. */
  sync(context?: Partial<HostContext>): void;
  /** Sends a typed message to the widget (validated on arrival like any other). */
  send<K extends InboundMessageType>(type: K, data?: InboundPayloads[K]): void;
  /** Sends anything at all, for fuzzing: it goes through the same validation. */
  sendRaw(raw: unknown): void;
  /**
   * Sends DIAL_NUMBER with a realistic payload; `changes` override it (see
   * `DIAL_NUMBER_VARIANTS` for the odd payloads HubSpot sends in practice).
   * Returns the payload sent.
   */
  dialNumber(changes?: Partial<DialNumberPayload>): DialNumberPayload;
  /** Changes the automatic answers while the test runs. */
  setReplies(changes: Partial<HostReplies>): void;
}

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
  const recorder = createMessageRecorder(clock);
  const desk = createReplyDesk(
    {
      ...(options.autoEngagement === undefined ? {} : { engagement: options.autoEngagement }),
      ...(options.autoUpdate === undefined ? {} : { update: options.autoUpdate }),
      ...(options.autoFinalize === undefined ? {} : { finalize: options.autoFinalize }),
      ...(options.autoCallerId === undefined ? {} : { callerId: options.autoCallerId }),
      ...(options.autoWidgetUrl === undefined ? {} : { widgetUrl: options.autoWidgetUrl }),
    },
    options.firstEngagementId ?? 30_000_000_001,
  );
  let sink: TransportSink | undefined;
  let synced = false;
  let queue: OutboundMessage[] = [];
  let messageCount = 0;

  const deliver = (raw: unknown) => {
    recorder.toWidget(...describeRaw(raw));
    queueMicrotask(() => {
      if (!sink) return;
      const parsed = parseInboundMessage(raw);
      if (parsed.ok) sink.receive(parsed.message);
      else sink.protocolError(new ProtocolError(raw, parsed.issues));
    });
  };
  const send = <K extends InboundMessageType>(type: K, data?: InboundPayloads[K]) =>
    deliver({ type, messageId: `host_${++messageCount}`, ...(data === undefined ? {} : { data }) });

  let widgetSize: WidgetSize = { width: 400, height: 600 };
  let widgetUrl: string | undefined;
  // The same table of HubSpot's reactions as the host simulator's.
  const record = (message: OutboundMessage) => {
    const reaction = desk.answer(message);
    recorder.toHost(message, reaction);
    if (reaction.resize) widgetSize = { ...reaction.resize };
    if (reaction.widgetUrl !== undefined) widgetUrl = reaction.widgetUrl;
    for (const reply of reaction.replies) send(reply.type, reply.data);
  };

  let stopped = false;
  const transport: HostTransport = {
    async start(target) {
      // Unlike the SDK transport, a simulated HubSpot may serve one client after
      // another (React StrictMode mounts twice): start() begins a new session.
      stopped = false;
      sink = target;
    },
    send(message) {
      // Like the SDK transport: a stopped transport sends nothing, loudly.
      if (stopped) throw new InvalidStateError("send", "stopped", "the transport was stopped");
      // A structured clone, like postMessage: the host never shares objects with the widget.
      const copy = structuredClone(message);
      if (synced) record(copy);
      else queue.push(copy);
    },
    stop() {
      stopped = true;
      sink = undefined;
      queue = [];
    },
  };

  return {
    transport,
    engagements: desk.engagements,
    get widgetSize() {
      return { ...widgetSize };
    },
    get widgetUrl() {
      return widgetUrl;
    },
    sync(context = {}) {
      const host = { ...DEFAULT_HOST_CONTEXT, hostUrl: "https://app.hubspot.com", ...options.host, ...context };
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
    dialNumber(changes = {}) {
      const payload = dialNumberPayload(changes, clock.now());
      send("DIAL_NUMBER", payload);
      return payload;
    },
    setReplies: (changes) => desk.set(changes),
    subscribe: recorder.subscribe,
    messages: recorder.messages,
    received: recorder.received,
    nextMessage: recorder.nextMessage,
    notices: recorder.notices,
  };
}
