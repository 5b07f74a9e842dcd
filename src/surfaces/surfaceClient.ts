import type { Call } from "../client/call";
import type { CallingClient } from "../client/callingClient";
import type { CallingEventListener, CallingEventType } from "../client/callingEvents";
import { Listeners } from "../client/listeners";
import type { CallingClientOptions, DialOptions, InitializeOptions } from "../client/options";
import { transportSink } from "../client/transportSink";
import { assertClientOptions } from "../client/validateOptions";
import { callDataMessage, errorMessage, navigateMessage, resizeMessage, widgetUrlMessage } from "../client/widgetMessages";
import { CallingError } from "../errors/callingError";
import { InvalidStateError } from "../errors/invalidStateError";
import { ValidationError } from "../errors/validationError";
import type { AbortOptions } from "../internal/abortOptions";
import { awaitable, quiet } from "../internal/awaitable";
import { type Clock, systemClock } from "../internal/clock";
import { safely } from "../internal/safely";
import { type Logger, silentLogger } from "../logging/logger";
import { redactPhoneNumbers } from "../logging/redactPhoneNumbers";
import type { WarningCode } from "../machine/effect";
import { type CallingSnapshot, initialSnapshot } from "../machine/snapshot";
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
import type { ResolvedSurfaceOptions } from "./coordinateSurfaces";
import { type MirrorEngine, SWITCHED } from "./mirrorEngine";
import { type OwnerRole, startOwner } from "./ownerRole";
import { freshest, type StoredState } from "./snapshotStore";
import type { SurfaceContext } from "./surfaceContext";
import { joinGroup, type SurfaceGroup } from "./surfaceGroup";
import type { ClientCommand } from "./surfaceProtocol";

