import { hostWriter } from "../engagements/hostWriter";
import { CallingError, toCallingError } from "../errors/callingError";
import { InvalidStateError } from "../errors/invalidStateError";
import type { AbortOptions } from "../internal/abortOptions";
import { awaitable, quiet } from "../internal/awaitable";
import { finalizeEngagement } from "../internal/askHost";
import { safely } from "../internal/safely";
import { type Clock, systemClock } from "../internal/clock";
import { isSilent, type Logger, silentLogger } from "../logging/logger";
import { redactPhoneNumbers } from "../logging/redactPhoneNumbers";
import type { Effect, Notice, WarningCode } from "../machine/effect";
import type { MachineEvent } from "../machine/machineEvent";
import { type CallingSnapshot, initialSnapshot, isCallActive } from "../machine/snapshot";
import { type TransitionResult, transition } from "../machine/transition";
import { createSdkTransport } from "../sdk/createSdkTransport";
import type { HostTransport } from "../sdk/hostTransport";
import type { ErrorPayload, HostContext, InboundMessage, NavigateToRecordPayload, OutboundMessage, SetWidgetUrlPayload, WidgetSize } from "../sdk/messages";
import { assertShape } from "../sdk/validate";
import type { Call, CompleteResult } from "./call";
import { CallHandle, type CallOwner } from "./callHandle";
import type { CallingClient } from "./callingClient";
import type { CallingEventListener, CallingEvents, CallingEventType } from "./callingEvents";
import { CallWriter, type WriterOwner } from "./callWriter";
import { eventPayload } from "./eventPayload";
import { hostEvent, hostFailure } from "./hostEvent";
import type { CallingClientOptions, DialOptions, InitializeOptions } from "./options";
import { type BridgeOwner, ProviderBridge } from "./providerBridge";
import { listCallerNumbers } from "./providerWork";
import { CallCommands, type CommandRunner } from "./callCommands";
import { HostInbox } from "./hostInbox";
import { Listeners } from "./listeners";
import { transportSink } from "./transportSink";
import { assertClientOptions } from "./validateOptions";
import { callDataMessage, errorMessage, INITIALIZE, navigateMessage, resizeMessage, widgetUrlMessage } from "./widgetMessages";

/**
 * The calling client behind {@link createCallingClient}: it owns the machine's
 * snapshot, performs its effects through the transport, the provider bridge
 * and the call writer, and hands out call handles. @internal
 */
export class Client implements CallingClient {
  #options: CallingClientOptions;
  #clock: Clock;
  #owner: CallOwner & BridgeOwner & WriterOwner & CommandRunner;
  #bridge: ProviderBridge;
  #writer: CallWriter;
  #transport: HostTransport;
  #logger: Logger;
  #redact: <T>(value: T) => T;
  #snapshot = initialSnapshot();
  #listeners = new Listeners((error) => this.#listenerError(error));
  #watchers = new Set<() => void>();
  #inbox: HostInbox;
  #handle: CallHandle | null = null;
  #errors = new Map<string, CallingError>();
  #writes = new Map<string, Promise<CompleteResult>>();
  // Provider work started by the command being run, for it to await.
  #work: Promise<void>[] | null = null;
  #commands: CallCommands;
  #lifetime = new AbortController();
  #started: Promise<void> | undefined;
  #startError: CallingError | undefined;
  #destroyed: CallingError | null = null;
  #cleanups: (() => void)[] = [];
  #adopt: ((snapshot: CallingSnapshot, at: number) => TransitionResult) | undefined;

