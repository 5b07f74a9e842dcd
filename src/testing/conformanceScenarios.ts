import type { TelephonyProvider } from "../providers/telephonyProvider";

/**
 * What the far end does in a conformance check; the factory must return a
 * provider whose call to the scenario's number behaves that way.
 *
 * - `answer`: rings, answers, and stays connected until the app hangs up.
 * - `remoteHangUp`: rings, answers, then the far end hangs up.
 * - `busy`: the far end is busy.
 * - `fail`: the call cannot be placed, or the network breaks it.
 *
 * @example
 * ```ts
 * CONFORMANCE_SCENARIOS; // ["answer", "remoteHangUp", "busy", "fail"]
 * ```
 */
export const CONFORMANCE_SCENARIOS = ["answer", "remoteHangUp", "busy", "fail"] as const;

/**
 * One of {@link CONFORMANCE_SCENARIOS}.
 *
 * @example
 * ```ts
 * const scenario: ConformanceScenario = "busy";
 * ```
 */
export type ConformanceScenario = (typeof CONFORMANCE_SCENARIOS)[number];

/**
 * Creates a fresh provider for one check, set up so that calls behave as the
 * scenario says (a simulated far end, or a test backend's special numbers
 * given in {@link ProviderConformanceOptions.numbers}).
 *
 * @example
 * ```ts
 * const factory: ProviderFactory = ({ scenario }) =>
 *   simulatedProvider({
 *     outcome: scenario === "remoteHangUp" ? "answer" : scenario,
 *     remoteHangUpAfterMs: scenario === "remoteHangUp" ? 100 : undefined,
 *   });
 * ```
 */
export type ProviderFactory = (context: {
  /** How the far end behaves in this check. */
  scenario: ConformanceScenario;
}) => TelephonyProvider | Promise<TelephonyProvider>;
