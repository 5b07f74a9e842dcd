import type { Call } from "../client/call";
import type { CallingClient } from "../client/callingClient";
import type { CallingEventListener, CallingEvents, CallingEventType } from "../client/callingEvents";
import { createAdoptingClient, createCallingClient } from "../client/createCallingClient";
import { eventPayload } from "../client/eventPayload";
import { Listeners } from "../client/listeners";
import type { CallingClientOptions, DialOptions, InitializeOptions } from "../client/options";
import { transportSink } from "../client/transportSink";
import { assertClientOptions } from "../client/validateOptions";
import { callDataMessage, errorMessage, navigateMessage, resizeMessage, widgetUrlMessage } from "../client/widgetMessages";
import { CallingError } from "../errors/callingError";
import { InvalidStateError } from "../errors/invalidStateError";
import { ProtocolError } from "../errors/protocolError";
import { ValidationError } from "../errors/validationError";
import type { AbortOptions } from "../internal/abortOptions";
import { awaitable, quiet } from "../internal/awaitable";
import { type Clock, systemClock } from "../internal/clock";
import { safely } from "../internal/safely";
import { type Logger, silentLogger } from "../logging/logger";
import { redactPhoneNumbers } from "../logging/redactPhoneNumbers";
import type { WarningCode } from "../machine/effect";
import { type CallingSnapshot, initialSnapshot, isCallActive } from "../machine/snapshot";
import type { SurfaceSnapshot } from "../machine/surfaceSnapshot";
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
import type { ResolvedSurfaceOptions, SurfaceChannel } from "./coordinateSurfaces";
import { EVENT_ROUTES, type RelayedEventType, toWireEvent } from "./eventRelay";
import { MirrorEngine, SWITCHED } from "./mirrorEngine";
import { OwnerHub } from "./ownerHub";
import { ChannelOwnership, LockOwnership, type Ownership, usableLocks } from "./ownership";
import { RelayTransport } from "./relayTransport";
import { SnapshotStore, type StoredState } from "./snapshotStore";
import { adoptTransition } from "./adoptTransition";
import { type ClientCommand, parseSurfaceMessage, SURFACE_PROTOCOL, type SurfaceBody } from "./surfaceProtocol";

const EVENT_TYPES = /* @__PURE__ */ Object.keys(EVENT_ROUTES) as CallingEventType[];

/** The newer of two states (by `seq`). */
const freshest = (a: StoredState | null, b: StoredState | null): StoredState | null => (!a ? b : !b ? a : b.seq > a.seq ? b : a);
const PENDING: SurfaceSnapshot = /* @__PURE__ */ Object.freeze({ role: "pending", ownerPresent: false });
const OWNER: SurfaceSnapshot = /* @__PURE__ */ Object.freeze({ role: "owner", ownerPresent: true });

/**
 * The client `coordinateSurfaces()` creates: one `CallingClient` whatever
 * part this instance plays. Until SYNC it waits; then it runs the owner's
 * client (a real client on a relay of this surface's transport), or a
 * mirror of it, and switches when ownership moves. @internal
 */
export class SurfaceClient implements CallingClient {
  #options: CallingClientOptions;
  #s: ResolvedSurfaceOptions;
  #clock: Clock;
  #logger: Logger;
  #transport: HostTransport;
  #listeners = new Listeners((error) => this.#warn("listenerError", `A listener threw: ${String(error)}`));
  #watchers = new Set<() => void>();
  #id = crypto.randomUUID();
  #sync: InboundMessage | null = null;
  #host: HostContext | null = null;
  #account = { portalId: null as number | null, userId: null as number | null };
  #initialSeq = -1;
  #base: CallingSnapshot = initialSnapshot();
  #snapshot: CallingSnapshot = Object.freeze({ ...initialSnapshot(), surface: PENDING });
  #inner: CallingClient | null = null;
  #relay: RelayTransport | null = null;
  #hub: OwnerHub | null = null;
  #mirror: MirrorEngine | null = null;
  #channel: SurfaceChannel | null = null;
  #ownership: Ownership | null = null;
  #store: SnapshotStore | null = null;
  #eligible = false;
  #started: Promise<void> | undefined;
  #startError: CallingError | null = null;
  #destroyed: CallingError | null = null;
  #unloading = false;
  #opening: (() => void)[] | null = null;
  #initialized = false;
  #initTimer: unknown;
  #cleanups: (() => void)[] = [];

