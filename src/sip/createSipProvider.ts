import { Inviter, type Invitation, UserAgent } from "sip.js";
import { AbortError } from "../errors/abortError";
import { TimeoutError } from "../errors/timeoutError";
import { ValidationError } from "../errors/validationError";
import type { AbortOptions } from "../internal/abortOptions";
import { raceSignal, scopedSignal } from "../internal/anySignal";
import { Emitter } from "../internal/emitter";
import { silentLogger } from "../logging/logger";
import { redactPhoneNumbers } from "../logging/redactPhoneNumbers";
import type { IncomingProviderCall, ProviderDialRequest, TelephonyProvider } from "../providers/telephonyProvider";
import { type SipCall, SipCallImpl, type SipCallContext } from "./sipCall";
import { isSipError, SipError } from "./sipError";
import { audioConstraints } from "./sipMedia";
import { isCredentials, type SipCredentials, type SipCredentialsContext, type SipProviderOptions, validateSipProviderOptions } from "./sipProviderOptions";
import type { SipProviderEvents, SipProviderSnapshot, SipProviderStatus } from "./sipProviderState";
import { sipTargetOf } from "./sipTarget";
import { createSipUserAgent, type SipUserAgent } from "./sipUserAgent";

/**
 * A {@link TelephonyProvider} over SIP on a WebSocket with WebRTC audio
 * (sip.js), with its own lifecycle: `start()` connects and registers,
 * `stop()` ends calls, unregisters and disconnects.
 *
 * @example
 * ```ts
 * const provider = createSipProvider({ server: "wss://sip.example.com/ws", uri: "sip:alice@example.com", credentials });
 * provider.on("connectionLost", ({ error }) => showBanner(error.message));
 * await provider.start({ timeout: 10_000 });
 * const client = createCallingClient({ provider });
 * ```
 */
export interface SipProvider extends TelephonyProvider {
  /** Places a call (INVITE); resolves once the INVITE is out. Waits for a `start()` under way. */
  dial(request: ProviderDialRequest): Promise<SipCall>;
  /** Listens for incoming calls (INVITEs the server delivers to this registration). */
  onIncoming(listener: (incoming: IncomingProviderCall) => void): () => void;
  /** The `callerNumbers` option. */
  listCallerNumbers(options?: AbortOptions): Promise<string[]>;
  /** Connects to the server and registers; resolves once registered. Rejects with a {@link SipError} (or `TimeoutError`/`AbortError`). */
  start(options?: AbortOptions): Promise<void>;
  /** Ends calls, unregisters and disconnects. Safe to call at any time, and more than once. */
  stop(): Promise<void>;
  /** The provider's state (bound: can be passed around). */
  getSnapshot(): SipProviderSnapshot;
  /** Listens to state changes; returns the unsubscribe function (bound). */
  subscribe(listener: () => void): () => void;
  /** Listens to one kind of event; returns the unsubscribe function. */
  on<K extends keyof SipProviderEvents>(type: K, listener: (payload: SipProviderEvents[K]) => void): () => void;
  /** Calls in progress, oldest first. */
  activeCalls(): readonly SipCall[];
}

const DEFAULT_RECONNECT = { attempts: 10, delayMs: 1_000, maxDelayMs: 30_000 };
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Creates a {@link SipProvider}. Needs `sip.js` 0.21 (an optional peer
 * dependency) and a browser with WebRTC; nothing connects until `start()`.
 * Invalid options throw a `ValidationError` listing every problem.
 *
 * @example
 * ```ts
 * import { createSipProvider } from "hubspot-calling-kit/sip";
 *
 * const provider = createSipProvider({
 *   server: "wss://sip.example.com/ws",
 *   uri: "sip:alice@example.com",
 *   credentials: async () => (await fetch("/api/sip-credentials")).json(),
 *   ringTimeoutMs: 45_000,
 * });
 * await provider.start();
 * ```
 */
