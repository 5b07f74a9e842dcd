import { hostWriter } from "../engagements/hostWriter";
import type { HostChannel } from "../engagements/engagementWriter";
import { CallingError, isCallingError, toCallingError } from "../errors/callingError";
import { HostRequestError, type HostFailureCode } from "../errors/hostRequestError";
import { InvalidStateError } from "../errors/invalidStateError";
import { ProviderError } from "../errors/providerError";
import type { AbortOptions } from "../internal/abortOptions";
import { awaitable, quiet, withAbort } from "../internal/awaitable";
import { type Clock, systemClock } from "../internal/clock";
import { createEmitter } from "../internal/emitter";
import { isSilent, type Logger, silentLogger } from "../logging/logger";
import { redactPhoneNumbers } from "../logging/redactPhoneNumbers";
import type { Effect, Notice, WarningCode } from "../machine/effect";
import type { MachineEvent } from "../machine/machineEvent";
import { type CallSnapshot, type CallingSnapshot, initialSnapshot, isCallActive } from "../machine/snapshot";
import { transition } from "../machine/transition";
import { createSdkTransport } from "../sdk/createSdkTransport";
import type { HostTransport } from "../sdk/hostTransport";
import type {
  ErrorPayload,
  HostContext,
  InboundMessage,
  NavigateToRecordPayload,
  OutboundMessage,
  SetWidgetUrlPayload,
  WidgetSize,
} from "../sdk/messages";
import { assertShape, checkShape, INVALID, type Shape } from "../sdk/validate";
import type { Call, CompleteResult } from "./call";
import { CallHandle, type CallOwner } from "./callHandle";
import type { CallingEventListener, CallingEvents, CallingEventType } from "./callingEvents";
import { CallWriter, type WriterOwner } from "./callWriter";
import { hostEvent } from "./hostEvent";
import type { CallingClientOptions, DialOptions, InitializeOptions } from "./options";
import { type BridgeOwner, ProviderBridge } from "./providerBridge";

/**
 * A calling client: the widget's side of HubSpot's calling extension, as a
 * state machine with a promise API and typed events. Create it with
 * {@link createCallingClient}.
 *
 * @example
 * ```ts
 * const client = createCallingClient({ provider });
 * const host = await client.ready({ timeout: 30_000 });
 * await client.logIn();
 * client.on("dialRequested", async ({ request }) => {
 *   const call = await client.dial({ toNumber: request.phoneNumber });
 *   await call.ended;
 *   await call.complete({ notes: "Spoke about pricing", outcome: "connected" });
 * });
 * ```
 */
export interface CallingClient {
  /** Starts listening to HubSpot (automatic in browsers unless `autoStart: false`). Idempotent. */
  start(): Promise<void>;
  /** Resolves with HubSpot's context once SYNC was accepted. */
  ready(options?: AbortOptions): Promise<HostContext>;
  /** Sends `INITIALIZED` yourself (only with `initialize: false` in the options). */
  initialize(options?: InitializeOptions): Promise<void>;
  /** Tells HubSpot the user logged in to the vendor's service. */
  logIn(): Promise<void>;
  /** Tells HubSpot the user logged out (not during a call). */
  logOut(): Promise<void>;
  /** Tells HubSpot whether the user takes inbound calls. */
  setAvailable(available: boolean): Promise<void>;
  /** Starts an outbound call; resolves once it is dialing. */
  dial(options?: DialOptions): Promise<Call>;
  /** The current (or last) call, or null. */
  getCall(): Call | null;
  /** The numbers the user may call from (provider must support it). */
  listCallerNumbers(options?: AbortOptions): Promise<string[]>;
  /** Asks HubSpot to resize the widget (`RESIZE_WIDGET`). */
  resizeWidget(size: WidgetSize): void;
  /** Shows an error in HubSpot (`ERROR`). */
  sendError(payload: ErrorPayload): void;
  /** Opens a CRM record in HubSpot (`NAVIGATE_TO_RECORD`); failures arrive as `hostError`. */
  navigateToRecord(payload: NavigateToRecordPayload): void;
  /** Changes the widget's URL (`SET_WIDGET_URL`); failures arrive as `hostError`. */
  setWidgetUrl(payload: SetWidgetUrlPayload): void;
  /** Sends undocumented `CALL_DATA`. */
  sendCallData(data: Record<string, unknown>): void;
  /** Calls `listener` after every state change; returns the unsubscribe function. Bound. */
  subscribe(listener: () => void): () => void;
  /** The current immutable snapshot. Bound. */
  getSnapshot(): CallingSnapshot;
  /** Listens to an event; returns the unsubscribe function. */
  on<K extends CallingEventType>(type: K, listener: CallingEventListener<K>): () => void;
  /**
   * Ends a live call (the provider hangs up, HubSpot gets `CALL_ENDED`,
   * `callEnded` is emitted), then stops listening and rejects everything
   * pending with `DESTROYED`. Idempotent.
   */
  destroy(): void;
}

