// The widget's iframe on HubSpot's side: the SDK's own IFrameManager in host
// mode (it creates the iframe, repeats SYNC until answered and talks over
// real postMessage), adjusted where it differs from HubSpot's page.
import { CallingError } from "../errors/callingError";
import type { Clock } from "../internal/clock";
import type { HostContext, SyncAckPayload, WidgetSize } from "../sdk/messages";
import { isObject } from "../sdk/validate";

// The parts of the SDK's IFrameManager (0.9.7) the simulator drives.
interface Manager {
  iFrame: HTMLIFrameElement | null;
  isReady: boolean;
  destinationHost: string;
  sendMessage(message: { type: string; [key: string]: unknown }, callback?: (data: unknown) => void): void;
  sendSync(): void;
  onMessage(event: MessageEvent): void;
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

/** @internal What the frame reports to the simulator. */
export interface HostFrameEvents {
  /** A message the widget sent (not SYNC_ACK), as it arrived: it may lack `data`. */
  message(raw: { type: string; data?: unknown }): void;
  /** HubSpot's SYNC, once per handshake, with the host context. */
  sync(sync: Record<string, unknown>): void;
  /** The widget answered SYNC. */
  syncAck(ack: SyncAckPayload): void;
  /** No SYNC_ACK within 30 s, or the iframe failed to load. */
  syncAckFailed(): void;
  /** A message HubSpot sent (not SYNC), as posted. */
  toWidget(raw: { type: string; [key: string]: unknown }): void;
  /** The iframe loaded again (the widget's own reload, or a new address): a new handshake starts. */
  reloaded(): void;
}

/** @internal The widget's iframe, as HubSpot's page holds it. */
export interface HostFrame {
  readonly iframe: HTMLIFrameElement | null;
  /** The widget's current origin (it changes with `navigate()`). */
  readonly origin: string;
  /** Sends a message to the widget through the SDK (after the handshake). */
  post(type: string, data: unknown): void;
  /** Gives the iframe a new size, as HubSpot does for `RESIZE_WIDGET` and `INITIALIZED.sizeInfo`. */
  resize(size: WidgetSize): void;
  /** Loads the widget from a new address, as HubSpot does for `SET_WIDGET_URL`. */
  navigate(url: string): void;
  remove(): void;
}

let containers = 0;

/** @internal Creates the widget's iframe in `element` with the SDK module `mod`. */
export function openHostFrame(
  mod: unknown,
  options: {
    element: Element;
    widgetUrl: string;
    size: WidgetSize;
    context: Partial<Omit<HostContext, "hostUrl">>;
    syncDelayMs: number;
    clock: Clock;
    timers: unknown[];
  },
  events: HostFrameEvents,
): HostFrame {
  const Ctor = iFrameManagerOf(mod);
  let origin = new URL(options.widgetUrl, location.href).origin;
  let syncSent = false;
  // IFrameManager finds its host element by selector.
  const mark = `host-${++containers}`;
  options.element.setAttribute("data-hubspot-calling-kit-host", mark);
  const instance = new Ctor({
    iFrameOptions: {
      src: options.widgetUrl,
      width: `${options.size.width}px`,
      height: `${options.size.height}px`,
      hostElementSelector: `[data-hubspot-calling-kit-host="${mark}"]`,
    },
    debugMode: false,
    onMessageHandler: (raw) => {
      if (raw.type === "READY") return;
      if (raw.type === "SYNC_ACK_FAILED") return events.syncAckFailed();
      events.message({ type: String(raw.type), data: raw.data });
    },
  });
  instance.logDebugMessage = () => {};

  const sdkOnMessage = instance.onMessage.bind(instance);
  instance.onMessage = (event) => {
    const data: unknown = event.data;
    // The SDK reads `event.data.type` first and throws on null.
    if (!isObject(data)) return;
    // The SDK's host mode hears every frame of the widget's origin; HubSpot's page hears
    // each iframe apart (the calling remote and the calling window are two conversations).
    if (event.source !== instance.iFrame?.contentWindow) return;
    // The SDK's host mode turns SET_WIDGET_URL into READY and drops it; HubSpot answers it.
    if (data.type === "SET_WIDGET_URL" && data.messageId && event.origin === origin) {
      return events.message({ type: "SET_WIDGET_URL", data: data.data });
    }
    sdkOnMessage(event);
  };

  const sdkSend = instance.sendMessage.bind(instance);
  instance.sendMessage = (message, callback) => {
    if (message.type !== "SYNC") {
      events.toWidget(message);
      return sdkSend(message, callback);
    }
    // Real HubSpot sends its context in SYNC; the SDK's host mode sends only hostUrl.
    const sync = { ...options.context, ...message };
    if (!syncSent) {
      syncSent = true;
      events.sync({ ...sync });
    }
    sdkSend(sync, (data: unknown) => {
      events.syncAck({ ...(data as SyncAckPayload) });
      callback?.(data);
    });
  };
  if (options.syncDelayMs) {
    const sdkSync = instance.sendSync.bind(instance);
    let held = false;
    instance.sendSync = () => {
      if (held || instance.isReady) return sdkSync();
      held = true;
      options.timers.push(options.clock.setTimeout(sdkSync, options.syncDelayMs));
    };
  }
  const frame = instance.iFrame;
  if (frame) {
    const sdkOnLoad = frame.onload;
    let loads = 0;
    frame.onload = (event) => {
      if (loads++ > 0) {
        syncSent = false;
        events.reloaded();
      }
      sdkOnLoad?.call(frame, event);
    };
  }

  return {
    get iframe() {
      return instance.iFrame;
    },
    get origin() {
      return origin;
    },
    post(type, data) {
      instance.sendMessage({ type, ...(data === undefined ? {} : { data }) });
    },
    resize({ width, height }) {
      instance.iFrame?.setAttribute("width", `${width}px`);
      instance.iFrame?.setAttribute("height", `${height}px`);
    },
    navigate(url) {
      const target = instance.iFrame;
      if (!target) return;
      origin = new URL(url).origin;
      // The SDK posts to (and hears only) this origin; the next SYNC goes there.
      instance.destinationHost = origin;
      target.src = url;
    },
    remove: () => instance.remove(),
  };
}
