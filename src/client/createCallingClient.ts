import { buildEngagementProperties, isHttpsUrl } from "../engagements/engagementProperties";
import type {
  EngagementWriter,
  EngagementWriterEvent,
  HostChannel,
} from "../engagements/engagementWriter";
import { hostWriter } from "../engagements/hostWriter";
import { CallingError, toCallingError } from "../errors/callingError";
import { HostRequestError, type HostFailureCode } from "../errors/hostRequestError";
import { InvalidStateError } from "../errors/invalidStateError";
import { ProviderError } from "../errors/providerError";
import type { AbortOptions } from "../internal/abortOptions";
import { awaitable, quiet } from "../internal/awaitable";
import { type Clock, systemClock } from "../internal/clock";
import { createEmitter } from "../internal/emitter";
import { type Logger, silentLogger } from "../logging/logger";
import { redactPhoneNumbers } from "../logging/redactPhoneNumbers";
import type { Effect, Notice } from "../machine/effect";
import type { MachineEvent } from "../machine/machineEvent";
import { type CallingSnapshot, initialSnapshot, isCallActive } from "../machine/snapshot";
import { transition } from "../machine/transition";
import type { IncomingProviderCall, ProviderCall, TelephonyProvider } from "../providers/telephonyProvider";
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
import { assertShape, INVALID, isObject, type Shape, toId } from "../sdk/validate";
import type { Call, CompleteResult } from "./call";
import { CallHandle, type CallOwner } from "./callHandle";
import type { CallingEventListener, CallingEvents, CallingEventType } from "./callingEvents";
import type { CallingClientOptions, DialOptions, InitializeOptions } from "./options";
import { parseProviderEvent } from "./providerEvents";
import { toCallRecord } from "./toCallRecord";

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
  /** Stops listening, hangs up a live call, rejects everything pending with `DESTROYED`. */
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

type ProviderEntry = { controller: AbortController; call?: ProviderCall; unsubscribe?: () => void };

class Client implements CallingClient, CallOwner {
  readonly clock: Clock;
  readonly host: HostChannel;
  #provider: TelephonyProvider;
  #writer: EngagementWriter;
  #transport: HostTransport;
  #logger: Logger;
  #redact: <T>(value: T) => T;
  #generateId: () => string;
  #options: CallingClientOptions;
  #snapshot = initialSnapshot();
  #subscribers = new Set<() => void>();
  #watchers = new Set<() => void>();
  #hostWaiters = new Set<(message?: InboundMessage) => void>();
  #emitter = createEmitter<CallingEvents>();
  #handle: CallHandle | null = null;
  #providerCalls = new Map<string, ProviderEntry>();
  #errors = new Map<string, CallingError>();
  #writes = new Map<string, Promise<CompleteResult>>();
  #lifetime = new AbortController();
  #started: Promise<void> | undefined;
  #startError: CallingError | undefined;
  #destroyed: CallingError | null = null;
  #cleanups: (() => void)[] = [];

