import { CallingError } from "../errors/callingError";
import type { AbortOptions } from "../internal/abortOptions";
import { awaitable, quiet } from "../internal/awaitable";
import { type Clock, systemClock } from "../internal/clock";
import { importSdk } from "../sdk/loadSdk";
import type {
  DialNumberPayload,
  EngagementProperties,
  HostContext,
  HubSpotId,
  InboundPayloads,
  OutboundMessage,
  SyncAckPayload,
  VisibilityPayload,
  WidgetSize,
} from "../sdk/messages";
import type { InboundMessageType } from "../sdk/messageTypes";
import { DEFAULT_HOST_CONTEXT, dialNumberPayload } from "./dialNumberPayloads";
import { createReplyDesk, type HostReplies } from "./hostReplies";
import { createMessageRecorder, describeRaw, type MessageLog } from "./messageRecorder";
import { type HostFrame, openHostFrame } from "./sdkHostFrame";
import { CONTROL_OFFER, type ControlResponse, type SimulatorCommand } from "./simulatorControl";

/**
 * Options of {@link createHostSimulator}.
 *
 * @example
 * ```ts
 * createHostSimulator({
 *   widgetUrl: "http://127.0.0.1:5174/",
 *   container: "#calling-widget",
 *   context: { portalId: 123456, iframeLocation: "window", usesCallingWindow: true },
 *   replies: { engagement: { fail: "Missing scope crm.objects.calls.write" } },
 * });
 * ```
 */
export interface HostSimulatorOptions {
  /** The widget's address; it should be served from another origin than this page, as in production. */
  widgetUrl: string;
  /** The element (or a CSS selector for it) the iframe replaces the content of; default `document.body`. */
  container?: HTMLElement | string;
  /** The iframe's width in px (default 400, HubSpot's suggested setting). */
  width?: number;
  /** The iframe's height in px (default 600). */
  height?: number;
  /** The host context sent in SYNC; `hostUrl` is always this page's origin. Defaults are realistic. */
  context?: Partial<Omit<HostContext, "hostUrl">>;
  /** The automatic answers (default: engagements created and updated, finalize answered, no caller-ID answer). */
  replies?: Partial<HostReplies>;
  /** The first engagement id handed out (default 30_000_000_001, above 2^31 on purpose). */
  firstEngagementId?: HubSpotId;
  /** Hold the first SYNC back this long after the iframe loaded (default 0), to test a widget that starts slowly. */
  syncDelayMs?: number;
  /**
   * Called for every message the widget sends, after the automatic answers:
   * script HubSpot's behaviour here (`host.send(...)`).
   */
  respond?: (message: OutboundMessage, host: HostSimulator) => void;
  /** Time source for recorded messages and timeouts (default the system clock). */
  clock?: Clock;
  /** Loads `@hubspot/calling-extensions-sdk` (default a dynamic `import()`). */
  loadSdk?: () => Promise<unknown>;
}

/**
 * HubSpot's side of a widget, in a real page: the widget runs in a real
 * iframe and everything travels over real `postMessage`. Create it with
 * {@link createHostSimulator}. Its `messages()` records SYNC once per
 * handshake, though HubSpot repeats it until answered.
 *
 * @example
 * ```ts
 * const host = createHostSimulator({ widgetUrl: "http://127.0.0.1:5174/", container: "#widget" });
 * await host.ready();
 * host.dialNumber({ phoneNumber: "+16175550100" });
 * const started = await host.nextMessage("OUTGOING_CALL_STARTED", { timeout: 10_000 });
 * host.endCall();
 * ```
 */