const SIZE: Shape = { width: "size", height: "size" };
const INITIALIZE: Shape = { "isLoggedIn?": "b", "isAvailable?": "b", "sizeInfo?": SIZE };
const NAVIGATE: Shape = {
  objectCoordinates: { portalId: "id", objectId: "id", objectTypeId: "s" },
  "engagementId?": "id",
  "openIn?": (value, path, issues) =>
    value === "CURRENT_TAB" || value === "NEW_TAB" ? value : (issues.push(`${path}: expected CURRENT_TAB or NEW_TAB`), INVALID),
};
const hasMethod =
  (name: string) =>
  (value: unknown, path: string, issues: string[]): unknown =>
    typeof (value as Record<string, unknown> | null)?.[name] === "function"
      ? value
      : (issues.push(`${path}: expected an object with ${name}()`), INVALID);
const OPTIONS: Shape = {
  provider: hasMethod("dial"),
  "writer?": hasMethod("write"),
  "transport?": hasMethod("send"),
  "initialize?": (value, path, issues) => (value === false || checkShape(INITIALIZE, value, path, issues), value),
  "createEngagement?": "b",
  "engagementIdTimeout?": "n",
  "logPhoneNumbers?": "b",
  "autoStart?": "b",
};
/** Failures reported by whoever awaits them (the writer, `finalize()`), not as `hostError`. */
const ANSWERED_ELSEWHERE: ReadonlySet<string> = new Set(["UPDATE_ENGAGEMENT_FAILED", "FINALIZE_ENGAGEMENT_FAILED"]);
/** How long a call command waits for the provider unless told otherwise. */
const PROVIDER_TIMEOUT_MS = 15_000;

/** A mute or hold the provider has not answered yet. */
type Unconfirmed = { readonly value: boolean; failed: boolean };
/** The mutes (or holds) of one call the provider has not answered yet, oldest first. */
type FieldCommands = { readonly callId: string; base: boolean; readonly pending: Unconfirmed[] };
/** What happens once the provider answered a command, whoever still waits for it. */
type FollowUp = { succeeded(): void; failed(failure: CallingError): void };

class Client implements CallingClient {
  #options: CallingClientOptions;
  #clock: Clock;
  #owner: CallOwner & BridgeOwner & WriterOwner;
  #bridge: ProviderBridge;
  #writer: CallWriter;
  #transport: HostTransport;
  #logger: Logger;
  #redact: <T>(value: T) => T;
  #snapshot = initialSnapshot();
  #subscribers = new Set<() => void>();
  #watchers = new Set<() => void>();
  #hostWaiters = new Set<(message?: InboundMessage) => void>();
  #emitter = createEmitter<CallingEvents>();
  #handle: CallHandle | null = null;
  #errors = new Map<string, CallingError>();
  #writes = new Map<string, Promise<CompleteResult>>();
  // Provider work started by the command being run, for it to await.
  #work: Promise<void>[] | null = null;
  // Mutes and holds sent to the provider and not answered yet, to undo the right one on a refusal.
  #unconfirmed: { muted?: FieldCommands; held?: FieldCommands } = {};
  #lifetime = new AbortController();
  #started: Promise<void> | undefined;
  #startError: CallingError | undefined;
  #destroyed: CallingError | null = null;
  #cleanups: (() => void)[] = [];

