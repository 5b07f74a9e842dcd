import { abortChecks } from "./abortChecks";
import { callFlowChecks, unsubscribeCheck } from "./callFlowChecks";
import type { ConformanceCheck } from "./conformanceCheck";
import { createConformanceKit } from "./conformanceKit";
import type { ProviderFactory } from "./conformanceScenarios";
import type { ProviderConformanceOptions } from "./providerConformanceOptions";
// Only named by the TSDoc below; in scope so that its {@link} resolves.
import type { TelephonyProvider } from "../providers/telephonyProvider";

/**
 * The checks every {@link TelephonyProvider} must pass: dialing, ringing,
 * answering, remote and local hang-up, busy, failure and abort, plus the
 * provider rules (no event before `dial()` resolved, `ended`/`failed` exactly
 * once, `hangUp()` safe after the end, unsubscribe works). Each check is a
 * plain async function that creates its own provider with `factory`, so it
 * runs from any test runner, or none.
 *
 * @example
 * ```ts
 * import { describe, it } from "vitest";
 * import { providerConformance } from "hubspot-calling-kit/testing";
 *
 * describe("my provider", () => {
 *   for (const check of providerConformance(({ scenario }) => createMyProvider({ testMode: scenario }))) {
 *     it(check.name, check.run, check.testTimeout);
 *   }
 * });
 * ```
 */
export function providerConformance(
  factory: ProviderFactory,
  options: ProviderConformanceOptions = {},
): ConformanceCheck[] {
  const kit = createConformanceKit(factory, options);
  return [...callFlowChecks(kit), ...abortChecks(kit), unsubscribeCheck(kit)];
}