  constructor(options: CallingClientOptions) {
    assertShape("createCallingClient() options", { provider: hasMethod("dial"), "writer?": hasMethod("write") }, options);
    this.#options = options;
    this.#provider = options.provider;
    this.#writer = options.writer ?? hostWriter();
    this.#transport = options.transport ?? createSdkTransport({ allowedOrigins: options.allowedOrigins });
    this.#logger = options.logger ?? silentLogger;
    this.#redact = options.logPhoneNumbers ? (value) => value : redactPhoneNumbers;
    this.#generateId = options.generateId ?? (() => crypto.randomUUID());
    this.clock = options.clock ?? systemClock;
    this.subscribe = this.subscribe.bind(this);
    this.getSnapshot = this.getSnapshot.bind(this);
    this.host = {
      send: (message) => this.#send(message),
      next: (types, opts = {}) => {
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
            return () => this.#hostWaiters.delete(waiter);
          },
          opts,
          this.clock,
        );
      },
    };
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
    const incoming = this.#provider.onIncoming?.((event) => this.#onIncoming(event));
    if (incoming) this.#cleanups.push(incoming);
    const writerEvents = this.#writer.subscribe?.((event) => this.#onWriterEvent(event));
    if (writerEvents) this.#cleanups.push(writerEvents);
    await this.#transport.start({
      receive: (message) => this.#receive(message),
      protocolError: (error) => {
        this.#logger.warn(error.message, this.#redact(error.raw));
        this.#emit("protocolError", { error });
      },
      securityWarning: (warning) => {
        this.#logger.warn(`Dropped a message (${warning.reason}) from ${warning.origin}`);
        this.#emit("securityWarning", warning);
      },
    });
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = new CallingError("DESTROYED", "The calling client was destroyed");
    this.#lifetime.abort(this.#destroyed);
    for (const cleanup of this.#cleanups.splice(0)) safely(cleanup);
    const live = isCallActive(this.#snapshot.call);
    for (const entry of this.#providerCalls.values()) {
      entry.controller.abort();
      entry.unsubscribe?.();
      if (live && entry.call) void safely(() => entry.call?.hangUp());
    }
    this.#providerCalls.clear();
    safely(() => this.#transport.stop());
    this.#recheck();
    this.#emitter.clear();
    this.#subscribers.clear();
  }

  destroyedError(): CallingError | null {
    return this.#destroyed;
  }

  // ---- state -----------------------------------------------------------

  subscribe(listener: () => void): () => void {
    this.#subscribers.add(listener);
    return () => void this.#subscribers.delete(listener);
  }

  getSnapshot(): CallingSnapshot {
    return this.#snapshot;
  }

  watch(recheck: () => void): () => void {
    this.#watchers.add(recheck);
    return () => void this.#watchers.delete(recheck);
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
    if (call?.id === callId) {
      this.#handle ??= new CallHandle(this, call);
      return this.#handle;
    }
    throw new CallingError("INVALID_STATE", `Call ${callId} is not the current call`);
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
      (recheck) => this.watch(recheck),
      options,
      this.clock,
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
    const callId = this.#generateId();
    this.#command({
      type: "dial",
      callId,
      toNumber: options.toNumber,
      fromNumber: options.fromNumber,
      createEngagement: options.createEngagement ?? this.#options.createEngagement ?? true,
      at: this.clock.now(),
    });
    return this.#handleFor(callId);
  }

  async command(callId: string, event: MachineEvent, feature?: "answer" | "mute" | "hold"): Promise<void> {
    const entry = this.#providerCalls.get(callId);
    if (feature && entry?.call && typeof entry.call[feature] !== "function") {
      throw new CallingError("NOT_SUPPORTED", `The telephony provider does not support ${feature}()`);
    }
    const before = this.#snapshot.call;
    this.#command(event);
    const pending = this.#pending.get(callId);
    this.#pending.delete(callId);
    if (!pending) return;
    try {
      await pending;
    } catch (error) {
      const failure = toCallingError(error, "PROVIDER_ERROR", `The telephony provider failed to ${event.type}`);
      // Keep the snapshot truthful: undo mute/hold, fail the call on answer.
      if (event.type === "mute" && before) this.#dispatch({ type: "mute", muted: before.muted });
      if (event.type === "hold" && before) this.#dispatch({ type: "hold", held: before.status === "onHold" });
      if (event.type === "answer") this.#providerFailed(callId, failure);
      throw failure;
    }
  }

  // The provider work started by the last command, for command() to await.
  #pending = new Map<string, Promise<void>>();

  async sendDigits(callId: string, digits: string): Promise<void> {
    const call = this.#snapshot.call;
    if (call?.id !== callId || (call.status !== "connected" && call.status !== "onHold")) {
      throw new InvalidStateError("sendDigits", call?.status ?? "idle", "sendDigits needs a connected call");
    }
    const provider = this.#providerCalls.get(callId)?.call;
    if (typeof provider?.sendDigits !== "function") {
      throw new CallingError("NOT_SUPPORTED", "The telephony provider does not support sendDigits()");
    }
    try {
      await provider.sendDigits(digits);
    } catch (error) {
      throw toCallingError(error, "PROVIDER_ERROR", "The telephony provider failed to send digits");
    }
  }

  async listCallerNumbers(options: AbortOptions = {}): Promise<string[]> {
    if (!this.#provider.listCallerNumbers) {
      throw new CallingError("NOT_SUPPORTED", "The telephony provider does not list caller numbers");
    }
    const numbers = await this.#provider.listCallerNumbers(options);
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

  #listenerError(error: unknown): void {
    this.#logger.error("A listener threw", error);
    this.#emit("warning", { code: "listenerError", message: `A listener threw: ${String(error)}` });
  }

  #notify(notice: Notice): void {
    const { type, callId, ...rest } = notice as Notice & { callId?: string };
    const payload: Record<string, unknown> = callId ? { ...rest, call: this.#handleFor(callId) } : rest;
    if (type === "callEnded") payload.error = (callId && this.#errors.get(callId)) ?? null;
    if (notice.type === "engagementCreateFailed") {
      payload.error = new HostRequestError("CREATE_ENGAGEMENT_FAILED", notice.error.message || undefined);
    }
    if (notice.type === "warning") this.#logger.warn(notice.message);
    this.#emit(type, payload as never);
    if (type === "ready") {
      this.#logger.info("Connected to HubSpot", this.#snapshot.session.host);
      const init = this.#options.initialize ?? {};
      if (init !== false) this.#dispatch({ type: "initialize", ...init, isLoggedIn: init.isLoggedIn ?? false });
      this.#writer.start?.({ host: this.host, signal: this.#lifetime.signal });
    }
  }

  // ---- effects ---------------------------------------------------------

  #perform(effect: Effect): void {
    switch (effect.type) {
      case "send":
        return this.#send(effect.message);
      case "emit":
        return this.#notify(effect.notice);
      case "write":
        return void this.#writes.set(effect.callId, quiet(this.#write(effect.callId)));
      case "provider":
        return this.#providerEffect(effect);
      case "reject":
        return;
    }
  }

  #send(message: OutboundMessage): void {
    this.#logger.debug(`→ ${message.type}`, this.#redact(message.data));
    this.#transport.send(message);
  }

  #receive(message: InboundMessage): void {
    this.#logger.debug(`← ${message.type}`, this.#redact(message.data));
    this.#emit("hostMessage", { message });
    for (const waiter of [...this.#hostWaiters]) waiter(message);
    const at = this.clock.now();
    switch (message.type) {
      case "SYNC":
        return void this.#dispatch({ type: "hostSynced", host: message.data });
      case "DIAL_NUMBER":
        return void this.#dispatch({ type: "hostDialNumber", payload: message.data, at });
      case "ENGAGEMENT_CREATED":
      case "CREATE_ENGAGEMENT_SUCCEEDED":
        return void this.#dispatch({ type: "hostEngagementCreated", ...message.data });
      case "CREATE_ENGAGEMENT_FAILED":
        return void this.#dispatch({
          type: "hostEngagementCreateFailed",
          message: message.data.error?.message,
          externalCallId: message.data.externalCallId,
        });
      case "END_CALL":
        return void this.#dispatch({ type: "hostEndCall", at });
      case "VISIBILITY_CHANGED":
        return void this.#dispatch({ type: "hostVisibilityChanged", ...message.data });
      case "CALLER_ID_MATCH_SUCCEEDED":
        return void this.#dispatch({
          type: "hostCallerIdMatched",
          matches: message.data.callerIdMatches,
          externalCallId: message.data.externalCallId,
        });
      case "ERROR":
        return this.#notify({
          type: "warning",
          code: "unexpectedHostMessage",
          message: `HubSpot sent ERROR ${JSON.stringify(message.data).slice(0, 200)}`,
        });
      default:
        if (message.type.endsWith("_FAILED")) {
          const data = message.data as { error?: { message?: string } };
          this.#emit("hostError", { error: new HostRequestError(message.type as HostFailureCode, data.error?.message) });
        }
    }
  }

  #providerEffect(effect: Extract<Effect, { type: "provider" }>): void {
    const { callId } = effect;
    if (effect.action === "dial") return void this.#dialProvider(callId);
    const entry = this.#providerCalls.get(callId);
    const call = entry?.call;
    let work: Promise<void> | undefined;
    switch (effect.action) {
      case "hangUp":
      case "reject":
        entry?.controller.abort(); // a dial still in flight hangs up when it resolves
        if (call) work = attempt(() => (effect.action === "reject" ? (call.reject ?? call.hangUp).call(call) : call.hangUp()));
        this.#release(callId);
        break;
      case "answer":
        if (call?.answer) work = attempt(() => call.answer?.());
        break;
      case "mute":
        if (call?.mute) work = attempt(() => call.mute?.(effect.muted));
        break;
      case "hold":
        if (call?.hold) work = attempt(() => call.hold?.(effect.held));
        break;
    }
    if (work) {
      this.#pending.set(callId, quiet(work));
      work.catch((error: unknown) => this.#logger.error(`Provider ${effect.action}() failed`, error));
    }
  }

  async #dialProvider(callId: string): Promise<void> {
    const snapshot = this.#snapshot.call;
    if (!snapshot || snapshot.id !== callId) return;
    const entry: ProviderEntry = { controller: new AbortController() };
    this.#providerCalls.set(callId, entry);
    let call: ProviderCall;
    try {
      call = await this.#provider.dial({
        to: snapshot.toNumber,
        ...(snapshot.fromNumber ? { from: snapshot.fromNumber } : {}),
        externalCallId: callId,
        signal: entry.controller.signal,
      });
      if (typeof call?.subscribe !== "function" || typeof call.hangUp !== "function") {
        throw new ProviderError("provider.dial() must resolve with a ProviderCall (subscribe and hangUp)");
      }
    } catch (error) {
      this.#providerCalls.delete(callId);
      if (!entry.controller.signal.aborted) this.#providerFailed(callId, toCallingError(error, "PROVIDER_ERROR", "The call could not be placed"));
      return;
    }
    if (entry.controller.signal.aborted || this.#providerCalls.get(callId) !== entry) {
      // Hung up (or destroyed) while dialing: end the provider's call too.
      void attempt(() => call.hangUp()).catch((error: unknown) => this.#logger.error("Provider hangUp() failed", error));
      return;
    }
    entry.call = call;
    entry.unsubscribe = call.subscribe((event) => this.#onProviderEvent(callId, event));
  }

  #onIncoming(incoming: IncomingProviderCall): void {
    const call = incoming?.call;
    if (typeof call?.subscribe !== "function" || typeof call.hangUp !== "function" || typeof incoming.from !== "string" || typeof incoming.to !== "string") {
      return this.#notify({ type: "warning", code: "unexpectedProviderEvent", message: "The provider reported an incoming call without a ProviderCall, from and to" });
    }
    const callId = this.#generateId();
    const entry: ProviderEntry = { controller: new AbortController(), call };
    this.#providerCalls.set(callId, entry);
    entry.unsubscribe = call.subscribe((event) => this.#onProviderEvent(callId, event));
    this.#dispatch({
      type: "providerIncoming",
      callId,
      from: incoming.from,
      to: incoming.to,
      createEngagement: this.#options.createEngagement ?? true,
      at: this.clock.now(),
    });
  }

  #onProviderEvent(callId: string, raw: unknown): void {
    const event = parseProviderEvent(raw);
    const at = this.clock.now();
    if (!event) {
      return this.#notify({ type: "warning", code: "unexpectedProviderEvent", message: `Unusable provider event ${safeJson(raw)}` });
    }
    switch (event.type) {
      case "ringing":
        return void this.#dispatch({ type: "providerRinging", callId });
      case "answered":
        return void this.#dispatch({ type: "providerAnswered", callId, at });
      case "ended":
        this.#release(callId);
        return void this.#dispatch({ type: "providerEnded", callId, reason: event.reason, at });
      case "failed":
        this.#release(callId);
        return this.#providerFailed(callId, toCallingError(event.error, "PROVIDER_ERROR", "The call failed"));
    }
  }

  #providerFailed(callId: string, error: CallingError): void {
    const failure = error.code === "PROVIDER_ERROR" ? error : new ProviderError(error.message, { cause: error });
    if (this.#snapshot.call?.id === callId && isCallActive(this.#snapshot.call)) this.#errors.set(callId, failure);
    this.#release(callId);
    this.#dispatch({ type: "providerFailed", callId, error: { code: failure.code, message: failure.message }, at: this.clock.now() });
  }

  #release(callId: string): void {
    this.#providerCalls.get(callId)?.unsubscribe?.();
    this.#providerCalls.delete(callId);
  }

  // ---- logging the call --------------------------------------------------

  writeOf(callId: string): Promise<CompleteResult> | undefined {
    return this.#writes.get(callId);
  }

  errorOf(callId: string): CallingError | null {
    return this.#errors.get(callId) ?? null;
  }

  #attempts = new Map<string, number>();

  async #write(callId: string): Promise<CompleteResult> {
    const current = () => (this.#snapshot.call?.id === callId ? this.#snapshot.call : null);
    const pendingId = current();
    if (pendingId?.createEngagement && pendingId.engagement.id === null && pendingId.engagement.error === null) {
      // HubSpot's id may still be on its way; wait a bounded time for it.
      await awaitable(
        "HubSpot's engagement id",
        () => {
          const call = current();
          return !call || call.engagement.id !== null || call.engagement.error !== null || this.#destroyed ? { value: undefined } : undefined;
        },
        (recheck) => this.watch(recheck),
        { timeout: this.#options.engagementIdTimeout ?? 10_000 },
        this.clock,
      ).catch(() => undefined);
    }
    const call = current();
    if (this.#destroyed) throw this.#destroyed;
    if (!call) throw new CallingError("INVALID_STATE", "The call was replaced before it was logged");
    const record = toCallRecord(call, this.#snapshot.session.host, this.clock.now());
    const details = call.details ?? {};
    if (details.recordingUrl !== undefined && !isHttpsUrl(details.recordingUrl)) {
      this.#notify({ type: "warning", code: "recordingUrlNotHttps", message: "recordingUrl left out: HubSpot only accepts https recording URLs" });
    }
    const properties = buildEngagementProperties(record, details.properties);
    const attempt = (this.#attempts.get(callId) ?? 0) + 1;
    this.#attempts.set(callId, attempt);
    const reports = !this.#writer.subscribe;
    try {
      const result = await this.#writer.write({
        call: record,
        engagementId: record.engagementId,
        properties,
        signal: this.#lifetime.signal,
        host: this.host,
        ...(details.hideWidget === undefined ? {} : { hideWidget: details.hideWidget }),
      });
      const engagementId = toId(isObject(result) ? result.engagementId : undefined);
      const queued = isObject(result) && result.queued === true;
      this.#attempts.delete(callId);
      this.#dispatch({ type: "writeSucceeded", callId, engagementId, queued });
      if (reports && !queued) this.#emit("engagementWritten", { call: record, engagementId: engagementId ?? record.engagementId, attempt });
      return { engagementId: current()?.engagement.id ?? engagementId ?? undefined, queued };
    } catch (thrown) {
      const error = toCallingError(thrown, "WRITER_ERROR", "Logging the call failed");
      this.#logger.error(error.message, error);
      this.#dispatch({ type: "writeFailed", callId, error: { code: error.code, message: error.message }, final: true });
      if (reports) this.#emit("engagementWriteFailed", { call: record, error, attempt, willRetry: false });
      throw error;
    }
  }

  #onWriterEvent(event: EngagementWriterEvent): void {
    const callId = isObject(event?.call) ? event.call.externalCallId : undefined;
    if (typeof callId !== "string") return;
    if (event.type === "written") {
      this.#dispatch({ type: "writeDelivered", callId, engagementId: toId(event.engagementId) });
      this.#emit("engagementWritten", { call: event.call, engagementId: toId(event.engagementId), attempt: event.attempt });
    } else if (event.type === "writeFailed") {
      const error = toCallingError(event.error, "WRITER_ERROR", "Logging the call failed");
      this.#dispatch({ type: "writeFailed", callId, error: { code: error.code, message: error.message }, final: !event.willRetry });
      this.#emit("engagementWriteFailed", { call: event.call, error, attempt: event.attempt, willRetry: event.willRetry });
    }
  }
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

/** Runs a provider operation that may be sync or async, as a promise. */
function attempt(fn: () => unknown): Promise<void> {
  try {
    return Promise.resolve(fn()).then(() => undefined);
  } catch (error) {
    return Promise.reject(error);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 200) ?? String(value);
  } catch {
    return String(value);
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
