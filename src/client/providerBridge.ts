import { type CallingError, toCallingError } from "../errors/callingError";
import { ProviderError } from "../errors/providerError";
import type { Clock } from "../internal/clock";
import type { Effect, WarningCode } from "../machine/effect";
import type { MachineEvent } from "../machine/machineEvent";
import type { CallingSnapshot } from "../machine/snapshot";
import type { EndCause, IncomingProviderCall, ProviderCall, TelephonyProvider } from "../providers/telephonyProvider";
import { parseProviderEvent } from "./providerEvents";
import { attempt } from "./providerWork";

/** What the bridge needs from its client. @internal */
export interface BridgeOwner {
  readonly clock: Clock;
  dispatch(event: MachineEvent): void;
  snapshot(): CallingSnapshot;
  /** Records why a call failed, for `callEnded` and `call.ended`. */
  recordFailure(callId: string, error: CallingError): void;
  warn(code: WarningCode, message: string): void;
  logError(message: string, error: unknown): void;
  generateId(): string;
  createEngagement(): boolean;
}

/**
 * One call the bridge follows. Its events go through `inbox` and are handled
 * one at a time, in order: a provider may report them inside `subscribe()`
 * (queued events replayed) or while the client is still handling the
 * previous one (a synchronous `answered` from `answer()`).
 */
type Entry = {
  controller: AbortController;
  call?: ProviderCall;
  unsubscribe?: () => void;
  inbox: unknown[];
  /** Events wait: subscribe() is running, the call is not announced yet, or one is being handled. */
  paused: boolean;
  /** An outbound call's dial() and, when it was hung up meanwhile, the provider's hang-up. */
  dialing?: Promise<void>;
};
type ProviderEffect = Extract<Effect, { type: "provider" }>;

/**
 * Connects the machine to the telephony provider: places calls, listens to
 * each call's events (validated; providers are outside code too), takes
 * incoming calls, and performs the machine's provider effects. One entry per
 * live call, released when it ends, so nothing accumulates. What a provider
 * throws from `subscribe()` or its unsubscribe function is logged and never
 * keeps a call from ending. @internal
 */
export class ProviderBridge {
  #provider: TelephonyProvider;
  #owner: BridgeOwner;
  #calls = new Map<string, Entry>();

  constructor(provider: TelephonyProvider, owner: BridgeOwner) {
    this.#provider = provider;
    this.#owner = owner;
  }

  /** Starts taking incoming calls; returns the function that stops it. */
  listen(): (() => void) | undefined {
    return this.#provider.onIncoming?.((incoming) => this.#onIncoming(incoming));
  }

  /** Whether the current provider call lacks an optional feature. */
  lacks(callId: string, feature: "answer" | "mute" | "hold" | "sendDigits"): boolean {
    const call = this.#calls.get(callId)?.call;
    return call !== undefined && typeof call[feature] !== "function";
  }

  /** Performs a provider effect; resolves when the provider is done with it. */
  perform(effect: ProviderEffect): Promise<void> | undefined {
    const { callId } = effect;
    if (effect.action === "dial") return void this.#dial(callId);
    const entry = this.#calls.get(callId);
    const call = entry?.call;
    const run = (fn: () => unknown) => this.#logged(effect.action, fn);
    switch (effect.action) {
      case "hangUp":
      case "reject": {
        // Released first: what the provider reports while hanging up (often
        // `ended`, synchronously) is about a call we no longer follow.
        this.release(callId);
        if (!entry) return undefined;
        if (!call) {
          // Still dialing: the dial hangs up when it resolves; done once that hang-up is.
          entry.controller.abort();
          return entry.dialing;
        }
        return run(() => (effect.action === "reject" ? (call.reject ?? call.hangUp).call(call) : call.hangUp()));
      }
      case "answer":
        return call?.answer && run(() => call.answer?.());
      case "mute":
        return call?.mute && run(() => call.mute?.(effect.muted));
      case "hold":
        return call?.hold && run(() => call.hold?.(effect.held));
    }
  }

