import { type CallingError, toCallingError } from "../errors/callingError";
import { ProviderError } from "../errors/providerError";
import type { Clock } from "../internal/clock";
import type { Effect, WarningCode } from "../machine/effect";
import type { MachineEvent } from "../machine/machineEvent";
import type { CallingSnapshot } from "../machine/snapshot";
import type { IncomingProviderCall, ProviderCall, TelephonyProvider } from "../providers/telephonyProvider";
import { parseProviderEvent } from "./providerEvents";

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

type Entry = { controller: AbortController; call?: ProviderCall; unsubscribe?: () => void };
type ProviderEffect = Extract<Effect, { type: "provider" }>;

/**
 * Connects the machine to the telephony provider: places calls, listens to
 * each call's events (validated; providers are outside code too), takes
 * incoming calls, and performs the machine's provider effects. One entry per
 * live call, released when it ends, so nothing accumulates. @internal
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
        entry?.controller.abort(); // a dial still in flight hangs up when it resolves
        const work = call && run(() => (effect.action === "reject" ? (call.reject ?? call.hangUp).call(call) : call.hangUp()));
        this.release(callId);
        return work;
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
    const work = attempt(fn);
    work.catch((error: unknown) => this.#owner.logError(`Provider ${action}() failed`, error));
    return work;
  }

  /** Sends DTMF digits on a live call. */
  async sendDigits(callId: string, digits: string): Promise<void> {
    await attempt(() => this.#calls.get(callId)?.call?.sendDigits?.(digits));
  }

  /** Ends the bridge: aborts dials, stops listening, hangs up a live call. */
  destroy(hangUpLive: boolean): void {
    for (const entry of this.#calls.values()) {
      entry.controller.abort();
      entry.unsubscribe?.();
      if (hangUpLive && entry.call) void this.#logged("hangUp", () => entry.call?.hangUp());
    }
    this.#calls.clear();
  }

  release(callId: string): void {
    this.#calls.get(callId)?.unsubscribe?.();
    this.#calls.delete(callId);
  }

  /** A provider failure: the call ends FAILED with this error. */
  failed(callId: string, error: CallingError): void {
    const failure = error.code === "PROVIDER_ERROR" ? error : new ProviderError(error.message, { cause: error });
    this.#owner.recordFailure(callId, failure);
    this.release(callId);
    this.#owner.dispatch({
      type: "providerFailed",
      callId,
      error: { code: failure.code, message: failure.message },
      at: this.#owner.clock.now(),
    });
  }

  async #dial(callId: string): Promise<void> {
    const snapshot = this.#owner.snapshot().call;
    if (!snapshot || snapshot.id !== callId) return;
    const entry: Entry = { controller: new AbortController() };
    this.#calls.set(callId, entry);
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
      this.#calls.delete(callId);
      if (!entry.controller.signal.aborted) this.failed(callId, toCallingError(error, "PROVIDER_ERROR", "The call could not be placed"));
      return;
    }
    if (entry.controller.signal.aborted || this.#calls.get(callId) !== entry) {
      // Hung up (or destroyed) while dialing: end the provider's call too.
      void this.#logged("hangUp", () => call.hangUp());
      return;
    }
    this.#follow(callId, entry, call);
  }

  /** Keeps the provider's call in its entry and listens to its events. */
  #follow(callId: string, entry: Entry, call: ProviderCall): void {
    entry.call = call;
    entry.unsubscribe = call.subscribe((event) => this.#onEvent(callId, event));
  }

  #onIncoming(incoming: IncomingProviderCall): void {
    const call = incoming?.call;
    if (typeof call?.subscribe !== "function" || typeof call.hangUp !== "function" || typeof incoming.from !== "string" || typeof incoming.to !== "string") {
      return this.#owner.warn("unexpectedProviderEvent", "The provider reported an incoming call without a ProviderCall, from and to");
    }
    const callId = this.#owner.generateId();
    const entry: Entry = { controller: new AbortController() };
    this.#calls.set(callId, entry);
    this.#follow(callId, entry, call);
    this.#owner.dispatch({
      type: "providerIncoming",
      callId,
      from: incoming.from,
      to: incoming.to,
      createEngagement: this.#owner.createEngagement(),
      at: this.#owner.clock.now(),
    });
  }

  #onEvent(callId: string, raw: unknown): void {
    const event = parseProviderEvent(raw);
    const at = this.#owner.clock.now();
    if (!event) return this.#owner.warn("unexpectedProviderEvent", `Unusable provider event ${describe(raw)}`);
    switch (event.type) {
      case "ringing":
        return this.#owner.dispatch({ type: "providerRinging", callId });
      case "answered":
        return this.#owner.dispatch({ type: "providerAnswered", callId, at });
      case "ended":
        this.release(callId);
        return this.#owner.dispatch({ type: "providerEnded", callId, reason: event.reason, at });
      case "failed":
        return this.failed(callId, toCallingError(event.error, "PROVIDER_ERROR", "The call failed"));
    }
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

function describe(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 200) ?? String(value);
  } catch {
    return String(value);
  }
}
