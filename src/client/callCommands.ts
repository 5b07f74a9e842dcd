import { CallingError } from "../errors/callingError";
import { InvalidStateError } from "../errors/invalidStateError";
import type { AbortOptions } from "../internal/abortOptions";
import { quiet } from "../internal/awaitable";
import type { Clock } from "../internal/clock";
import type { MachineEvent } from "../machine/machineEvent";
import type { CallSnapshot } from "../machine/callSnapshot";
import { type CallingSnapshot, isCallActive } from "../machine/snapshot";
import type { ProviderBridge } from "./providerBridge";
import { awaitProvider, toProviderError } from "./providerWork";
import { UnconfirmedCommands } from "./unconfirmedCommands";

/** What the call commands need from their client. @internal */
export interface CommandRunner {
  readonly clock: Clock;
  snapshot(): CallingSnapshot;
  /**
   * Runs a user command through the machine; throws `InvalidStateError` when
   * the machine refuses it. Returns the provider work the command started.
   */
  run(event: MachineEvent): Promise<void>[];
  /** Feeds the machine an event (not a user command: never refused). */
  dispatch(event: MachineEvent): void;
  destroyedError(): CallingError | null;
}

/** What happens once the provider answered a command, whoever still waits for it. */
type FollowUp = { succeeded(): void; failed(failure: CallingError): void };

/**
 * The commands of a call handle (hang up, answer, mute, hold, digits, ...):
 * each changes the snapshot at once and waits, bounded, for the provider's
 * part; what the provider answers later (a refused mute, a failed answer)
 * is applied even when the caller stopped waiting. @internal
 */
export class CallCommands {
  #runner: CommandRunner;
  #bridge: ProviderBridge;
  // Mutes and holds sent to the provider and not answered yet, to undo the right one on a refusal.
  #unconfirmed = new UnconfirmedCommands();

  constructor(runner: CommandRunner, bridge: ProviderBridge) {
    this.#runner = runner;
    this.#bridge = bridge;
  }

  /** A command from a call handle; waits (bounded) for the provider's part. */
  async run(
    callId: string,
    event: MachineEvent,
    feature: "answer" | "mute" | "hold" | undefined,
    options?: AbortOptions,
  ): Promise<void> {
    if (feature) this.#needs(callId, feature);
    const before = this.#runner.snapshot().call;
    const work = this.#runner.run(event);
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
    await awaitProvider(event.type, quiet(done), options ?? {}, this.#runner.clock);
  }

  async sendDigits(callId: string, digits: string, options?: AbortOptions): Promise<void> {
    const destroyed = this.#runner.destroyedError();
    if (destroyed) throw destroyed;
    const call = this.#runner.snapshot().call;
    if (call?.id !== callId || (call.status !== "connected" && call.status !== "onHold")) {
      throw new InvalidStateError("sendDigits", call?.status ?? "idle", "sendDigits needs a connected call");
    }
    this.#needs(callId, "sendDigits");
    await awaitProvider("send digits", this.#bridge.sendDigits(callId, digits), options ?? {}, this.#runner.clock);
  }

  /** What the provider's answer to `answer`, `mute` or `hold` changes (other commands: nothing). */
  #followUp(callId: string, event: MachineEvent, before: CallSnapshot): FollowUp | undefined {
    const current = () => {
      const call = this.#runner.snapshot().call;
      return call?.id === callId && isCallActive(call) ? call : null;
    };
    switch (event.type) {
      case "answer":
        return {
          // The provider confirmed: now the call connects (CALL_ANSWERED, callConnected), unless
          // the provider already reported `answered` or the call ended meanwhile.
          succeeded: () => {
            if (current()?.answering) this.#runner.dispatch({ type: "providerAnswered", callId, at: this.#runner.clock.now() });
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

  /** Tracks a mute or hold until the provider answers; a refusal puts the field back. */
  #track(callId: string, field: "muted" | "held", value: boolean, was: boolean): FollowUp {
    return this.#unconfirmed.track(callId, field, value, was, (restored) =>
      this.#runner.dispatch({ type: "providerRollback", callId, [field]: restored }),
    );
  }

  /** Throws NOT_SUPPORTED when the call's provider lacks an optional feature. */
  #needs(callId: string, feature: "answer" | "mute" | "hold" | "sendDigits"): void {
    if (this.#bridge.lacks(callId, feature)) {
      throw new CallingError("NOT_SUPPORTED", `The telephony provider does not support ${feature}()`);
    }
  }
}