const PENDING: SurfaceSnapshot = /* @__PURE__ */ Object.freeze({ role: "pending", ownerPresent: false });

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
  #host: HostContext | null = null;
  #initialSeq = -1;
  #base: CallingSnapshot = initialSnapshot();
  #snapshot: CallingSnapshot = Object.freeze({ ...initialSnapshot(), surface: PENDING });
  #context: SurfaceContext | null = null;
  #owner: OwnerRole | null = null;
  #group: SurfaceGroup | null = null;
  #started: Promise<void> | undefined;
  #startError: CallingError | null = null;
  #destroyed: CallingError | null = null;
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
    safely(() => this.#owner?.client.destroy());
    this.#destroyed = new CallingError("DESTROYED", "The calling client was destroyed");
    this.#group?.mirror?.destroy(this.#destroyed);
    this.#close();
    this.#clock.clearTimeout(this.#initTimer);
    safely(() => this.#transport.stop());
    this.#recheck();
    this.#listeners.clear();
  }

  /** The page is going away: hang up, tell HubSpot nothing, store nothing (the next owner reports what was lost). */
  #unload(): void {
    if (this.#destroyed || !this.#group) return;
    this.#group.unload();
    this.#owner?.mute();
    this.destroy();
  }

  #close(): void {
    this.#group?.close();
    for (const cleanup of this.#cleanups.splice(0)) safely(cleanup);
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
    if (this.#owner) return this.#owner.deliver(message);
    this.#listeners.emit("hostMessage", { message });
    if (message.type !== "SYNC") this.#group?.mirror?.receive(message);
  }

  #send(message: OutboundMessage): void {
    if (this.#destroyed) throw this.#destroyed;
    this.#transport.send(message);
  }

  #synced(sync: InboundMessage & { type: "SYNC" }): void {
    const host = (this.#host = Object.freeze({ ...sync.data }));
    const context: SurfaceContext = (this.#context = {
      ...this.#s,
      surfaceId: this.#id,
      clock: this.#clock,
      logger: this.#logger,
      host,
      sync,
      options: this.#options,
      generateId: () => crypto.randomUUID(),
      emit: (type, payload) => this.#listeners.emit(type, payload),
      changed: (snapshot) => this.#setSnapshot(snapshot),
      warn: (code, message) => this.#warn(code, message),
      send: (message) => this.#send(message),
      base: () => this.#base,
      owner: () => this.#owner,
      destroyed: () => this.#destroyed !== null,
      initializeOnce: (last) => this.#initializeOnce(last),
      becomeOwner: (stored) => this.#becomeOwner(stored),
    });
    const location = host.iframeLocation;
    const channelName = `${this.#s.name}:${host.portalId ?? "-"}:${host.userId ?? "-"}`;
    const channel = location === "remote" || location === "window" ? this.#s.channel(channelName) : null;
    if (!channel) {
      if (location === "remote" || location === "window") {
        this.#warn("listenerError", "This browser has no BroadcastChannel: the widget runs on its own here, without the other surfaces");
      }
      return this.#becomeOwner(null);
    }
    const group = (this.#group = joinGroup(context, channel, channelName));
    const { stored } = group;
    this.#setSnapshot((group.mirror as MirrorEngine).snapshot);
    // Without a stored state, the owner's first answer says how the session is; wait a moment for it.
    if (stored) this.#initializeOnce(stored);
    else this.#initTimer = this.#clock.setTimeout(() => this.#initializeOnce(null), Math.min(300, this.#s.timings.claimWindow * 1.5));
    void group.elect();
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

  /** This surface holds calls now: `stored` is the last owner's state (null for a surface on its own). */
  #becomeOwner(stored: StoredState | null): void {
    const group = this.#group;
    if (this.#destroyed) return group?.release();
    const mirror = group?.mirror;
    const best = freshest(stored, mirror?.known ?? null);
    const seq = best?.seq ?? -1;
    let from: CallingSnapshot | undefined;
    if (group) {
      this.#initializeOnce(best);
      // No owner changed the session since this iframe's INITIALIZED: what it told HubSpot stands.
      const session = !best || best.seq <= this.#initialSeq ? this.#base.session : best.snapshot.session;
      from = Object.freeze({ ...(best?.snapshot ?? this.#base), session });
    }
    // Commands in flight went to the owner that went away; those waiting for one run here.
    mirror?.ownerGone();
    mirror?.destroy(new CallingError("INVALID_STATE", "This instance became the owner: use client.getCall() again"), true);
    if (group) group.mirror = null;
    const takeover = group && from ? { from, store: group.store, seq, post: group.post } : null;
    const owner = (this.#owner = startOwner(this.#context as SurfaceContext, takeover));
    owner.open();
  }

  // ---- commands ------------------------------------------------------------

  /** Runs a command where the calls are: here (owner) or on the owner (mirror, by default as a request). */
  async #run<T>(
    command: ClientCommand,
    own: (client: CallingClient) => Promise<T>,
    args: unknown[] = [],
    options?: AbortOptions,
    mirrored = (mirror: MirrorEngine) => mirror.request(command, { args }, options) as Promise<T>,
  ): Promise<T> {
    for (;;) {
      if (this.#destroyed) throw this.#destroyed;
      if (this.#owner) return own(this.#owner.client);
      const mirror = this.#group?.mirror;
      if (!mirror) throw new InvalidStateError(command, "connecting", "await client.ready() first");
      try {
        return await mirrored(mirror);
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
        return failed ? { error: failed } : this.#host && (this.#initialized || this.#owner) ? { value: this.#host } : undefined;
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

  dial(options: DialOptions = {}): Promise<Call> {
    return this.#run("dial", (client) => client.dial(options), [], undefined, (mirror) => mirror.dial(options));
  }

  getCall(): Call | null {
    return this.#owner?.client.getCall() ?? this.#group?.mirror?.getCall() ?? null;
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
    const mirror = this.#group?.mirror;
    if (this.#owner || !mirror) return this.#send(message);
    quiet(mirror.request("sendCallData", { args: [message.data] }));
  }
}
