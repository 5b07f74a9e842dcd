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
} from "../sdk/messages";
import type { InboundMessageType, OutboundMessageType } from "../sdk/messageTypes";
import { DEFAULT_HOST_CONTEXT, dialNumberPayload } from "./dialNumberPayloads";
import { createReplyDesk, type HostReplies } from "./hostReplies";
import { createMessageRecorder, describeRaw, type MessageLog } from "./messageRecorder";
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
  /** The widget's origin, where messages are sent to and accepted from. */
  readonly widgetOrigin: string;
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

// The parts of the SDK's IFrameManager (0.9.7) the simulator drives.
interface Manager {
  iFrame: HTMLIFrameElement | null;
  isReady: boolean;
  sendMessage(message: { type: string; [key: string]: unknown }, callback?: (data: unknown) => void): void;
  sendSync(): void;
  logDebugMessage: (...args: unknown[]) => void;
  remove(): void;
}
type ManagerConstructor = new (options: {
  iFrameOptions: { src: string; width: string; height: string; hostElementSelector: string };
  debugMode: boolean;
  onMessageHandler: (message: { type?: unknown; data?: unknown }) => void;
}) => Manager;

function iFrameManagerOf(mod: unknown): ManagerConstructor {
  const record = mod as { IFrameManager?: unknown; default?: { IFrameManager?: unknown } } | undefined;
  const Ctor = record?.IFrameManager ?? record?.default?.IFrameManager;
  if (typeof Ctor !== "function") {
    throw new CallingError(
      "UNSUPPORTED_ENVIRONMENT",
      "@hubspot/calling-extensions-sdk has no IFrameManager (this library is tested with 0.9.7)",
    );
  }
  return Ctor as ManagerConstructor;
}

let containers = 0;

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
  const widgetOrigin = new URL(options.widgetUrl, location.href).origin;
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

  let manager: Manager | undefined;
  let loadError: CallingError | undefined;
  let destroyed: CallingError | undefined;
  let ack: SyncAckPayload | undefined;
  let ackFailed: CallingError | undefined;
  let syncRecorded = false;
  let controlPort: MessagePort | undefined;
  let nextRequest = 1;
  const pending = new Map<number, (response: ControlResponse) => void>();
  const timers: unknown[] = [];

  const failWith = () => destroyed ?? loadError;

  // A widget reload starts a new handshake.
  const restart = () => {
    ack = undefined;
    ackFailed = undefined;
    syncRecorded = false;
    controlPort?.close();
    controlPort = undefined;
    recheck();
  };

  const onWidgetMessage = (raw: { type?: unknown; data?: unknown }) => {
    if (raw.type === "READY") return;
    if (raw.type === "SYNC_ACK_FAILED") {
      ackFailed = new CallingError("SYNC_ACK_FAILED", "The widget did not answer SYNC within 30 s");
      return recheck();
    }
    const message = { type: String(raw.type), data: raw.data } as OutboundMessage;
    recorder.toHost(message);
    for (const reply of desk.answer(message)) post(reply.type, reply.data);
    options.respond?.(message, simulator);
  };

  const post = (type: string, data: unknown) => {
    if (!manager || !ack) {
      throw new CallingError("INVALID_STATE", `Cannot send ${type}: the widget has not answered SYNC yet (await host.ready())`);
    }
    manager.sendMessage({ type, ...(data === undefined ? {} : { data }) });
  };

  const onControlOffer = (event: MessageEvent) => {
    const data = event.data as Record<string, unknown> | null;
    const frame = manager?.iFrame?.contentWindow;
    if (!frame || event.source !== frame || event.origin !== widgetOrigin) return;
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
    const Ctor = iFrameManagerOf(await (options.loadSdk ?? importSdk)());
    if (destroyed) return;
    const element: Element | null =
      typeof options.container === "string" ? document.querySelector(options.container) : (options.container ?? document.body);
    if (!element) throw new CallingError("INVALID_INPUT", `createHostSimulator(): no element matches ${options.container}`);
    // IFrameManager finds its host element by selector.
    const mark = `host-${++containers}`;
    element.setAttribute("data-hubspot-calling-kit-host", mark);
    window.addEventListener("message", onControlOffer);
    const instance = new Ctor({
      iFrameOptions: {
        src: options.widgetUrl,
        width: `${options.width ?? 400}px`,
        height: `${options.height ?? 600}px`,
        hostElementSelector: `[data-hubspot-calling-kit-host="${mark}"]`,
      },
      debugMode: false,
      onMessageHandler: onWidgetMessage,
    });
    instance.logDebugMessage = () => {};
    const sdkSend = instance.sendMessage.bind(instance);
    instance.sendMessage = (message, callback) => {
      if (message.type !== "SYNC") {
        recorder.toWidget(...describeRaw(message));
        return sdkSend(message, callback);
      }
      // Real HubSpot sends its context in SYNC; the SDK's host mode sends only hostUrl.
      const sync = { ...context, ...message };
      if (!syncRecorded) {
        syncRecorded = true;
        recorder.toWidget("SYNC", { ...sync });
      }
      sdkSend(sync, (data: unknown) => {
        ack = { ...(data as SyncAckPayload) };
        recorder.toHost({ type: "SYNC_ACK", data: ack });
        callback?.(data);
        recheck();
      });
    };
    if (options.syncDelayMs) {
      const sdkSync = instance.sendSync.bind(instance);
      let held = false;
      instance.sendSync = () => {
        if (held || instance.isReady) return sdkSync();
        held = true;
        timers.push(clock.setTimeout(sdkSync, options.syncDelayMs ?? 0));
      };
    }
    manager = instance;
    const frame = instance.iFrame;
    if (frame) {
      const sdkOnLoad = frame.onload;
      let loads = 0;
      frame.onload = (event) => {
        if (loads++ > 0) restart();
        sdkOnLoad?.call(frame, event);
      };
    }
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
    widgetOrigin,
    get iframe() {
      return manager?.iFrame ?? null;
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
      const target = manager?.iFrame?.contentWindow;
      if (!target) throw new CallingError("INVALID_STATE", "The widget's iframe does not exist yet");
      recorder.toWidget(...describeRaw(value));
      target.postMessage(value, widgetOrigin);
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
    destroy() {
      if (destroyed) return;
      destroyed = new CallingError("DESTROYED", "The host simulator was destroyed");
      window.removeEventListener("message", onControlOffer);
      for (const timer of timers) clock.clearTimeout(timer);
      controlPort?.close();
      manager?.remove();
      recheck();
      watchers.clear();
    },
  };
  return simulator;
}