export interface HostSimulator extends MessageLog {
  /** The widget's origin, where messages are sent to and accepted from (it changes with `SET_WIDGET_URL`). */
  readonly widgetOrigin: string;
  /** The widget's address: `widgetUrl` until the widget moves itself with `SET_WIDGET_URL`. */
  readonly widgetUrl: string;
  /** The iframe's size: `width` x `height` until `INITIALIZED`'s `sizeInfo` or `RESIZE_WIDGET` change it. */
  readonly widgetSize: WidgetSize;
  /** The widget's iframe, once created. */
  readonly iframe: HTMLIFrameElement | null;
  /** Whether the widget answered SYNC; false again from the moment its iframe reloads until it answers the new SYNC. */
  readonly synced: boolean;
  /** Engagements "HubSpot" created and wrote (from `CALL_COMPLETED`), by id. */
  readonly engagements: ReadonlyMap<HubSpotId, EngagementProperties>;
  /** The automatic answers in force. */
  readonly replies: Readonly<HostReplies>;
  /** Resolves with the widget's SYNC_ACK once the handshake is done; rejects with `SYNC_ACK_FAILED` after 30 s without one. */
  ready(options?: AbortOptions): Promise<SyncAckPayload>;
  /** Sends a message to the widget, as HubSpot does (only after the handshake). */
  send<K extends Exclude<InboundMessageType, "SYNC">>(type: K, data?: InboundPayloads[K]): void;
  /** Posts anything at all to the widget from this page's origin, bypassing the SDK (for robustness tests). */
  sendRaw(value: unknown): void;
  /**
   * Sends DIAL_NUMBER with a realistic payload; `changes` override it (see
   * {@link DIAL_NUMBER_VARIANTS} for the odd payloads HubSpot sends in
   * practice). Returns the payload sent.
   */
  dialNumber(changes?: Partial<DialNumberPayload>): DialNumberPayload;
  /** Sends END_CALL: the user hung up from HubSpot's UI. */
  endCall(): void;
  /** Sends VISIBILITY_CHANGED: HubSpot minimised, restored or hid the widget. */
  setVisibility(visibility: VisibilityPayload): void;
  /** Changes the automatic answers. */
  setReplies(changes: Partial<HostReplies>): void;
  /**
   * Drives the simulated provider inside the widget (incoming calls, the far
   * end answering or hanging up); the widget must call
   * `acceptSimulatorControl()` with this page's origin. Rejects with
   * `NOT_SUPPORTED` when it did not within the timeout (default 5 s).
   */
  simulateProvider(command: SimulatorCommand, options?: AbortOptions): Promise<void>;
  /** Removes the iframe and every listener; pending `ready()` and `simulateProvider()` calls reject with `DESTROYED`. */
  destroy(): void;
}

/**
 * Plays HubSpot's side of a calling widget in a real page, with the SDK's
 * own `IFrameManager` in host mode: it creates the widget's iframe
 * (`allow="microphone; autoplay"`), repeats SYNC with the host context until
 * the widget answers, then exchanges messages over real cross-origin
 * `postMessage`. By default it creates an engagement when a call starts with
 * `createEngagement` and stores the properties of `CALL_COMPLETED`, like
 * HubSpot. Every message both ways is recorded with a timestamp.
 *
 * It needs a browser page; use `createMemoryTransport()` in Node.
 *
 * @example
 * ```ts
 * import { createHostSimulator } from "hubspot-calling-kit/testing";
 *
 * const host = createHostSimulator({ widgetUrl: "http://127.0.0.1:5174/", container: "#widget" });
 * host.subscribe((m) => console.log(m.direction, m.type, m.data));
 * await host.ready({ timeout: 10_000 });
 * await host.nextMessage("LOGGED_IN", { timeout: 60_000 });
 * host.dialNumber(DIAL_NUMBER_VARIANTS.seenInPractice);
 * ```
 */