  /** Runs a provider operation, logging (not throwing) its failure; returns it for callers to await. */
  #logged(action: string, fn: () => unknown): Promise<void> {
    // Its value is never used: whoever awaits it only waits.
    const work = attempt(fn as () => void);
    work.catch((error: unknown) => this.#owner.logError(`Provider ${action}() failed`, error));
    return work;
  }

  /** Sends DTMF digits on a live call. */
  async sendDigits(callId: string, digits: string): Promise<void> {
    await attempt(() => this.#calls.get(callId)?.call?.sendDigits?.(digits));
  }

  /** Ends the bridge: aborts dials, stops listening, hangs up a live call. */
  destroy(hangUpLive: boolean): void {
    const entries = [...this.#calls.values()];
    this.#calls.clear();
    for (const entry of entries) {
      entry.controller.abort();
      this.#unsubscribe(entry);
      if (hangUpLive && entry.call) void this.#logged("hangUp", () => entry.call?.hangUp());
    }
  }

  /** Stops following a call: its listener is removed and its events are ignored from now on. */
  release(callId: string): void {
    const entry = this.#calls.get(callId);
    if (!entry) return;
    this.#calls.delete(callId);
    this.#unsubscribe(entry);
  }

  /** Calls the provider's unsubscribe function; what it throws is logged, the call ends all the same. */
  #unsubscribe(entry: Entry): void {
    const unsubscribe = entry.unsubscribe;
    entry.unsubscribe = undefined;
    entry.inbox.length = 0;
    try {
      unsubscribe?.();
    } catch (error) {
      this.#owner.logError("Provider unsubscribe() failed", error);
    }
  }

  /** A provider failure: the call ends FAILED with this error (and the backend's cause, when known). */
  failed(callId: string, error: CallingError, cause?: EndCause): void {
    const failure = error.code === "PROVIDER_ERROR" ? error : new ProviderError(error.message, { cause: error });
    this.#owner.recordFailure(callId, failure);
    this.release(callId);
    this.#owner.dispatch({
      type: "providerFailed",
      callId,
      error: { code: failure.code, message: failure.message },
      cause,
      at: this.#owner.clock.now(),
    });
  }

  /** Starts following a call: its entry, before the provider says anything about it. */
  #track(callId: string): Entry {
    const entry: Entry = { controller: new AbortController(), inbox: [], paused: false };
    this.#calls.set(callId, entry);
    return entry;
  }

  #dial(callId: string): void {
    const snapshot = this.#owner.snapshot().call;
    if (!snapshot || snapshot.id !== callId) return;
    const entry = this.#track(callId);
    const request = {
      to: snapshot.toNumber,
      ...(snapshot.fromNumber ? { from: snapshot.fromNumber } : {}),
      externalCallId: callId,
      signal: entry.controller.signal,
    };
    const dialed = attempt(() => this.#provider.dial(request));
    entry.dialing = dialed.then(
      (call) => this.#dialed(callId, entry, call),
      (error: unknown) => this.#dialFailed(callId, entry, error),
    );
    // Awaited only by a hangUp() during the dial, which reports its failure; it is logged too.
    entry.dialing.catch(() => {});
  }

  /** dial() resolved: follow the call, or hang it up when it was ended (or destroyed) meanwhile. */
  #dialed(callId: string, entry: Entry, call: ProviderCall | undefined): Promise<void> | void {
    if (typeof call?.subscribe !== "function" || typeof call.hangUp !== "function") {
      return this.#dialFailed(callId, entry, new ProviderError("provider.dial() must resolve with a ProviderCall (subscribe and hangUp)"));
    }
    if (entry.controller.signal.aborted || this.#calls.get(callId) !== entry) {
      return this.#logged("hangUp", () => call.hangUp());
    }
    const failure = this.#follow(callId, entry, call);
    if (failure) {
      // A call we cannot listen to is unusable: end it on both sides.
      this.#owner.logError("Provider subscribe() failed", failure.error);
      void this.#logged("hangUp", () => call.hangUp());
      this.failed(callId, new ProviderError("The provider call could not be followed: subscribe() failed", { cause: failure.error }));
      return;
    }
    this.#drain(callId, entry);
  }

  #dialFailed(callId: string, entry: Entry, error: unknown): void {
    if (this.#calls.get(callId) !== entry) return; // hung up (or destroyed) meanwhile: nothing to end
    this.failed(callId, toCallingError(error, "PROVIDER_ERROR", "The call could not be placed"));
  }

  /**
   * Keeps the provider's call in its entry and listens to its events, which
   * wait in the inbox until the caller drains it. Returns what
   * subscribe() threw, if it did.
   */
  #follow(callId: string, entry: Entry, call: ProviderCall): { error: unknown } | undefined {
    entry.call = call;
    entry.paused = true;
    try {
      const unsubscribe = call.subscribe((event) => {
        if (this.#calls.get(callId) !== entry) return;
        entry.inbox.push(event);
        this.#drain(callId, entry);
      });
      if (typeof unsubscribe === "function") entry.unsubscribe = unsubscribe;
      return undefined;
    } catch (error) {
      this.#calls.delete(callId);
      entry.inbox.length = 0;
      return { error };
    } finally {
      entry.paused = false;
    }
  }

  /** Handles the events waiting in a call's inbox, in order, unless that is already under way. */
  #drain(callId: string, entry: Entry): void {
    if (entry.paused) return;
    entry.paused = true;
    try {
      while (this.#calls.get(callId) === entry && entry.inbox.length > 0) this.#onEvent(callId, entry.inbox.shift());
    } finally {
      entry.paused = false;
    }
  }

  #onIncoming(incoming: IncomingProviderCall): void {
    const call = incoming?.call;
    if (typeof call?.subscribe !== "function" || typeof call.hangUp !== "function" || typeof incoming.from !== "string" || typeof incoming.to !== "string") {
      return this.#owner.warn("unexpectedProviderEvent", "The provider reported an incoming call without a ProviderCall, from and to");
    }
    const callId = this.#owner.generateId();
    const entry = this.#track(callId);
    const failure = this.#follow(callId, entry, call);
    if (failure) {
      // Never announced, so HubSpot hears nothing; the caller is declined.
      this.#owner.logError("Provider subscribe() failed", failure.error);
      this.#owner.warn("unexpectedProviderEvent", "Declined an incoming call: the provider call's subscribe() failed");
      void this.#logged("reject", () => (call.reject ?? call.hangUp).call(call));
      return;
    }
    // The call is announced before any of its events (replayed ones included) is handled.
    entry.paused = true;
    try {
      this.#owner.dispatch({
        type: "providerIncoming",
        callId,
        from: incoming.from,
        to: incoming.to,
        createEngagement: this.#owner.createEngagement(),
        at: this.#owner.clock.now(),
      });
    } finally {
      entry.paused = false;
    }
    this.#drain(callId, entry);
  }

  #onEvent(callId: string, raw: unknown): void {
    const event = parseProviderEvent(raw, (message) => this.#owner.warn("unexpectedProviderEvent", message));
    const at = this.#owner.clock.now();
    if (!event) return this.#owner.warn("unexpectedProviderEvent", `Unusable provider event ${describe(raw)}`);
    switch (event.type) {
      case "ringing":
        return this.#owner.dispatch({ type: "providerRinging", callId });
      case "answered":
        return this.#owner.dispatch({ type: "providerAnswered", callId, at });
      case "ended":
        this.release(callId);
        return this.#owner.dispatch({ type: "providerEnded", callId, reason: event.reason, cause: event.cause, at });
      case "failed":
        return this.failed(callId, toCallingError(event.error, "PROVIDER_ERROR", "The call failed"), event.cause);
    }
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 200) ?? String(value);
  } catch {
    return String(value);
  }
}