export function createSipProvider(options: SipProviderOptions): SipProvider {
  validateSipProviderOptions(options);
  const logger = options.logger ?? silentLogger;
  const redact = <T>(value: T): T => (options.logPhoneNumbers ? value : redactPhoneNumbers(value));
  const domain = options.uri.slice(options.uri.indexOf("@") + 1).replace(/[;?].*$/, "");
  const reconnect = options.reconnect === false ? undefined : { ...DEFAULT_RECONNECT, ...options.reconnect };
  const events = new Emitter<SipProviderEvents>();
  const stateListeners = new Set<() => void>();
  const incomingListeners = new Set<(incoming: IncomingProviderCall) => void>();
  const calls = new Set<SipCallImpl>();

  let snapshot: SipProviderSnapshot = { status: "stopped", error: undefined, reconnectAttempt: 0, activeCalls: 0 };
  let agent: SipUserAgent | undefined;
  let starting: Promise<void> | undefined;
  // Aborted by stop(): ends a start or a reconnect loop under way.
  let lifetime = new AbortController();

  const update = (patch: Partial<SipProviderSnapshot>) => {
    const previous = snapshot.status;
    snapshot = { ...snapshot, ...patch, activeCalls: calls.size };
    for (const listener of [...stateListeners]) listener();
    if (snapshot.status !== previous) {
      logger.info(`SIP provider ${previous} -> ${snapshot.status}`, snapshot.error ? { error: snapshot.error.message } : undefined);
      events.emit("statusChanged", { status: snapshot.status, previous, error: snapshot.error });
    }
  };
  const setStatus = (status: SipProviderStatus, error?: SipError) => update({ status, error, ...(status === "reconnecting" ? {} : { reconnectAttempt: 0 }) });

  const credentialsFor = async (reason: SipCredentialsContext["reason"]): Promise<SipCredentials | undefined> => {
    const source = options.credentials;
    if (typeof source !== "function") return source;
    let value: unknown;
    try {
      value = await source({ reason });
    } catch (error) {
      throw new SipError("CREDENTIALS_FAILED", `The credentials callback failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (!isCredentials(value)) throw new SipError("CREDENTIALS_FAILED", "The credentials callback must return { username, password } (non-empty strings)");
    return value;
  };

  /** REGISTER; a refusal is retried once with fresh credentials when they come from a callback. */
  const register = async (current: SipUserAgent, credentials: SipCredentials | undefined) => {
    let expires: number;
    try {
      expires = await current.register(credentials);
    } catch (error) {
      if (!(isSipError(error, "REGISTRATION_FAILED") && typeof options.credentials === "function")) throw error;
      expires = await current.register(await credentialsFor("refresh"));
    }
    events.emit("registered", { expires });
  };

  const callContext = (direction: SipCallContext["direction"], remote: string): SipCallContext => ({
    direction,
    remote,
    audio: options.audio,
    inputDeviceId: options.inputDeviceId,
    outputDeviceId: options.outputDeviceId,
    ringTimeoutMs: direction === "OUTBOUND" ? options.ringTimeoutMs : undefined,
    dtmf: options.dtmf ?? "auto",
    sdpModifiers: options.sdpModifiers ?? [],
    warn: (message, details) => logger.warn(`SIP call: ${message}`, details),
    onOver: (call) => {
      calls.delete(call);
      update({});
    },
  });

  const onInvite = (invitation: Invitation) => {
    const from = invitation.remoteIdentity.uri.user ?? "";
    const to = invitation.localIdentity.uri.user ?? "";
    if (incomingListeners.size === 0 || snapshot.status !== "registered") {
      logger.info("SIP provider: incoming call declined, nobody listens", redact({ from }));
      void invitation.reject({ statusCode: 480, reasonPhrase: "Temporarily Unavailable" }).catch(() => undefined);
      return;
    }
    const call = new SipCallImpl(invitation, callContext("INBOUND", from));
    calls.add(call);
    update({});
    call.announce();
    logger.info("SIP provider: incoming call", redact({ from, to }));
    for (const listener of [...incomingListeners]) listener({ call, from, to });
  };

  const onDisconnect = (cause: Error) => {
    if (snapshot.status !== "registered" && snapshot.status !== "registering") return;
    const error = new SipError("CONNECTION_LOST", `The connection to the SIP server was lost: ${cause.message}`, { cause });
    const ended = [...calls];
    for (const call of ended) call.fail(error);
    events.emit("connectionLost", { error, callsEnded: ended.length });
    if (!reconnect || reconnect.attempts === 0) return setStatus("failed", error);
    setStatus("reconnecting", error);
    void reconnectLoop(error);
  };

  const reconnectLoop = async (lost: SipError) => {
    const signal = lifetime.signal;
    const current = agent;
    for (let attempt = 1; reconnect && attempt <= reconnect.attempts; attempt++) {
      update({ reconnectAttempt: attempt });
      await sleep(Math.min(reconnect.delayMs * 2 ** (attempt - 1), reconnect.maxDelayMs), signal);
      if (signal.aborted || agent !== current || !current) return;
      try {
        const credentials = await credentialsFor("reconnect");
        await current.reconnect();
        setStatus("registering", lost);
        await register(current, credentials);
        if (signal.aborted) return;
        setStatus("registered");
        events.emit("reconnected", { attempts: attempt });
        return;
      } catch (error) {
        logger.warn(`SIP provider: reconnect attempt ${attempt} failed`, error instanceof Error ? error.message : error);
        if (isSipError(error, "REGISTRATION_FAILED", "CREDENTIALS_FAILED")) {
          events.emit("registrationFailed", { error });
          return setStatus("failed", error);
        }
        if (snapshot.status !== "reconnecting") setStatus("reconnecting", lost);
      }
    }
    if (!signal.aborted && agent === current) setStatus("failed", lost);
  };

  const onUnregistered = () => {
    if (snapshot.status !== "registered" || !agent) return;
    const current = agent;
    setStatus("registering");
    credentialsFor("refresh")
      .then((credentials) => register(current, credentials))
      .then(
        () => agent === current && setStatus("registered"),
        (error: unknown) => {
          if (agent !== current) return;
          const failure = isSipError(error) ? error : new SipError("REGISTRATION_FAILED", "The registration could not be renewed", { cause: error });
          events.emit("registrationFailed", { error: failure });
          setStatus("failed", failure);
        },
      );
  };

  const run = async (signal: AbortSignal) => {
    setStatus("connecting");
    const credentials = await raceSignal(credentialsFor("start"), signal);
    const current = createSipUserAgent(options, credentials, logger, {
      onInvite,
      onDisconnect,
      onUnregistered,
    });
    agent = current;
    try {
      await raceSignal(current.connect(), signal);
      setStatus("registering");
      await raceSignal(register(current, credentials), signal);
    } catch (error) {
      if (agent === current) agent = undefined;
      void current.stop();
      throw error;
    }
    setStatus("registered");
  };

  const provider: SipProvider = {
    start(startOptions: AbortOptions = {}) {
      if (snapshot.status === "registered" || snapshot.status === "reconnecting") return Promise.resolve();
      if (starting) return starting;
      if (startOptions.signal?.aborted) return Promise.reject(new AbortError("the SIP provider to start", startOptions.signal.reason));
      const scope = scopedSignal(
        [lifetime.signal, ...(startOptions.signal ? [startOptions.signal] : [])],
        startOptions.timeout === undefined
          ? undefined
          : { ms: startOptions.timeout, clock: globalThis, reason: () => new TimeoutError("the SIP provider to register", startOptions.timeout!) },
      );
      starting = run(scope.signal)
        .catch((thrown: unknown) => {
          const error =
            thrown instanceof SipError || thrown instanceof TimeoutError
              ? thrown
              : scope.signal.aborted
                ? new AbortError("the SIP provider to start", thrown)
                : new SipError("CONNECTION_FAILED", String(thrown), { cause: thrown });
          if (isSipError(error, "REGISTRATION_FAILED")) events.emit("registrationFailed", { error });
          if (!lifetime.signal.aborted) setStatus("failed", isSipError(error) ? error : new SipError("CONNECTION_FAILED", error.message, { cause: error }));
          throw error;
        })
        .finally(() => {
          scope.dispose();
          starting = undefined;
        });
      return starting;
    },

    async stop() {
      lifetime.abort(new AbortError("the SIP provider to start (stopped)"));
      lifetime = new AbortController();
      const current = agent;
      agent = undefined;
      await Promise.allSettled([...calls].map((call) => call.hangUp()));
      await current?.stop();
      for (const call of [...calls]) call.fail(new SipError("NOT_STARTED", "The SIP provider was stopped"));
      setStatus("stopped");
    },

    async dial(request) {
      if (request.signal.aborted) throw new AbortError("the call to be placed", request.signal.reason);
      if (starting) await raceSignal(starting, request.signal).catch((error: unknown) => {
        throw request.signal.aborted ? new AbortError("the call to be placed", error) : error;
      });
      const current = agent;
      if (!current || snapshot.status !== "registered") {
        if (snapshot.status === "stopped") throw new SipError("NOT_STARTED", "The SIP provider is not started: call start() first");
        throw new SipError("CONNECTION_LOST", `The SIP provider cannot place calls while ${snapshot.status}`, { cause: snapshot.error });
      }
      const target = options.target ? options.target(request.to) : sipTargetOf(request.to, domain);
      const uri = UserAgent.makeURI(target);
      if (!uri) throw new ValidationError("number to dial", [{ path: "to", message: `maps to ${JSON.stringify(target)}, which is not a SIP URI` }]);
      const headers: string[] = [];
      if (/^[\w.-]{1,128}$/.test(request.externalCallId)) headers.push(`X-HubSpot-External-Call-Id: ${request.externalCallId}`);
      if (request.from) headers.push(`P-Preferred-Identity: <${sipTargetOf(request.from, domain)}>`);
      const inviter = new Inviter(current.userAgent, uri, {
        extraHeaders: headers,
        sessionDescriptionHandlerOptions: { constraints: audioConstraints(options.inputDeviceId) } as object,
        sessionDescriptionHandlerModifiers: options.sdpModifiers ?? [],
      });
      const call = new SipCallImpl(inviter, callContext("OUTBOUND", uri.user ?? request.to));
      calls.add(call);
      update({});
      logger.info("SIP provider: dialing", redact({ to: request.to }));
      const onAbort = () => void call.hangUp();
      request.signal.addEventListener("abort", onAbort, { once: true });
      try {
        await inviter.invite({ requestDelegate: call.inviteDelegate });
      } catch (error) {
        void call.hangUp();
        if (request.signal.aborted) throw new AbortError("the call to be placed", request.signal.reason);
        throw new SipError("MEDIA_FAILED", `Could not place the call: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      } finally {
        request.signal.removeEventListener("abort", onAbort);
      }
      if (request.signal.aborted) {
        await call.hangUp();
        throw new AbortError("the call to be placed", request.signal.reason);
      }
      return call;
    },

    onIncoming(listener) {
      incomingListeners.add(listener);
      return () => void incomingListeners.delete(listener);
    },

    async listCallerNumbers() {
      return [...(options.callerNumbers ?? [])];
    },

    getSnapshot: () => snapshot,
    subscribe(listener) {
      stateListeners.add(listener);
      return () => void stateListeners.delete(listener);
    },
    on: (type, listener) => events.on(type, listener),
    activeCalls: () => [...calls],
  };
  return provider;
}