export function createHostSimulator(options: HostSimulatorOptions): HostSimulator {
  if (typeof window === "undefined" || typeof document === "undefined") {
    throw new CallingError(
      "UNSUPPORTED_ENVIRONMENT",
      "createHostSimulator() needs a browser page; in Node use createMemoryTransport()",
    );
  }
  const clock = options.clock ?? systemClock;
  const recorder = createMessageRecorder(clock);
  const desk = createReplyDesk(options.replies ?? {}, options.firstEngagementId ?? 30_000_000_001);
  const context = { ...DEFAULT_HOST_CONTEXT, ...options.context };
  const watchers = new Set<() => void>();
  const recheck = () => {
    for (const watcher of [...watchers]) watcher();
  };
  const watch = (fn: () => void) => {
    watchers.add(fn);
    return () => void watchers.delete(fn);
  };

  let frame: HostFrame | undefined;
  let widgetUrl = new URL(options.widgetUrl, location.href).href;
  let widgetSize: WidgetSize = { width: options.width ?? 400, height: options.height ?? 600 };
  let loadError: CallingError | undefined;
  let destroyed: CallingError | undefined;
  let ack: SyncAckPayload | undefined;
  let ackFailed: CallingError | undefined;
  let controlPort: MessagePort | undefined;
  let nextRequest = 1;
  const pending = new Map<number, (response: ControlResponse) => void>();
  const timers: unknown[] = [];
  const widgetOrigin = () => frame?.origin ?? new URL(widgetUrl).origin;

  const failWith = () => destroyed ?? loadError;

  // Every widget message, as HubSpot's page takes it: the shared table says
  // what is wrong with it, what to answer, show and do. Nothing in it throws,
  // whatever the widget sent.
  const onWidgetMessage = (raw: { type: string; data?: unknown }) => {
    const message = { type: raw.type, data: raw.data } as OutboundMessage;
    const reaction = desk.answer(message);
    recorder.toHost(message, reaction);
    if (reaction.resize) {
      widgetSize = { ...reaction.resize };
      frame?.resize(widgetSize);
    }
    for (const reply of reaction.replies) post(reply.type, reply.data);
    if (reaction.widgetUrl !== undefined) {
      widgetUrl = reaction.widgetUrl;
      frame?.navigate(widgetUrl);
    }
    options.respond?.(message, simulator);
  };

  const post = (type: string, data: unknown) => {
    if (!frame || !ack) {
      throw new CallingError("INVALID_STATE", `Cannot send ${type}: the widget has not answered SYNC yet (await host.ready())`);
    }
    frame.post(type, data);
  };

  const onControlOffer = (event: MessageEvent) => {
    const data = event.data as Record<string, unknown> | null;
    const target = frame?.iframe?.contentWindow;
    if (!target || event.source !== target || event.origin !== widgetOrigin()) return;
    if (typeof data !== "object" || data === null || data[CONTROL_OFFER] !== 1 || !event.ports[0]) return;
    controlPort?.close();
    controlPort = event.ports[0];
    controlPort.onmessage = (reply: MessageEvent) => {
      const response = reply.data as ControlResponse | null;
      if (typeof response?.id === "number") pending.get(response.id)?.(response);
    };
    recheck();
  };

  const start = async () => {
    const mod = await (options.loadSdk ?? importSdk)();
    if (destroyed) return;
    const element: Element | null =
      typeof options.container === "string" ? document.querySelector(options.container) : (options.container ?? document.body);
    if (!element) throw new CallingError("INVALID_INPUT", `createHostSimulator(): no element matches ${options.container}`);
    window.addEventListener("message", onControlOffer);
    frame = openHostFrame(
      mod,
      { element, widgetUrl, size: widgetSize, context, syncDelayMs: options.syncDelayMs ?? 0, clock, timers },
      {
        message: onWidgetMessage,
        sync: (sync) => recorder.toWidget("SYNC", sync),
        syncAck(data) {
          ack = data;
          recorder.toHost({ type: "SYNC_ACK", data });
          recheck();
        },
        syncAckFailed() {
          ackFailed = new CallingError("SYNC_ACK_FAILED", "The widget did not answer SYNC within 30 s");
          recheck();
        },
        toWidget: (raw) => recorder.toWidget(...describeRaw(raw)),
        // A widget reload starts a new handshake.
        reloaded() {
          ack = undefined;
          ackFailed = undefined;
          controlPort?.close();
          controlPort = undefined;
          recheck();
        },
      },
    );
    recheck();
  };
  quiet(
    start().catch((error: unknown) => {
      loadError =
        error instanceof CallingError
          ? error
          : new CallingError("UNSUPPORTED_ENVIRONMENT", "The host simulator could not start", { cause: error });
      recheck();
      throw loadError;
    }),
  );

  const simulator: HostSimulator = {
    get widgetOrigin() {
      return widgetOrigin();
    },
    get widgetUrl() {
      return widgetUrl;
    },
    get widgetSize() {
      return { ...widgetSize };
    },
    get iframe() {
      return frame?.iframe ?? null;
    },
    get synced() {
      return ack !== undefined;
    },
    engagements: desk.engagements,
    replies: desk.replies,
    ready(waitOptions = {}) {
      return awaitable<SyncAckPayload>(
        "the widget's SYNC_ACK",
        () => {
          const error = failWith() ?? ackFailed;
          if (error) return { error };
          return ack ? { value: ack } : undefined;
        },
        watch,
        { timeout: 30_000, ...waitOptions },
        clock,
      );
    },
    send(type, data) {
      if ((type as string) === "SYNC") throw new CallingError("INVALID_INPUT", "SYNC is sent by the simulator itself");
      post(type, data);
    },
    sendRaw(value) {
      const target = frame?.iframe?.contentWindow;
      if (!target) throw new CallingError("INVALID_STATE", "The widget's iframe does not exist yet");
      recorder.toWidget(...describeRaw(value));
      target.postMessage(value, widgetOrigin());
    },
    dialNumber(changes = {}) {
      const payload = dialNumberPayload({ portalId: context.portalId, ownerId: context.ownerId, ...changes }, clock.now());
      post("DIAL_NUMBER", payload);
      return payload;
    },
    endCall: () => post("END_CALL", undefined),
    setVisibility: ({ isMinimized, isHidden }) => post("VISIBILITY_CHANGED", { isMinimized, isHidden }),
    setReplies: (changes) => desk.set(changes),
    async simulateProvider(command, waitOptions = {}) {
      const port = await awaitable<MessagePort>(
        "the widget's simulator control (acceptSimulatorControl)",
        () => {
          const error = failWith();
          if (error) return { error };
          return controlPort ? { value: controlPort } : undefined;
        },
        watch,
        { timeout: 5_000, ...waitOptions },
        clock,
      ).catch((error: unknown) => {
        if (error instanceof CallingError && error.code === "TIMEOUT") {
          throw new CallingError(
            "NOT_SUPPORTED",
            "The widget offers no simulator control: call acceptSimulatorControl(provider, { hostOrigin }) in the widget with this page's origin",
            { cause: error },
          );
        }
        throw error;
      });
      const id = nextRequest++;
      let response: ControlResponse | undefined;
      pending.set(id, (value) => {
        response = value;
        recheck();
      });
      port.postMessage({ id, command });
      try {
        const answer = await awaitable<ControlResponse>(
          `the widget's answer to ${command.type}`,
          () => failWith() ? { error: failWith() as CallingError } : response ? { value: response } : undefined,
          watch,
          { timeout: 5_000, ...waitOptions },
          clock,
        );
        if (!answer.ok) throw new CallingError("INVALID_INPUT", `The simulated provider refused ${command.type}: ${answer.error}`);
      } finally {
        pending.delete(id);
      }
    },
    messages: recorder.messages,
    received: recorder.received,
    nextMessage: recorder.nextMessage,
    subscribe: recorder.subscribe,
    notices: recorder.notices,
    destroy() {
      if (destroyed) return;
      destroyed = new CallingError("DESTROYED", "The host simulator was destroyed");
      window.removeEventListener("message", onControlOffer);
      for (const timer of timers) clock.clearTimeout(timer);
      controlPort?.close();
      frame?.remove();
      recheck();
      watchers.clear();
    },
  };
  return simulator;
}
