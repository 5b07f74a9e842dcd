// The voice backend. This starter ships with the simulated provider so it
// runs with no telephony account: calls ring, answer (or are busy, or fail)
// after a delay, and no audio flows.
//
// REPLACE THIS FILE with your own TelephonyProvider: WebRTC, SIP over
// WebSocket, or your cloud voice API's browser SDK. Only dial() is required;
// check your implementation with providerConformance() from
// hubspot-calling-kit/testing.
import { type SimulatedProvider, simulatedProvider } from "hubspot-calling-kit/testing";
import type { SimulationOptions } from "./config";

/** The error a browser gives when the user (or a policy) blocks the microphone. */
function microphoneBlocked(): Error {
  return new DOMException("Permission denied", "NotAllowedError");
}

/** Creates the widget's voice backend. */
export function createProvider(options: SimulationOptions): SimulatedProvider {
  return simulatedProvider({
    outcome: options.outcome,
    ringAfterMs: options.ringAfterMs,
    answerAfterMs: options.answerAfterMs,
    commandDelayMs: options.commandDelayMs,
    callerNumbers: ["+1 617 555 0199", "+1 415 555 0142", "+44 20 7946 0000"],
    ...(options.dialError === "microphone" ? { dialError: microphoneBlocked() } : {}),
    ...(options.dialError === "network"
      ? { dialError: new TypeError("Failed to fetch (the voice service could not be reached)") }
      : {}),
  });
}