  constructor(options: CallingClientOptions) {
    assertShape("createCallingClient() options", OPTIONS, options);
    this.#options = options;
    this.#transport = options.transport ?? createSdkTransport({ allowedOrigins: options.allowedOrigins });
    this.#logger = options.logger ?? silentLogger;
    this.#redact = options.logPhoneNumbers ? (value) => value : redactPhoneNumbers;
    this.#clock = options.clock ?? systemClock;
    this.subscribe = this.subscribe.bind(this);
    this.getSnapshot = this.getSnapshot.bind(this);
    // One view of the client for its parts (call handles, the provider bridge, the call writer).
    this.#owner = {
      clock: this.#clock,
      host: { send: (message) => this.#send(message), next: (types, opts = {}) => this.#nextHostMessage(types, opts) },
      signal: this.#lifetime.signal,
      engagementIdTimeout: options.engagementIdTimeout ?? 10_000,
      snapshot: () => this.#snapshot,
      watch: (recheck) => {
        this.#watchers.add(recheck);
        return () => void this.#watchers.delete(recheck);
      },
      dispatch: (event) => void this.#dispatch(event),
      emit: (type, payload) => this.#emit(type, payload),
      warn: (code, message) => this.#warn(code, message),
      logError: (message, error) => this.#logger.error(message, error),
      command: (callId, event, feature, opts) => this.#callCommand(callId, event, feature, opts),
      sendDigits: (callId, digits, opts) => this.#sendDigits(callId, digits, opts),
      errorOf: (callId) => this.#errors.get(callId) ?? null,
      writeOf: (callId) => this.#writes.get(callId),
      destroyedError: () => this.#destroyed,
      recordFailure: (callId, error) => {
        if (this.#snapshot.call?.id === callId && isCallActive(this.#snapshot.call)) this.#errors.set(callId, error);
      },
      generateId: options.generateId ?? (() => crypto.randomUUID()),
      createEngagement: () => this.#options.createEngagement ?? true,
    };
    this.#bridge = new ProviderBridge(options.provider, this.#owner);
    this.#writer = new CallWriter(options.writer ?? hostWriter(), this.#owner);
    if (options.autoStart !== false && (options.transport || typeof window !== "undefined")) {
      quiet(this.start());
    }
  }

  // ---- lifecycle -------------------------------------------------------

  start(): Promise<void> {
    this.#started ??= this.#start().catch((error: unknown) => {
      this.#startError = toCallingError(error, "UNSUPPORTED_ENVIRONMENT", "Could not start the calling client");
      this.#logger.error(this.#startError.message, error);
      this.#recheck();
      throw this.#startError;
    });
    return this.#started;
  }

  async #start(): Promise<void> {
    if (this.#destroyed) throw this.#destroyed;
    for (const stop of [this.#bridge.listen(), this.#writer.listen()]) if (stop) this.#cleanups.push(stop);
    // Whatever the client does with a message, nothing throws back into the transport.
    const guard =
      <T>(what: string, fn: (value: T) => void) =>
      (value: T) => {
        try {
          fn(value);
        } catch (error) {
          this.#logger.error(`Handling ${what} failed`, error);
          this.#warn("listenerError", `Handling ${what} failed: ${String(error)}`);
        }
      };
    await this.#transport.start({
      receive: guard("a message from HubSpot", (message) => this.#receive(message)),
      protocolError: guard("a protocol error", (error) => {
        // The raw message can be anything (huge, hostile): copy it only for a logger that listens.
        if (!isSilent(this.#logger.warn)) this.#logger.warn(error.message, this.#redact(error.raw));
        this.#emit("protocolError", { error });
      }),
      securityWarning: guard("a security warning", (warning) => {
        this.#logger.warn(`Dropped a message (${warning.reason}) from ${warning.origin}`);
        this.#emit("securityWarning", warning);
      }),
    });
  }

  destroy(): void {
    if (this.#destroyed) return;
    // A live call ends the usual way first: the provider hangs up, HubSpot
    // gets CALL_ENDED (or it would show the call as running) and listeners
    // get callEnded.
    if (isCallActive(this.#snapshot.call)) {
      safely(
        () => this.#dispatch({ type: "hangUp", at: this.#clock.now() }),
        (error) => this.#logger.error("Ending the live call on destroy() failed", error),
      );
    }
    this.#destroyed = new CallingError("DESTROYED", "The calling client was destroyed");
    this.#lifetime.abort(this.#destroyed);
    for (const cleanup of this.#cleanups.splice(0)) safely(cleanup);
    this.#bridge.destroy(isCallActive(this.#snapshot.call));
    safely(() => this.#transport.stop());
    this.#recheck();
    this.#emitter.clear();
    this.#subscribers.clear();
  }

  // ---- state -----------------------------------------------------------

  subscribe(listener: () => void): () => void {
    this.#subscribers.add(listener);
    return () => void this.#subscribers.delete(listener);
  }

  getSnapshot(): CallingSnapshot {
    return this.#snapshot;
  }

  #recheck(): void {
    for (const recheck of [...this.#watchers]) recheck();
    for (const waiter of [...this.#hostWaiters]) waiter();
  }

  #dispatch(event: MachineEvent): readonly Effect[] {
    const [next, effects] = transition(this.#snapshot, event);
    if (next !== this.#snapshot) {
      const previous = this.#snapshot.call;
      this.#snapshot = next;
      if (previous && previous.id !== next.call?.id) {
        // The old call is replaced: its handle keeps its last snapshot.
        if (this.#handle?.id === previous.id) this.#handle.update(previous, false);
        this.#handle = null;
        this.#errors.delete(previous.id);
        this.#writes.delete(previous.id);
        this.#writer.forget(previous.id);
      }
      if (next.call && this.#handle?.id === next.call.id) this.#handle.update(next.call, true);
      for (const listener of [...this.#subscribers]) safely(listener, (error) => this.#listenerError(error));
      this.#recheck();
    }
    for (const effect of effects) this.#perform(effect);
    return effects;
  }

  /** Runs a user command; throws InvalidStateError when the machine refuses it. */
  #command(event: MachineEvent): readonly Effect[] {
    if (this.#destroyed) throw this.#destroyed;
    const effects = this.#dispatch(event);
    const refusal = effects.find((effect) => effect.type === "reject");
    if (refusal?.type === "reject") throw new InvalidStateError(event.type, refusal.state, refusal.reason);
    return effects;
  }

  #handleFor(callId: string): Call {
    const call = this.#snapshot.call;
    if (call?.id !== callId) throw new InvalidStateError("getCall", "replaced", `call ${callId} is not the current call`);
    this.#handle ??= new CallHandle(this.#owner, call);
    return this.#handle;
  }

  getCall(): Call | null {
    const call = this.#snapshot.call;
    return call ? this.#handleFor(call.id) : null;
  }

  // ---- commands --------------------------------------------------------

  ready(options: AbortOptions = {}): Promise<HostContext> {
    return awaitable<HostContext>(
      "HubSpot's SYNC",
      () => {
        const failed = this.#destroyed ?? this.#startError;
        if (failed) return { error: failed };
        const { host } = this.#snapshot.session;
        return host ? { value: host } : undefined;
      },
      this.#owner.watch,
      options,
      this.#clock,
    );
  }

  async initialize(options: InitializeOptions = {}): Promise<void> {
    const valid = assertShape("initialize() options", INITIALIZE, options) as InitializeOptions;
    this.#command({ type: "initialize", ...valid, isLoggedIn: valid.isLoggedIn ?? false });
  }

  async logIn(): Promise<void> {
    this.#command({ type: "logIn" });
  }

  async logOut(): Promise<void> {
    this.#command({ type: "logOut" });
  }

  async setAvailable(available: boolean): Promise<void> {
    assertShape("setAvailable()", { available: "b" }, { available });
    this.#command({ type: "setAvailable", available });
  }

  async dial(options: DialOptions = {}): Promise<Call> {
    assertShape("dial() options", { "toNumber?": "phone", "fromNumber?": "phone", "createEngagement?": "b" }, options);
    const callId = this.#owner.generateId();
    this.#command({
      type: "dial",
      callId,
      toNumber: options.toNumber,
      fromNumber: options.fromNumber,
      createEngagement: options.createEngagement ?? this.#options.createEngagement ?? true,
      at: this.#clock.now(),
    });
    return this.#handleFor(callId);
  }

  /** A command from a call handle; waits (bounded) for the provider's part. */
  async #callCommand(
    callId: string,
    event: MachineEvent,
    feature: "answer" | "mute" | "hold" | undefined,
    options?: AbortOptions,
  ): Promise<void> {
    if (feature) this.#needs(callId, feature);
    const before = this.#snapshot.call;
    this.#work = [];
    let work: Promise<void>[];
    try {
      this.#command(event);
    } finally {
      work = this.#work;
      this.#work = null;
    }
    const followUp = before && this.#followUp(callId, event, before);
    if (work.length === 0) return followUp?.succeeded();
    // The follow-up hangs on the provider's work itself, not on this wait: a refusal
    // that comes after the caller's timeout or abort still undoes the snapshot or fails the call.
    const done = Promise.all(work).then(
      () => followUp?.succeeded(),
      (error: unknown) => {
        const failure = toProviderError(error, event.type);
        followUp?.failed(failure);
        throw failure;
      },
    );
    await this.#awaitProvider(event.type, quiet(done), options);
  }

  /** What the provider's answer to `answer`, `mute` or `hold` changes (other commands: nothing). */
  #followUp(callId: string, event: MachineEvent, before: CallSnapshot): FollowUp | undefined {
    const current = () => {
      const call = this.#snapshot.call;
      return call?.id === callId && isCallActive(call) ? call : null;
    };
    switch (event.type) {
      case "answer":
        return {
          // The provider confirmed: now the call connects (CALL_ANSWERED, callConnected), unless
          // the provider already reported `answered` or the call ended meanwhile.
          succeeded: () => {
            if (current()?.answering) this.#dispatch({ type: "providerAnswered", callId, at: this.#clock.now() });
          },
          failed: (failure) => {
            if (current()) this.#bridge.failed(callId, failure);
          },
        };
      case "mute":
        return this.#track(callId, "muted", event.muted, before.muted);
      case "hold":
        return this.#track(callId, "held", event.held, before.status === "onHold");
      default:
        return undefined;
    }
  }

  /**
   * Tracks a mute or hold until the provider answers. On a refusal the field
   * goes back to the newest command on it not refused (or to what it was
   * before them all); a refusal of an older command while a newer one is
   * pending or done changes nothing, so a newer command is never undone.
   */
  #track(callId: string, field: "muted" | "held", value: boolean, was: boolean): FollowUp {
    let commands = this.#unconfirmed[field];
    if (commands?.callId !== callId) commands = this.#unconfirmed[field] = { callId, base: was, pending: [] };
    const list = commands;
    const command: Unconfirmed = { value, failed: false };
    list.pending.push(command);
    const forget = () => {
      if (list.pending.length === 0 && this.#unconfirmed[field] === list) delete this.#unconfirmed[field];
    };
    return {
      succeeded: () => {
        const index = list.pending.indexOf(command);
        if (index < 0) return; // a newer command was confirmed first: it decides
        list.base = value;
        list.pending.splice(0, index + 1);
        forget();
      },
      failed: () => {
        const index = list.pending.indexOf(command);
        if (index < 0) return;
        command.failed = true;
        if (index < list.pending.length - 1) return; // a newer command decides
        while (list.pending.at(-1)?.failed) list.pending.pop();
        const restored = list.pending.at(-1)?.value ?? list.base;
        forget();
        this.#dispatch({ type: "providerRollback", callId, [field]: restored });
      },
    };
  }

  async #sendDigits(callId: string, digits: string, options?: AbortOptions): Promise<void> {
    if (this.#destroyed) throw this.#destroyed;
    const call = this.#snapshot.call;
    if (call?.id !== callId || (call.status !== "connected" && call.status !== "onHold")) {
      throw new InvalidStateError("sendDigits", call?.status ?? "idle", "sendDigits needs a connected call");
    }
    this.#needs(callId, "sendDigits");
    await this.#awaitProvider("send digits", this.#bridge.sendDigits(callId, digits), options);
  }

  /** Throws NOT_SUPPORTED when the call's provider lacks an optional feature. */
  #needs(callId: string, feature: "answer" | "mute" | "hold" | "sendDigits"): void {
    if (this.#bridge.lacks(callId, feature)) {
      throw new CallingError("NOT_SUPPORTED", `The telephony provider does not support ${feature}()`);
    }
  }

  /**
   * Waits for the provider's part of a command, by default at most
   * {@link PROVIDER_TIMEOUT_MS} (also when `timeout` is given as
   * `undefined`). The wait's own timeout or abort rejects as such; whatever
   * the provider throws becomes a `ProviderError` (`PROVIDER_ERROR`). The
   * work itself goes on after the wait ends.
   */
  #awaitProvider<T>(verb: string, work: Promise<T>, options: AbortOptions = {}): Promise<T> {
    const failing = work.catch((error: unknown) => {
      throw toProviderError(error, verb);
    });
    const limits = { ...options, timeout: options.timeout ?? PROVIDER_TIMEOUT_MS };
    return withAbort(`the provider to ${verb}`, failing, limits, this.#clock);
  }

  async listCallerNumbers(options: AbortOptions = {}): Promise<string[]> {
    const provider = this.#options.provider;
    if (!provider.listCallerNumbers) {
      throw new CallingError("NOT_SUPPORTED", "The telephony provider does not list caller numbers");
    }
    const listing = attempt(() => provider.listCallerNumbers?.(options));
    const numbers: unknown = await this.#awaitProvider("list caller numbers", listing, options);
    if (!Array.isArray(numbers) || !numbers.every((n) => typeof n === "string")) {
      throw new ProviderError("listCallerNumbers() must resolve with an array of strings");
    }
    return [...numbers];
  }

  resizeWidget(size: WidgetSize): void {
    this.#send({ type: "RESIZE_WIDGET", data: assertShape("resizeWidget()", SIZE, size) as unknown as WidgetSize });
  }

  sendError(payload: ErrorPayload): void {
    this.#send({ type: "ERROR", data: assertShape("sendError()", { message: "text" }, payload) as unknown as ErrorPayload });
  }

  navigateToRecord(payload: NavigateToRecordPayload): void {
    const data = assertShape("navigateToRecord()", NAVIGATE, payload) as unknown as NavigateToRecordPayload;
    this.#send({ type: "NAVIGATE_TO_RECORD", data });
  }

  setWidgetUrl(payload: SetWidgetUrlPayload): void {
    this.#send({ type: "SET_WIDGET_URL", data: assertShape("setWidgetUrl()", { iFrameUrl: "url" }, payload) as unknown as SetWidgetUrlPayload });
  }

  sendCallData(data: Record<string, unknown>): void {
    this.#send({ type: "CALL_DATA", data: assertShape("sendCallData()", { data: "rec" }, { data }).data as Record<string, unknown> });
  }

  // ---- events ----------------------------------------------------------

  on<K extends CallingEventType>(type: K, listener: CallingEventListener<K>): () => void {
    if (typeof listener !== "function") throw new TypeError(`on("${String(type)}") needs a function`);
    const wrapped = (payload: CallingEvents[K]) =>
      safely(() => listener(payload), (error) => type !== "warning" && this.#listenerError(error));
    return this.#emitter.on(type, wrapped);
  }

  #emit<K extends CallingEventType>(type: K, payload: CallingEvents[K]): void {
    this.#emitter.emit(type, payload);
  }

  #warn(code: WarningCode, message: string): void {
    this.#notify({ type: "warning", code, message });
  }

  #listenerError(error: unknown): void {
    this.#logger.error("A listener threw", error);
    this.#emit("warning", { code: "listenerError", message: `A listener threw: ${String(error)}` });
  }

  #notify(notice: Notice): void {
    const { type, callId, ...rest } = notice as Notice & { callId?: string };
    if (type === "ready") {
      // INITIALIZED goes out first, so "ready" listeners may call logIn() at once.
      const init = this.#options.initialize ?? {};
      if (init !== false) this.#dispatch({ type: "initialize", ...init, isLoggedIn: init.isLoggedIn ?? false });
      this.#logger.info("Connected to HubSpot", this.#snapshot.session.host);
    }
    const payload: Record<string, unknown> = callId ? { ...rest, call: this.#handleFor(callId) } : rest;
    if (type === "callEnded") payload.error = (callId && this.#errors.get(callId)) ?? null;
    if (notice.type === "engagementCreateFailed") {
      payload.error = new HostRequestError("CREATE_ENGAGEMENT_FAILED", notice.error.message || undefined);
    }
    if (notice.type === "callerIdMatched") {
      payload.error = notice.error && new HostRequestError("CALLER_ID_MATCH_FAILED", notice.error.message || undefined);
    }
    if (notice.type === "warning") this.#logger.warn(this.#redact(notice.message));
    this.#emit(type, payload as never);
    if (type === "ready") this.#writer.start();
  }

  // ---- effects ---------------------------------------------------------

  #perform(effect: Effect): void {
    switch (effect.type) {
      case "send":
        return this.#send(effect.message);
      case "emit":
        return this.#notify(effect.notice);
      case "write":
        return void this.#writes.set(effect.callId, quiet(this.#writer.write(effect.callId)));
      case "provider": {
        const work = this.#bridge.perform(effect);
        if (work) this.#work?.push(quiet(work));
        return;
      }
      case "reject":
        return;
    }
  }

  /** Logs every message in and out; redacting costs a copy, so only when debug is on. */
  #debug(arrow: "→" | "←", message: InboundMessage | OutboundMessage): void {
    if (!isSilent(this.#logger.debug)) this.#logger.debug(`${arrow} ${message.type}`, this.#redact(message.data));
  }

  #send(message: OutboundMessage): void {
    if (this.#destroyed) throw this.#destroyed;
    this.#debug("→", message);
    this.#transport.send(message);
  }

  #nextHostMessage: HostChannel["next"] = (types, opts = {}) => {
    let found: InboundMessage | undefined;
    return awaitable<never>(
      `HubSpot's ${types.join(" or ")}`,
      () => (this.#destroyed ? { error: this.#destroyed } : found ? { value: found as never } : undefined),
      (recheck) => {
        const waiter = (message?: InboundMessage) => {
          const wanted = message && (types as readonly string[]).includes(message.type);
          if (wanted && !found && (!opts.match || opts.match(message as never))) found = message;
          recheck();
        };
        this.#hostWaiters.add(waiter);
        return () => void this.#hostWaiters.delete(waiter);
      },
      opts,
      this.#clock,
    );
  };

  #receive(message: InboundMessage): void {
    this.#debug("←", message);
    this.#emit("hostMessage", { message });
    for (const waiter of [...this.#hostWaiters]) waiter(message);
    const event = hostEvent(message, this.#clock.now());
    if (event) {
      this.#dispatch(event);
    } else if (message.type === "ERROR") {
      this.#warn("unexpectedHostMessage", `HubSpot sent ERROR ${this.#redact(JSON.stringify(message.data)).slice(0, 200)}`);
    } else if (message.type.endsWith("_FAILED") && !ANSWERED_ELSEWHERE.has(message.type)) {
      const data = message.data as { error?: { message?: string } };
      this.#emit("hostError", { error: new HostRequestError(message.type as HostFailureCode, data.error?.message) });
    }
  }
}

/** Runs a provider operation that may be sync or async, or throw, as a promise. */
function attempt<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error);
  }
}

/** What the provider threw, as a `ProviderError` (a `CallingError` it threw is kept). */
function toProviderError(error: unknown, verb: string): CallingError {
  if (isCallingError(error)) return error;
  const detail = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  return new ProviderError(`The telephony provider failed to ${verb}${detail ? `: ${detail}` : ""}`, { cause: error });
}

/** Calls `fn`; reports (never rethrows) what it throws. */
function safely(fn: () => unknown, onError?: (error: unknown) => unknown): void {
  try {
    const result = fn();
    if (result instanceof Promise) result.catch((error: unknown) => onError?.(error));
  } catch (error) {
    onError?.(error);
  }
}

/**
 * Creates a calling client. In a browser it starts listening for HubSpot at
 * once (see `autoStart`); importing or creating it during SSR touches no
 * browser global and loads no SDK.
 *
 * @example
 * ```ts
 * import { createCallingClient, HUBSPOT_ORIGINS } from "hubspot-calling-kit";
 *
 * const client = createCallingClient({
 *   provider: myTelephonyProvider,
 *   allowedOrigins: HUBSPOT_ORIGINS,
 * });
 * const host = await client.ready({ timeout: 30_000 });
 * console.log(`Connected to portal ${host.portalId}`);
 * ```
 */
export function createCallingClient(options: CallingClientOptions): CallingClient {
  return new Client(options);
}
