import { AbortError } from "../errors/abortError";
import { type Clock, systemClock } from "../internal/clock";
import type {
  EndCause,
  IncomingProviderCall,
  ProviderCall,
  ProviderCallEvent,
  ProviderEndReason,
  TelephonyProvider,
} from "../providers/telephonyProvider";

/**
 * What a simulated outbound call does on its own.
 *
 * @example
 * ```ts
 * SIMULATED_OUTCOMES.includes("busy"); // true
 * ```
 */
export const SIMULATED_OUTCOMES = ["answer", "busy", "noAnswer", "fail", "manual"] as const;

/**
 * One of {@link SIMULATED_OUTCOMES}; `manual` waits for your script
 * (`call.ring()`, `call.answer()`, `call.remoteHangUp()`, ...).
 *
 * @example
 * ```ts
 * simulatedProvider({ outcome: "noAnswer" satisfies SimulatedOutcome });
 * ```
 */
export type SimulatedOutcome = (typeof SIMULATED_OUTCOMES)[number];

/**
 * Options of {@link simulatedProvider}.
 *
 * @example
 * ```ts
 * simulatedProvider({ outcome: "answer", ringAfterMs: 100, answerAfterMs: 1_500 });
 * ```
 */
export interface SimulatedProviderOptions {
  /** What outbound calls do (default `"answer"`). */
  outcome?: SimulatedOutcome;
  /** Delay before ringing (default 50 ms). */
  ringAfterMs?: number;
  /** Delay from ringing to the outcome (default 200 ms). */
  answerAfterMs?: number;
  /** With outcome `answer`: the far end hangs up this long after answering (default: never, the app hangs up). */
  remoteHangUpAfterMs?: number;
  /** Make `dial()` itself reject with this error (e.g. no microphone). */
  dialError?: Error;
  /** Caller numbers offered by `listCallerNumbers()`. */
  callerNumbers?: string[];
  /**
   * How long `mute()`, `hold()` and `sendDigits()` take, like a slow voice
   * backend (default 0: done at once). The change applies when the time is
   * up; a call that ends meanwhile rejects them.
   */
  commandDelayMs?: number;
  /** Timers; a fake clock makes delays instant in tests. */
  clock?: Clock;
}

/**
 * A call of the simulated provider, scriptable from tests.
 *
 * @example
 * ```ts
 * const call = provider.lastCall()!;
 * call.answer();
 * call.remoteHangUp();
 * ```
 */
export interface SimulatedCall extends ProviderCall {
  /** `OUTBOUND` from `dial()`, `INBOUND` from `provider.incoming()`. */
  readonly direction: "OUTBOUND" | "INBOUND";
  /** The number called. */
  readonly to: string;
  /** The caller number, when known. */
  readonly from: string | undefined;
  /** Where the call is. */
  readonly state: "dialing" | "ringing" | "incoming" | "connected" | "ended";
  /** Whether the app muted the call. */
  readonly muted: boolean;
  /** Whether the app put the call on hold. */
  readonly held: boolean;
  /** DTMF digits the app sent, concatenated. */
  readonly digits: string;
  /** How it ended, once it did. */
  readonly endReason: ProviderEndReason | undefined;
  /** Far end starts ringing. */
  ring(): void;
  /**
   * Reports `answered`. Outbound: the far end picks up. Inbound: the call is
   * connected without `answer()` (as a provider that answers on its own, or
   * from a desk phone sharing the line, would report); the client connects
   * it as if the user had answered, and tells HubSpot CALL_ANSWERED.
   */
  remoteAnswer(): void;
  /**
   * Far end hangs up (or is busy, or does not answer); `cause` is the
   * backend's code the call reports with it, as a real provider would (e.g.
   * `{ protocol: "SIP", code: 486, text: "Busy Here" }`).
   */
  remoteHangUp(reason?: ProviderEndReason, details?: { cause?: EndCause }): void;
  /** The network or backend breaks the call, optionally with the backend's code. */
  fail(error?: Error, details?: { cause?: EndCause }): void;
}

/**
 * The simulated provider: a {@link TelephonyProvider} with scripted calls,
 * for tests and the playground.
 *
 * @example
 * ```ts
 * const provider = simulatedProvider({ outcome: "manual" });
 * provider.incoming({ from: "+16175550123", to: "+16175550199" });
 * ```
 */
export interface SimulatedProvider extends TelephonyProvider {
  /** Every call so far, oldest first. */
  readonly calls: readonly SimulatedCall[];
  /** The newest call. */
  lastCall(): SimulatedCall | undefined;
  /** Simulates an incoming call (needs a client listening). */
  incoming(call: { from: string; to: string }): SimulatedCall;
  /** Changes what the next outbound calls do. */
  setOutcome(outcome: SimulatedOutcome): void;
}

/**
 * Creates a {@link SimulatedProvider}: outbound calls ring, then answer, are
 * busy, go unanswered or fail, after configurable delays; inbound calls are
 * started from the test. It follows the provider rules (no events before
 * `dial()` resolved; `ended`/`failed` exactly once).
 *
 * @example
 * ```ts
 * const client = createCallingClient({
 *   provider: simulatedProvider({ outcome: "busy" }),
 *   transport: host.transport,
 * });
 * ```
 */