  constructor(options: CallingClientOptions, surfaces: ResolvedSurfaceOptions) {
    assertClientOptions(options);
    if (options.initialize === false) {
      throw new ValidationError("createCallingClient() options", [
        { path: "initialize", message: "false is not supported with surfaces: each instance initializes its own iframe" },
      ]);
    }
    this.#options = options;
    this.#s = surfaces;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? silentLogger;
    this.#transport = options.transport ?? createSdkTransport({ allowedOrigins: options.allowedOrigins });
    this.subscribe = this.subscribe.bind(this);
    this.getSnapshot = this.getSnapshot.bind(this);
    if (options.autoStart !== false && (options.transport || typeof window !== "undefined")) quiet(this.start());
  }

  // ---- lifecycle -------------------------------------------------------

  start(): Promise<void> {
    this.#started ??= (async () => {
      if (this.#destroyed) throw this.#destroyed;
      this.#cleanups.push(this.#s.onUnload(() => this.#unload()));
      await this.#transport.start(
        transportSink({
          logger: this.#logger,
          redact: this.#options.logPhoneNumbers ? (value) => value : redactPhoneNumbers,
          warn: (code, message) => this.#warn(code, message),
          emit: (type, payload) => this.#listeners.emit(type, payload),
          receive: (message) => this.#receive(message),
        }),
      );
    })().catch((error: unknown) => {
      this.#startError = error instanceof CallingError ? error : new CallingError("UNSUPPORTED_ENVIRONMENT", "Could not start the calling client", { cause: error });
      this.#recheck();
      throw this.#startError;
    });
    return this.#started;
  }

  destroy(): void {
    if (this.#destroyed) return;
    // The owner ends a live call the usual way first (provider, CALL_ENDED, the mirrors see it).
    safely(() => this.#inner?.destroy());
    this.#destroyed = new CallingError("DESTROYED", "The calling client was destroyed");
    this.#mirror?.destroy(this.#destroyed);
    this.#close();
    this.#clock.clearTimeout(this.#initTimer);
    safely(() => this.#transport.stop());
    this.#recheck();
    this.#listeners.clear();
  }

  /** The page is going away: hang up, tell HubSpot nothing, store nothing (the next owner reports what was lost). */
  #unload(): void {
    if (this.#destroyed || !this.#channel) return;
    this.#unloading = true;
    this.#relay?.mute();
    this.destroy();
  }

  #close(): void {
    this.#ownership?.stop();
    for (const cleanup of this.#cleanups.splice(0)) safely(cleanup);
    safely(() => this.#channel?.close());
  }

  // ---- state -------------------------------------------------------------

  subscribe(listener: () => void): () => void {
    return this.#listeners.subscribe(listener);
  }

  getSnapshot(): CallingSnapshot {
    return this.#snapshot;
  }

  on<K extends CallingEventType>(type: K, listener: CallingEventListener<K>): () => void {
    return this.#listeners.on(type, listener);
  }

  #setSnapshot(next: CallingSnapshot): void {
    if (next === this.#snapshot) return;
    const before = this.#snapshot.surface;
    this.#snapshot = next;
    this.#listeners.changed();
    this.#recheck();
    if (before.role !== next.surface.role || before.ownerPresent !== next.surface.ownerPresent) {
      this.#listeners.emit("surfaceChanged", { surface: next.surface });
    }
  }

  #recheck(): void {
    for (const recheck of [...this.#watchers]) recheck();
  }

  #warn(code: WarningCode, message: string): void {
    this.#logger.warn(message);
    this.#listeners.emit("warning", { code, message });
  }

  // ---- HubSpot -----------------------------------------------------------

  #receive(message: InboundMessage): void {
    if (message.type === "SYNC" && !this.#host) return this.#synced(message);
    if (this.#relay) return this.#relay.deliver(message);
    this.#listeners.emit("hostMessage", { message });
    if (message.type !== "SYNC") this.#mirror?.receive(message);
  }

  #send(message: OutboundMessage): void {
    if (this.#destroyed) throw this.#destroyed;
    this.#transport.send(message);
  }

  #synced(sync: InboundMessage & { type: "SYNC" }): void {
    this.#sync = sync;
    const host = (this.#host = Object.freeze({ ...sync.data }));
    const location = host.iframeLocation;
    const channelName = `${this.#s.name}:${host.portalId ?? "-"}:${host.userId ?? "-"}`;
    const channel = location === "remote" || location === "window" ? this.#s.channel(channelName) : null;
    if (!channel) {
      if (location === "remote" || location === "window") {
        this.#warn("listenerError", "This browser has no BroadcastChannel: the widget runs on its own here, without the other surfaces");
      }
      return this.#becomeOwner(null);
    }
    this.#account = { portalId: host.portalId ?? null, userId: host.userId ?? null };
    this.#channel = channel;
    channel.addEventListener("message", (event) => this.#fromChannel(event.data));
    this.#store = new SnapshotStore(this.#s.storage(), `${channelName}:last`, (message) => this.#logger.warn(message));
    this.#eligible = host.usesCallingWindow ? location === "window" : location === "remote";
    const stored = this.#store.read();
    this.#becomeMirror(stored);
    // Without a stored state, the owner's first answer says how the session is; wait a moment for it.
    if (stored) this.#initializeOnce(stored);
    else this.#initTimer = this.#clock.setTimeout(() => this.#initializeOnce(null), Math.min(300, this.#s.timings.claimWindow * 1.5));
    void this.#elect(channelName);
  }

  /**
   * Joins the election of the owner: on Web Locks where the browser lets the
   * iframe use them, else over the channel (third-party storage blocked).
   */
  async #elect(channelName: string): Promise<void> {
    const locks = this.#s.locks();
    const onError = (error: unknown) => {
      this.#logger.error("Taking over the calls failed", error);
      this.#warn("listenerError", `Taking over the calls failed: ${String(error)}`);
    };
    const useLocks = locks !== null && (await usableLocks(locks, channelName));
    if (this.#destroyed) return;
    this.#ownership = useLocks
      ? new LockOwnership(locks, `${channelName}:owner`, onError)
      : new ChannelOwnership({
          id: this.#id,
          post: (body) => this.#post(body),
          clock: this.#clock,
          timings: this.#s.timings,
          last: () => this.#lastKnown(),
          onError,
        });
    this.#mirror?.start();
    if (this.#eligible) this.#ownership.compete((collected) => this.#becomeOwner(freshest(this.#store?.read() ?? null, collected)));
    else this.#watchOwner();
  }

  /** The freshest state this surface knows: its own as owner, else the stored or mirrored one. */
  #lastKnown(): StoredState | null {
    if (this.#hub && this.#inner) return { seq: this.#hub.seq, snapshot: this.#inner.getSnapshot() };
    const last = this.#mirror?.last;
    return freshest(this.#store?.read() ?? null, last?.snapshot ? { seq: last.seq, snapshot: last.snapshot } : null);
  }

  /** INITIALIZED once, then `ready` (so that `ready` listeners may call `logIn()` at once, as on a plain client). */
  #initializeOnce(last: StoredState | null): void {
    if (this.#initialized || this.#destroyed) return;
    this.#initialized = true;
    this.#clock.clearTimeout(this.#initTimer);
    this.#initialSeq = last?.seq ?? -1;
    this.#initialize(last?.snapshot ?? null);
    this.#listeners.emit("ready", { host: this.#host as HostContext });
  }

  /**
   * INITIALIZED for this surface's own iframe. The session the owner keeps
   * (the user logged in on another surface, or before a reload) wins over
   * `initialize`, which is the default for the first instance only.
   */
  #initialize(last: CallingSnapshot | null): void {
    const init: InitializeOptions = this.#options.initialize || {};
    const session = last && (last.session.status === "loggedIn" || last.session.status === "loggedOut") ? last.session : null;
    const [synced] = transition(initialSnapshot(), { type: "hostSynced", host: this.#host as HostContext });
    const [initialized, effects] = transition(synced, {
      type: "initialize",
      isLoggedIn: session ? session.status === "loggedIn" : (init.isLoggedIn ?? false),
      isAvailable: session ? session.available : init.isAvailable,
      sizeInfo: init.sizeInfo,
    });
    this.#base = initialized;
    for (const effect of effects) if (effect.type === "send") this.#send(effect.message);
  }

  // ---- roles ---------------------------------------------------------------

  #becomeMirror(stored: StoredState | null): void {
    this.#mirror = new MirrorEngine(
      {
        clock: this.#clock,
        surfaceId: this.#id,
        ownerTimeout: this.#s.ownerTimeout,
        answerSlack: this.#s.answerSlack,
        host: this.#host as HostContext,
        generateId: () => crypto.randomUUID(),
        post: (body) => this.#post(body),
        emit: (type, payload) => this.#listeners.emit(type, payload),
        changed: () => this.#mirror && this.#setSnapshot(this.#mirror.snapshot),
        warn: (code, message) => this.#warn(code, message),
      },
      stored?.snapshot ?? null,
      this.#base.session.visibility,
    );
    this.#setSnapshot(this.#mirror.snapshot);
  }

  /** This surface holds calls now: `stored` is the last owner's state (null for a surface on its own). */
  #becomeOwner(stored: StoredState | null): void {
    if (this.#destroyed) return this.#ownership?.release();
    const coordinated = this.#channel !== null;
    const mirror = this.#mirror;
    const mirrored = mirror?.last;
    const best = freshest(stored, mirrored?.snapshot ? { seq: mirrored.seq, snapshot: mirrored.snapshot } : null);
    const seq = best?.seq ?? -1;
    let from: CallingSnapshot | undefined;
    if (coordinated) {
      this.#initializeOnce(best);
      // No owner changed the session since this iframe's INITIALIZED: what it told HubSpot stands.
      const session = !best || best.seq <= this.#initialSeq ? this.#base.session : best.snapshot.session;
      from = Object.freeze({ ...(best?.snapshot ?? this.#base), session });
    }
    // Commands in flight went to the owner that went away; those waiting for one run here.
    mirror?.ownerGone();
    mirror?.destroy(new CallingError("INVALID_STATE", "This instance became the owner: use client.getCall() again"), true);
    this.#mirror = null;
    const relay = (this.#relay = new RelayTransport(this.#sync as InboundMessage, (message) => this.#send(message)));
    const options: CallingClientOptions = { ...this.#options, surfaces: undefined, transport: relay, autoStart: true };
    const inner = (this.#inner = from ? createAdoptingClient({ ...options, initialize: false }, (snapshot, at) => adoptTransition(snapshot, { from, at })) : createCallingClient(options));
    if (coordinated) {
      this.#hub = new OwnerHub({
        client: inner,
        store: this.#store as SnapshotStore,
        seq,
        post: (body) => this.#post(body),
        deliver: (message) => relay.deliver(message),
      });
    }
    inner.subscribe(() => this.#innerChanged());
    for (const type of EVENT_TYPES) {
      if (type !== "ready" || !coordinated) inner.on(type, (payload) => this.#innerEvent(type, payload));
    }
    // The inner client syncs and takes over inside open(): its snapshots on the way
    // (synced, no call yet) are nobody's business; the one it ends with is announced.
    // Its events on the way (callEnded of a lost call) follow that snapshot.
    this.#opening = [];
    relay.open();
    const held = this.#opening;
    this.#opening = null;
    this.#innerChanged();
    for (const event of held) event();
  }

  #innerChanged(): void {
    const inner = this.#inner;
    if (!inner || this.#unloading || this.#opening) return;
    const snapshot = inner.getSnapshot();
    this.#hub?.state(snapshot);
    this.#setSnapshot(this.#hub ? Object.freeze({ ...snapshot, surface: OWNER }) : snapshot);
  }

  #innerEvent<K extends CallingEventType>(type: K, payload: CallingEvents[K]): void {
    if (this.#unloading) return;
    if (this.#opening) return void this.#opening.push(() => this.#innerEvent(type, payload));
    this.#listeners.emit(type, payload);
    if (this.#hub && EVENT_ROUTES[type] === "relayed") this.#hub.event(type as RelayedEventType, payload as never);
  }

  /** A mirror that does not hold calls learns when nobody does. */
  #watchOwner(): void {
    this.#ownership?.watch(() => {
      this.#mirror?.ownerGone();
      void this.#reportLost();
    });
  }

  /**
   * Nobody holds calls, and the last owner left a call live (or being
   * logged): this surface ends it on its behalf, once (whoever takes the
   * lock first; the others then find it ended).
   */
  async #reportLost(): Promise<void> {
    const ownership = this.#ownership;
    const unfinished = (state: StoredState | null) =>
      state?.snapshot.call && (isCallActive(state.snapshot.call) || state.snapshot.call.status === "wrappingUp");
    const known = () => this.#lastKnown();
    if (!ownership || !unfinished(known())) return;
    await ownership.tryTake((collected) => {
      const state = freshest(known(), collected);
      const mirror = this.#mirror;
      if (state && mirror && unfinished(state) && !this.#destroyed) {
        const [next, effects] = adoptTransition(this.#base, { from: state.snapshot, at: this.#clock.now() });
        const seq = state.seq + 1;
        this.#store?.write({ seq, snapshot: next });
        this.#post({ kind: "state", seq, snapshot: next, owner: false });
        mirror.adopted(seq, next);
        for (const effect of effects) {
          if (effect.type === "send") this.#send(effect.message);
          if (effect.type !== "emit") continue;
          const { type, payload } = eventPayload(effect.notice, () => mirror.getCall() as Call, (id) => mirror.errorOf(id));
          this.#listeners.emit(type, payload);
          if (EVENT_ROUTES[type] === "relayed") this.#post({ kind: "event", event: toWireEvent(type as RelayedEventType, payload as never) });
        }
      }
      ownership.release();
    });
  }

  // ---- the channel -------------------------------------------------------

  #post(body: SurfaceBody): void {
    // A page going away says goodbye, nothing else.
    if ((this.#unloading && body.kind !== "bye") || !this.#channel) return;
    const { portalId, userId } = this.#account;
    safely(
      () => this.#channel?.postMessage({ protocol: SURFACE_PROTOCOL, portalId, userId, from: this.#id, body }),
      (error) => this.#logger.error("Posting to the other surfaces failed", error),
    );
  }

  #fromChannel(raw: unknown): void {
    if (this.#destroyed) return;
    const parsed = parseSurfaceMessage(raw, this.#account);
    if (parsed === null) return;
    if ("reason" in parsed) {
      if (parsed.reason === "otherAccount") {
        this.#listeners.emit("securityWarning", { reason: "otherAccount", origin: globalThis.location?.origin ?? "", messageType: undefined, count: 1 });
      } else {
        this.#listeners.emit("protocolError", { error: new ProtocolError(raw, parsed.issues.map((issue) => `from another surface: ${issue}`)) });
      }
      return;
    }
    if (parsed.from === this.#id) return;
    this.#ownership?.handle(parsed.from, parsed.body);
    if (this.#hub) return this.#hub.handle(parsed.from, parsed.body);
    const mirror = this.#mirror;
    if (!mirror) return;
    mirror.handle(parsed.from, parsed.body);
    if (mirror.ownerPresent) this.#initializeOnce({ seq: mirror.last.seq, snapshot: mirror.last.snapshot as CallingSnapshot });
    // An owner this mirror counted gone is there after all (a late heartbeat): ask for its state.
    if (parsed.body.kind === "alive" && !mirror.ownerPresent) mirror.start();
    // An owner (back) on the channel: watch it again.
    if (parsed.body.kind === "state" && !this.#eligible) this.#watchOwner();
  }

  // ---- commands ------------------------------------------------------------

  /** Runs a command where the calls are: here (owner) or on the owner (mirror). */
  async #run<T>(command: ClientCommand, own: (client: CallingClient) => Promise<T>, args: unknown[] = [], options?: AbortOptions): Promise<T> {
    for (;;) {
      if (this.#destroyed) throw this.#destroyed;
      if (this.#inner) return own(this.#inner);
      const mirror = this.#mirror;
      if (!mirror) throw new InvalidStateError(command, "connecting", "await client.ready() first");
      try {
        return (await mirror.request(command, { args }, options)) as T;
      } catch (error) {
        // This surface became the owner while the command waited for one: run it here.
        if (error !== SWITCHED) throw error;
      }
    }
  }

  ready(options: AbortOptions = {}): Promise<HostContext> {
    // Resolves once this surface told HubSpot it is initialized.
    return awaitable<HostContext>(
      "HubSpot's SYNC",
      () => {
        const failed = this.#destroyed ?? this.#startError;
        return failed ? { error: failed } : this.#host && (this.#initialized || this.#inner) ? { value: this.#host } : undefined;
      },
      (recheck) => {
        this.#watchers.add(recheck);
        return () => void this.#watchers.delete(recheck);
      },
      options,
      this.#clock,
    );
  }

  async initialize(): Promise<void> {
    throw new InvalidStateError("initialize", this.#snapshot.session.status, "a client with surfaces initializes its iframe itself");
  }

  logIn(): Promise<void> {
    return this.#run("logIn", (client) => client.logIn());
  }

  logOut(): Promise<void> {
    return this.#run("logOut", (client) => client.logOut());
  }

  setAvailable(available: boolean): Promise<void> {
    return this.#run("setAvailable", (client) => client.setAvailable(available), [available]);
  }

  async dial(options: DialOptions = {}): Promise<Call> {
    for (;;) {
      if (this.#destroyed) throw this.#destroyed;
      if (this.#inner) return this.#inner.dial(options);
      if (!this.#mirror) throw new InvalidStateError("dial", "connecting", "await client.ready() first");
      try {
        return await this.#mirror.dial(options);
      } catch (error) {
        if (error !== SWITCHED) throw error;
      }
    }
  }

  getCall(): Call | null {
    return this.#inner?.getCall() ?? this.#mirror?.getCall() ?? null;
  }

  listCallerNumbers(options: AbortOptions = {}): Promise<string[]> {
    return this.#run("listCallerNumbers", (client) => client.listCallerNumbers(options), [], options).then((numbers) => {
      if (!Array.isArray(numbers) || !numbers.every((n) => typeof n === "string")) {
        throw new CallingError("PROTOCOL_ERROR", "The owner's caller numbers were not a list of strings");
      }
      return [...numbers];
    });
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
    const message = callDataMessage(data);
    if (this.#inner || !this.#mirror) return this.#send(message);
    quiet(this.#mirror.request("sendCallData", { args: [message.data] }));
  }
}