  constructor(options: CallingClientOptions, adopt?: (snapshot: CallingSnapshot, at: number) => TransitionResult) {
    this.#adopt = adopt;
    assertClientOptions(options);
    this.#options = options;
    this.#transport = options.transport ?? createSdkTransport({ allowedOrigins: options.allowedOrigins });
    this.#logger = options.logger ?? silentLogger;
    this.#redact = options.logPhoneNumbers ? (value) => value : redactPhoneNumbers;
    this.#clock = options.clock ?? systemClock;
    this.#inbox = new HostInbox(this.#clock, () => this.#destroyed);
    this.subscribe = this.subscribe.bind(this);
    this.getSnapshot = this.getSnapshot.bind(this);
    // One view of the client for its parts (call handles, the provider bridge, the call writer, the call commands).
    this.#owner = {
      clock: this.#clock,
      host: { send: (message) => this.#send(message), next: (types, opts) => this.#inbox.next(types, opts) },
      signal: this.#lifetime.signal,
      engagementIdTimeout: options.engagementIdTimeout ?? 10_000,
      snapshot: () => this.#snapshot,
      watch: (recheck) => {
        this.#watchers.add(recheck);
        return () => void this.#watchers.delete(recheck);
      },
      dispatch: (event) => void this.#dispatch(event),
      run: (event) => this.#commandWithWork(event),
      emit: (type, payload) => this.#emit(type, payload),
      warn: (code, message) => this.#warn(code, message),
      logError: (message, error) => this.#logger.error(message, error),
      command: (callId, event, feature, opts) => this.#commands.run(callId, event, feature, opts),
      sendDigits: (callId, digits, opts) => this.#commands.sendDigits(callId, digits, opts),
      finalize: (callId, engagementId, opts) => finalizeEngagement(this.#owner.host, callId, engagementId, opts),
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
    this.#commands = new CallCommands(this.#owner, this.#bridge);
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
    await this.#transport.start(
      transportSink({
        logger: this.#logger,
        redact: this.#redact,
        warn: (code, message) => this.#warn(code, message),
        emit: (type, payload) => this.#emit(type, payload),
        receive: (message) => this.#receive(message),
      }),
    );
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
    this.#listeners.clear();
  }

  // ---- state -----------------------------------------------------------

  subscribe(listener: () => void): () => void {
    return this.#listeners.subscribe(listener);
  }

  getSnapshot(): CallingSnapshot {
    return this.#snapshot;
  }

  #recheck(): void {
    for (const recheck of [...this.#watchers]) recheck();
    this.#inbox.recheck();
  }

  #dispatch(event: MachineEvent): readonly Effect[] {
    return this.#apply(transition(this.#snapshot, event));
  }

  /** Takes a transition's next snapshot and performs its effects. */
  #apply([next, effects]: TransitionResult): readonly Effect[] {
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
      this.#listeners.changed();
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

  /** Runs a user command and returns the provider work it started, for the command to await. */
  #commandWithWork(event: MachineEvent): Promise<void>[] {
    this.#work = [];
    try {
      this.#command(event);
      return this.#work;
    } finally {
      this.#work = null;
    }
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

  listCallerNumbers(options: AbortOptions = {}): Promise<string[]> {
    return listCallerNumbers(this.#options.provider, options, this.#clock);
  }

  resizeWidget(size: WidgetSize): void {
    this.#send(resizeMessage(size));
  }

  sendError(payload: ErrorPayload): void {
    this.#send(errorMessage(payload));
  }

  navigateToRecord(payload: NavigateToRecordPayload): void {
    this.#send(navigateMessage(payload));
  }

  setWidgetUrl(payload: SetWidgetUrlPayload): void {
    this.#send(widgetUrlMessage(payload));
  }

  sendCallData(data: Record<string, unknown>): void {
    this.#send(callDataMessage(data));
  }

  // ---- events ----------------------------------------------------------

  on<K extends CallingEventType>(type: K, listener: CallingEventListener<K>): () => void {
    return this.#listeners.on(type, listener);
  }

  #emit<K extends CallingEventType>(type: K, payload: CallingEvents[K]): void {
    this.#listeners.emit(type, payload);
  }

  #warn(code: WarningCode, message: string): void {
    this.#notify({ type: "warning", code, message });
  }

  #listenerError(error: unknown): void {
    this.#logger.error("A listener threw", error);
    this.#emit("warning", { code: "listenerError", message: `A listener threw: ${String(error)}` });
  }

  #notify(notice: Notice): void {
    if (notice.type === "ready") {
      // INITIALIZED goes out first, so "ready" listeners may call logIn() at once.
      const init = this.#options.initialize ?? {};
      if (init !== false) this.#dispatch({ type: "initialize", ...init, isLoggedIn: init.isLoggedIn ?? false });
      this.#logger.info("Connected to HubSpot", this.#snapshot.session.host);
      // An owner taking over from one that went away (coordinateSurfaces()).
      if (this.#adopt) this.#apply(this.#adopt(this.#snapshot, this.#clock.now()));
    }
    if (notice.type === "warning") this.#logger.warn(this.#redact(notice.message));
    const { type, payload } = eventPayload(notice, (id) => this.#handleFor(id), (id) => this.#errors.get(id) ?? null);
    this.#emit(type, payload);
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

  #receive(message: InboundMessage): void {
    this.#debug("←", message);
    this.#emit("hostMessage", { message });
    this.#inbox.deliver(message);
    const event = hostEvent(message, this.#clock.now());
    if (event) {
      this.#dispatch(event);
    } else if (message.type === "ERROR") {
      this.#warn("unexpectedHostMessage", `HubSpot sent ERROR ${this.#redact(JSON.stringify(message.data)).slice(0, 200)}`);
    } else {
      const error = hostFailure(message);
      if (error) this.#emit("hostError", { error });
    }
  }
}