export function simulatedProvider(options: SimulatedProviderOptions = {}): SimulatedProvider {
  const clock = options.clock ?? systemClock;
  const calls: SimulatedCall[] = [];
  const incomingListeners = new Set<(incoming: IncomingProviderCall) => void>();
  let outcome = options.outcome ?? "answer";

  const createCall = (direction: "OUTBOUND" | "INBOUND", to: string, from: string | undefined) => {
    const listeners = new Set<(event: ProviderCallEvent) => void>();
    const timers = new Set<unknown>();
    const state = {
      state: (direction === "OUTBOUND" ? "dialing" : "incoming") as SimulatedCall["state"],
      muted: false,
      held: false,
      digits: "",
      endReason: undefined as ProviderEndReason | undefined,
    };
    const report = (event: ProviderCallEvent) => {
      for (const listener of [...listeners]) listener(event);
    };
    const end = (reason: ProviderEndReason, error?: Error, cause?: EndCause) => {
      if (state.state === "ended") return;
      state.state = "ended";
      state.endReason = reason;
      for (const timer of timers) clock.clearTimeout(timer);
      timers.clear();
      for (const stop of [...running]) stop();
      running.clear();
      const extra = cause ? { cause } : {};
      report(error ? { type: "failed", error, ...extra } : { type: "ended", reason, ...extra });
    };
    // Commands still running (commandDelayMs): each is told when the call ends.
    const running = new Set<() => void>();
    const command = (apply: () => void): void | Promise<void> => {
      const ms = options.commandDelayMs ?? 0;
      if (!(ms > 0)) return apply();
      return new Promise<void>((resolve, reject) => {
        const stop = () => {
          clock.clearTimeout(timer);
          reject(new Error("The call ended before the command finished"));
        };
        const timer = clock.setTimeout(() => {
          running.delete(stop);
          apply();
          resolve();
        }, ms);
        running.add(stop);
      });
    };
    const later = (ms: number, fn: () => void) => {
      const timer = clock.setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
    };
    const call: SimulatedCall = {
      direction,
      to,
      from,
      get state() { return state.state; },
      get muted() { return state.muted; },
      get held() { return state.held; },
      get digits() { return state.digits; },
      get endReason() { return state.endReason; },
      subscribe(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
      hangUp() {
        end(state.state === "connected" ? "completed" : "canceled");
      },
      answer() {
        if (state.state !== "incoming") throw new Error(`Cannot answer a call that is ${state.state}`);
        state.state = "connected";
      },
      reject() {
        end("rejected");
      },
      mute(muted) {
        return command(() => void (state.muted = muted));
      },
      hold(held) {
        return command(() => void (state.held = held));
      },
      sendDigits(digits) {
        return command(() => void (state.digits += digits));
      },
      ring() {
        if (state.state !== "dialing") return;
        state.state = "ringing";
        report({ type: "ringing" });
      },
      remoteAnswer() {
        if (state.state !== "dialing" && state.state !== "ringing" && state.state !== "incoming") return;
        state.state = "connected";
        report({ type: "answered" });
      },
      remoteHangUp(reason, details) {
        end(
          reason ?? (state.state === "connected" ? "completed" : state.state === "incoming" ? "missed" : "noAnswer"),
          undefined,
          details?.cause,
        );
      },
      fail(error, details) {
        end("failed", error ?? new Error("Simulated network failure"), details?.cause);
      },
    };
    calls.push(call);
    return { call, later };
  };

  return {
    get calls() {
      return calls;
    },
    lastCall: () => calls[calls.length - 1],
    setOutcome(next) {
      outcome = next;
    },
    async dial({ to, from, signal }) {
      if (options.dialError) throw options.dialError;
      if (signal?.aborted) throw new AbortError("the call to be placed", signal.reason);
      const { call, later } = createCall("OUTBOUND", to, from);
      // Fixed per call: setOutcome() changes later calls, not this one.
      const chosen = outcome;
      if (chosen !== "manual") {
        const ringAfter = options.ringAfterMs ?? 50;
        const settleAfter = ringAfter + (options.answerAfterMs ?? 200);
        if (chosen === "fail") {
          later(ringAfter, () => call.fail());
        } else {
          later(ringAfter, () => call.ring());
          later(settleAfter, () => {
            if (chosen === "answer") {
              call.remoteAnswer();
              const talk = options.remoteHangUpAfterMs;
              if (talk !== undefined) later(talk, () => call.remoteHangUp("completed"));
            } else call.remoteHangUp(chosen === "busy" ? "busy" : "noAnswer");
          });
        }
      }
      return call;
    },
    onIncoming(listener) {
      incomingListeners.add(listener);
      return () => void incomingListeners.delete(listener);
    },
    incoming({ from, to }) {
      const { call } = createCall("INBOUND", to, from);
      for (const listener of [...incomingListeners]) listener({ call, from, to });
      return call;
    },
    async listCallerNumbers() {
      return [...(options.callerNumbers ?? ["+1 617 555 0199", "+44 20 7946 0000"])];
    },
  };
}
