import { CallingError } from "../errors/callingError";
import { InvalidStateError } from "../errors/invalidStateError";
import { ProtocolError } from "../errors/protocolError";
import { ValidationError, type ValidationIssue } from "../errors/validationError";
import type { HostTransport, SecurityWarningReason, TransportSink } from "./hostTransport";
import { createSdkInstance, importSdk, type SdkInstance, type SdkModule } from "./loadSdk";
import type { InboundMessage, OutboundMessage } from "./messages";
import { HUBSPOT_ORIGINS, isAllowedOrigin, isLocalOrigin, normaliseOrigin, type OriginMatcher, originEntryProblem } from "./origins";
import { parseInboundMessage } from "./parseInboundMessage";
import { isObject } from "./validate";

/**
 * Options of {@link createSdkTransport}.
 *
 * @example
 * ```ts
 * createSdkTransport({ allowedOrigins: [...HUBSPOT_ORIGINS, "http://localhost:5173"] });
 * ```
 */
export interface SdkTransportOptions {
  /** Origins allowed to act as HubSpot. Default: {@link HUBSPOT_ORIGINS}. */
  allowedOrigins?: readonly OriginMatcher[];
  /** The window to listen on; default the global `window`, read at start. */
  window?: Window;
  /** Loads the SDK module; default a dynamic `import()` of the real SDK. */
  loadSdk?: () => Promise<SdkModule>;
  /** Most messages kept while waiting for SYNC (default 1000). */
  maxQueue?: number;
}

/**
 * The allowlist, checked once: a mistake here would either lock HubSpot out
 * (a widget that never connects) or let another page in.
 */
function checkAllowlist(list: unknown): readonly OriginMatcher[] {
  const issues: ValidationIssue[] = [];
  if (!Array.isArray(list) || list.length === 0) {
    issues.push({ path: "allowedOrigins", message: "expected a non-empty array of origins or RegExps" });
  } else {
    list.forEach((entry: unknown, index) => {
      const problem = originEntryProblem(entry);
      if (problem) issues.push({ path: `allowedOrigins[${index}]`, message: problem });
    });
  }
  if (issues.length > 0) throw new ValidationError("allowedOrigins", issues);
  return [...(list as OriginMatcher[])];
}

/**
 * The handshake a transport accepted, by the window it listened on. HubSpot
 * sends SYNC until the widget answers, then never again while the page
 * lives; a client created after another one was destroyed (a remount, a
 * route change, hot reload) takes over the handshake instead of waiting for a
 * SYNC that will not come. Only a transport of this module writes here, after
 * its own checks.
 */
const accepted = new WeakMap<object, { parent: Window; origin: string; sync: InboundMessage }>();

// Origins already named in a development warning (one warning per origin and page).
const warnedOrigins = new Set<string>();

// Raw events that passed the checks while the SDK module was still loading;
// replayed after. Beyond this many, they are reported as `bufferFull`.
const MAX_EARLY_EVENTS = 50;

/**
 * The default transport: drives `@hubspot/calling-extensions-sdk` over real
 * `postMessage`, and closes the SDK's holes on the way:
 *
 * - SYNC is accepted only from `window.parent`, from an allowed origin, with a
 *   `hostUrl` equal to that origin (the SDK accepts it from any window);
 * - afterwards only messages from that origin and window are considered;
 * - every inbound payload is validated before the SDK or the client sees it;
 * - messages sent before the handshake are queued and flushed in order (the
 *   SDK drops them);
 * - messages that arrive while the SDK loads get the same checks at once;
 *   those that pass (at most 50, then `bufferFull`) are handled once it has
 *   loaded;
 * - a message is never dropped silently: it reaches the client, or the sink
 *   hears why (`securityWarning` or `protocolError`);
 * - the SDK is imported only when `start()` runs, never at module load, and
 *   its `console.debug` logging is silenced.
 *
 * @example
 * ```ts
 * const client = createCallingClient({
 *   provider,
 *   transport: createSdkTransport({ allowedOrigins: HUBSPOT_ORIGINS }),
 * });
 * ```
 */
