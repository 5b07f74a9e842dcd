// A remote control for a simulated provider running inside the widget's
// iframe, driven from the page that plays HubSpot (the playground, an e2e
// test). It travels over a MessageChannel the widget opens to one named
// origin, so none of it passes through the widget's HubSpot transport.
import type { ProviderEndReason } from "../providers/telephonyProvider";
import { PROVIDER_END_REASONS } from "../providers/telephonyProvider";
import { SIMULATED_OUTCOMES, type SimulatedCall, type SimulatedOutcome, type SimulatedProvider } from "./simulatedProvider";

/**
 * What the page playing HubSpot can ask of the widget's simulated provider
 * (the "far end" and the voice network, which HubSpot itself never drives).
 *
 * - `incomingCall`: someone calls the user.
 * - `ring` / `remoteAnswer` / `remoteHangUp` / `fail`: act on the newest call
 *   that has not ended (an incoming call declined on a busy line ends at
 *   once, so the call in progress is meant); refused with "no live call"
 *   when every call has ended.
 * - `setOutcome`: what the next outbound calls do.
 *
 * @example
 * ```ts
 * await host.simulateProvider({ type: "incomingCall", from: "+16175550123", to: "+16175550199" });
 * await host.simulateProvider({ type: "remoteHangUp" });
 * ```
 */
export type SimulatorCommand =
  | {
      /** Someone calls the user. */
      type: "incomingCall";
      /** The caller's number. */
      from: string;
      /** The user's number that was called. */
      to: string;
    }
  | {
      /** The far end of the newest live call starts ringing. */
      type: "ring";
    }
  | {
      /** The far end answers the newest live call. */
      type: "remoteAnswer";
    }
  | {
      /** The far end hangs up the newest live call. */
      type: "remoteHangUp";
      /** Why (default: `completed` when connected, else `noAnswer`). */
      reason?: ProviderEndReason;
    }
  | {
      /** The network breaks the newest live call. */
      type: "fail";
      /** The error message the widget sees. */
      message?: string;
    }
  | {
      /** Changes what the next outbound calls do. */
      type: "setOutcome";
      /** The new outcome. */
      outcome: SimulatedOutcome;
    };

/**
 * Options of {@link acceptSimulatorControl}.
 *
 * @example
 * ```ts
 * acceptSimulatorControl(provider, { hostOrigin: "http://localhost:5173" });
 * ```
 */
export interface SimulatorControlOptions {
  /**
   * The one origin allowed to drive the provider: the page playing HubSpot.
   * The control channel is offered to `window.parent` only if it has this
   * origin (the browser enforces it).
   */
  hostOrigin: string;
  /** The widget's window (default the global `window`). */
  window?: Window;
}

/** @internal The marker of the widget's offer, on `window.parent`. */
export const CONTROL_OFFER = "hubspot-calling-kit:simulator-control";

/** @internal A request over the control port. */
export interface ControlRequest {
  id: number;
  command: SimulatorCommand;
}

/** @internal The widget's answer over the control port. */
export type ControlResponse = { id: number; ok: true } | { id: number; ok: false; error: string };

const isString = (value: unknown, max = 64): value is string => typeof value === "string" && value.length <= max;

/** Validates a command from the page; returns why it is unusable, or undefined. */
function problemOf(command: unknown): string | undefined {
  if (typeof command !== "object" || command === null) return "a command must be an object";
  const c = command as Record<string, unknown>;
  switch (c.type) {
    case "incomingCall":
      return isString(c.from) && /\d/.test(c.from) && isString(c.to) ? undefined : "incomingCall needs from and to phone numbers";
    case "ring":
    case "remoteAnswer":
      return undefined;
    case "remoteHangUp":
      return c.reason === undefined || (PROVIDER_END_REASONS as readonly unknown[]).includes(c.reason)
        ? undefined
        : `reason must be one of ${PROVIDER_END_REASONS.join(", ")}`;
    case "fail":
      return c.message === undefined || isString(c.message, 500) ? undefined : "message must be a string";
    case "setOutcome":
      return (SIMULATED_OUTCOMES as readonly unknown[]).includes(c.outcome)
        ? undefined
        : `outcome must be one of ${SIMULATED_OUTCOMES.join(", ")}`;
    default:
      return `unknown command ${JSON.stringify(String(c.type)).slice(0, 80)}`;
  }
}

/** The newest call that has not ended: not `lastCall()`, which may be an incoming call already declined. */
function liveCall(provider: SimulatedProvider): SimulatedCall {
  const calls = provider.calls;
  for (let i = calls.length - 1; i >= 0; i--) {
    const call = calls[i];
    if (call && call.state !== "ended") return call;
  }
  throw new Error(calls.length === 0 ? "no live call (there is no call yet)" : "no live call (every call has ended)");
}

function apply(provider: SimulatedProvider, command: SimulatorCommand): void {
  if (command.type === "incomingCall") return void provider.incoming({ from: command.from, to: command.to });
  if (command.type === "setOutcome") return provider.setOutcome(command.outcome);
  const call = liveCall(provider);
  if (command.type === "ring") call.ring();
  else if (command.type === "remoteAnswer") call.remoteAnswer();
  else if (command.type === "remoteHangUp") call.remoteHangUp(command.reason);
  else call.fail(new Error(command.message ?? "Simulated network failure"));
}

/**
 * Lets the page that plays HubSpot (the playground, a host simulator in an
 * end-to-end test) drive this widget's simulated provider: incoming calls,
 * the far end answering or hanging up, network failures. Call it in the
 * widget, only in development: it offers a private `MessageChannel` to
 * `window.parent`, delivered by the browser only if the parent has
 * `hostOrigin`; commands are validated before use. Returns a function that
 * closes the channel.
 *
 * @example
 * ```ts
 * const provider = simulatedProvider();
 * if (import.meta.env.DEV) acceptSimulatorControl(provider, { hostOrigin: "http://localhost:5173" });
 * ```
 */
export function acceptSimulatorControl(provider: SimulatedProvider, options: SimulatorControlOptions): () => void {
  const win = options.window ?? window;
  if (win.parent === win) return () => {};
  const channel = new MessageChannel();
  channel.port1.onmessage = (event: MessageEvent) => {
    const request = event.data as Partial<ControlRequest> | null;
    const id = typeof request?.id === "number" ? request.id : -1;
    const answer = (response: ControlResponse) => channel.port1.postMessage(response);
    const problem = problemOf(request?.command);
    if (problem) return answer({ id, ok: false, error: problem });
    try {
      apply(provider, request?.command as SimulatorCommand);
      answer({ id, ok: true });
    } catch (error) {
      answer({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  };
  // No `type` or `messageId`: HubSpot's SDK ignores this message.
  win.parent.postMessage({ [CONTROL_OFFER]: 1 }, options.hostOrigin, [channel.port2]);
  return () => {
    channel.port1.onmessage = null;
    channel.port1.close();
  };
}
