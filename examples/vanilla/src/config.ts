// Where the widget's settings come from. Security-relevant settings (which
// pages may act as HubSpot) are fixed at build time, never read from the URL:
// any page can frame the widget with any query string it likes.
import { HUBSPOT_ORIGINS, type OriginMatcher } from "hubspot-calling-kit";
import { SIMULATED_OUTCOMES, type SimulatedOutcome } from "hubspot-calling-kit/testing";

/** How the simulated voice backend behaves (read from the URL: it is fake anyway). */
export interface SimulationOptions {
  /** What outbound calls do. */
  outcome: SimulatedOutcome;
  /** Delay before the far end rings. */
  ringAfterMs: number;
  /** Delay from ringing to the outcome. */
  answerAfterMs: number;
  /** Make every dial fail at once: no microphone, or the voice service unreachable. */
  dialError: "microphone" | "network" | undefined;
  /** How long mute, hold and keypad digits take (a slow voice backend). */
  commandDelayMs: number;
}

/** Everything the widget is configured with. */
export interface WidgetConfig {
  /** The product name shown in the header. */
  appName: string;
  /** Origins allowed to act as HubSpot. */
  allowedOrigins: readonly OriginMatcher[];
  /** The local playground's origin, when this build may be driven by it. */
  playgroundOrigin: string | undefined;
  /** The simulated provider's behaviour. */
  simulation: SimulationOptions;
}

function number(params: URLSearchParams, name: string, fallback: number): number {
  const value = Number(params.get(name));
  return params.has(name) && Number.isFinite(value) && value >= 0 && value <= 600_000 ? value : fallback;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((item) => item === value);
}

/** Reads the configuration: build-time env for security, the URL for the simulation. */
export function loadConfig(search: string = location.search): WidgetConfig {
  // `vite` (dev) allows the playground by default; `vite build` only when
  // VITE_PLAYGROUND_ORIGIN is set explicitly, so a production build copied
  // from this starter trusts nothing but HubSpot. (Written out in full so
  // that Vite replaces them and a production build drops the dev default.)
  const playgroundOrigin =
    import.meta.env.VITE_PLAYGROUND_ORIGIN || (import.meta.env.DEV ? "http://localhost:5173" : undefined);
  const params = new URLSearchParams(search);
  return {
    appName: "Acme Phone",
    allowedOrigins: [...HUBSPOT_ORIGINS, ...(playgroundOrigin ? [playgroundOrigin] : [])],
    playgroundOrigin,
    simulation: {
      outcome: oneOf(params.get("outcome"), SIMULATED_OUTCOMES) ?? "answer",
      ringAfterMs: number(params, "ringAfterMs", 600),
      answerAfterMs: number(params, "answerAfterMs", 1_800),
      dialError: oneOf(params.get("dialError"), ["microphone", "network"] as const),
      commandDelayMs: number(params, "commandDelayMs", 0),
    },
  };
}