export function createSdkTransport(options: SdkTransportOptions = {}): HostTransport {
  const allowlist = checkAllowlist(options.allowedOrigins ?? HUBSPOT_ORIGINS);
  const maxQueue = options.maxQueue ?? 1000;
  let win: Window | undefined;
  let parent: Window | undefined;
  let sdk: SdkInstance | undefined;
  let sink: TransportSink | undefined;
  let hostOrigin: string | undefined;
  let queue: OutboundMessage[] = [];
  let early: MessageEvent[] | undefined = [];
  // The origin of a SYNC buffered while the SDK loads, which will be accepted.
  let pending: string | undefined;
  let dropped = 0;
  let stopped = false;
  // The validated message being passed through the SDK, its raw form, and
  // whether the SDK handed it on.
  let current: { raw: unknown; message: InboundMessage; passed?: boolean } | undefined;

  const warn = (reason: SecurityWarningReason, event: MessageEvent) => {
    dropped += 1;
    const data: unknown = event.data;
    const type = isObject(data) && typeof data.type === "string" ? data.type : undefined;
    const origin = String(event.origin);
    // In development (the widget or that page on localhost) a SYNC refused
    // because of the allowlist is nearly always a missing entry, and the
    // widget would wait for HubSpot in silence: say it once, loudly.
    if (reason === "originNotAllowed" && type === "SYNC" && !warnedOrigins.has(origin) && (isLocalOrigin(origin) || isLocalOrigin(String(win?.location?.origin)))) {
      warnedOrigins.add(origin);
      console.warn(`[hubspot-calling-kit] Ignored SYNC from ${origin}: it is not in allowedOrigins. To develop against that page, add it: createCallingClient({ allowedOrigins: [...HUBSPOT_ORIGINS, "${origin}"] })`);
    }
    sink?.securityWarning({
      reason,
      origin,
      messageType: type?.slice(0, 100),
      count: dropped,
    });
  };

  // The SDK numbers messages `${instanceId}_${Date.now()}`: the queue, flushed
  // in one millisecond, would send them all with one id. Ours keep the SDK's
  // prefix (so HubSpot's answers still read as answers) and add a counter.
  let sequence = 0;
  const post = (message: OutboundMessage) => {
    if (!sdk) return;
    sdk.sendMessage({ ...message, messageId: `${sdk.iFrameManager.instanceId}_${Date.now()}_${++sequence}` });
  };

  const onSdkMessage = (_data: unknown, message: { type?: unknown }) => {
    if (message.type === "READY" && current?.message.type === "SYNC" && !hostOrigin) {
      current.passed = true;
      hostOrigin = current.message.data.hostUrl;
      if (win && parent) accepted.set(win, { parent, origin: hostOrigin, sync: current.message });
      // Queued messages were sent first, so they go first (before INITIALIZED).
      const flushing = queue;
      queue = [];
      for (const item of flushing) post(item);
      sink?.receive(current.message);
    } else if (current && message === current.raw) {
      current.passed = true;
      sink?.receive(current.message);
    }
  };

  // Why an event may not be acted on while `host` is the synced origin: a
  // reason to report, "repeat" for SYNC again (HubSpot repeats it until it
  // sees SYNC_ACK: not an error), or undefined when it may go on.
  const screen = (event: MessageEvent, host: string | undefined): SecurityWarningReason | "repeat" | undefined => {
    const data: unknown = event.data;
    // Browsers give origins in canonical form; only hostUrl needs normalising.
    const origin = String(event.origin);
    const fromParent = event.source === parent && parent !== win;
    const isSync = isObject(data) && data.type === "SYNC";
    if (isSync && !host) {
      if (!isAllowedOrigin(origin, allowlist)) return "originNotAllowed";
      if (!fromParent) return "notFromParent";
      if (typeof data.hostUrl !== "string" || normaliseOrigin(data.hostUrl) !== origin) return "hostUrlMismatch";
    } else if (!host) {
      return "beforeSync";
    } else if (origin !== host || !fromParent) {
      return "notFromHost";
    } else if (isSync) {
      return "repeat";
    }
    return undefined;
  };

  // A message that passed the checks of `listener`.
  const handle = (event: MessageEvent) => {
    const data: unknown = event.data;
    const parsed = parseInboundMessage(data);
    if (!parsed.ok) return sink?.protocolError(new ProtocolError(data, parsed.issues));
    const message = parsed.message;
    if (message.type === "UNLOADING" || message.type === "ERROR") {
      // The SDK has no handler for these and would answer HubSpot with an ERROR.
      return sink?.receive(message);
    }
    const origin = String(event.origin);
    // The SDK keeps hostUrl as the origin it talks to and compares it verbatim
    // with later messages' origins: give it (and the client) the canonical form.
    const raw = message.type === "SYNC" ? { ...(data as object), hostUrl: (message.data.hostUrl = origin) } : data;
    const passing: NonNullable<typeof current> = { raw, message };
    current = passing;
    try {
      sdk?.iFrameManager.onMessage({ data: raw, origin });
    } finally {
      current = undefined;
    }
    // The SDK drops a message whose messageId starts with its own instance id
    // without a word, taking it for an answer to one of its own messages.
    if (!passing.passed) sink?.protocolError(new ProtocolError(data, ["messageId: dropped by the SDK as an answer to itself"]));
  };

  const listener = (event: MessageEvent) => {
    try {
      // While the SDK loads, the first acceptable SYNC stands in for the
      // handshake: only messages that could be accepted take room in the
      // buffer (a hostile frame cannot fill it and push out HubSpot's SYNC),
      // and one that finds it full is reported.
      const reason = screen(event, early ? pending : hostOrigin);
      if (reason === "repeat") return;
      if (reason) warn(reason, event);
      else if (!early) handle(event);
      else if (early.length >= MAX_EARLY_EVENTS) warn("bufferFull", event);
      else {
        if (!pending && parseInboundMessage(event.data).ok) pending = String(event.origin);
        early.push(event);
      }
    } catch (error) {
      // Nothing from outside may throw out of the listener; report and go on.
      sink?.protocolError(
        new ProtocolError(event.data, [`message: could not be handled (${String(error).slice(0, 200)})`], {
          cause: error,
        }),
      );
    }
  };

  return {
    async start(target) {
      if (sink || stopped) {
        throw new InvalidStateError("start", stopped ? "stopped" : "started", "create a new transport for each client");
      }
      win = options.window ?? (typeof window === "undefined" ? undefined : window);
      if (!win) {
        throw new CallingError(
          "UNSUPPORTED_ENVIRONMENT",
          "createSdkTransport() needs a browser window; during SSR or in Node, pass another transport (e.g. createMemoryTransport from hubspot-calling-kit/testing)",
        );
      }
      sink = target;
      parent = win.parent;
      // A handshake an earlier client on this page accepted, if this allowlist trusts it too.
      const earlier = accepted.get(win);
      const adopt = earlier && earlier.parent === parent && isAllowedOrigin(earlier.origin, allowlist) ? earlier : undefined;
      // While the SDK loads, HubSpot's messages then count as after the handshake.
      if (adopt) pending = adopt.origin;
      win.addEventListener("message", listener);
      let mod: SdkModule;
      try {
        mod = await (options.loadSdk ?? importSdk)();
      } catch (error) {
        win.removeEventListener("message", listener);
        throw error;
      }
      // stop() while the SDK was loading (React StrictMode does this): build nothing.
      if (sink !== target) return;
      sdk = createSdkInstance(mod, onSdkMessage);
      // The SDK listens for SYNC from any window; only our checked listener stays.
      win.removeEventListener("message", sdk.iFrameManager.messageHandler);
      // The SDK listens on the global window, which a `window` option may not be.
      if (typeof window !== "undefined" && window !== win) window.removeEventListener("message", sdk.iFrameManager.messageHandler);
      sdk.iFrameManager.logDebugMessage = () => {};
      if (adopt && !hostOrigin) {
        // As if this SDK had answered SYNC itself (without answering again).
        sdk.iFrameManager.isReady = true;
        sdk.iFrameManager.destinationHost = adopt.origin;
        hostOrigin = adopt.origin;
        const flushing = queue;
        queue = [];
        for (const item of flushing) post(item);
        target.receive(adopt.sync);
      }
      const replay = early ?? [];
      early = undefined;
      for (const event of replay) listener(event);
    },
    send(message) {
      if (stopped) throw new InvalidStateError("send", "stopped", "the transport was stopped");
      if (hostOrigin && sdk) {
        post(message);
        return;
      }
      if (queue.length >= maxQueue) {
        throw new InvalidStateError(
          "send",
          "connecting",
          `more than ${maxQueue} messages queued before HubSpot's SYNC; is the widget running inside HubSpot?`,
        );
      }
      queue.push(message);
    },
    stop() {
      stopped = true;
      win?.removeEventListener("message", listener);
      sdk?.iFrameManager.remove();
      queue = [];
      sink = undefined;
    },
  };
}
