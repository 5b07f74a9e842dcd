import type { TelephonyProvider } from "../providers/telephonyProvider";
import type { ConformanceScenario } from "./conformanceScenarios";

/**
 * Options of {@link providerConformance}.
 *
 * @example
 * ```ts
 * providerConformance(factory, {
 *   numbers: { busy: "+15005550000", fail: "+15005550001" },
 *   timeout: 20_000,
 * });
 * ```
 */
export interface ProviderConformanceOptions {
  /** The number dialled (default `+16175550100`). */
  to?: string;
  /** Numbers per scenario, for backends whose test numbers decide the outcome; override `to`. */
  numbers?: Partial<Record<ConformanceScenario, string>>;
  /** The caller id passed to `dial()` (default none). */
  from?: string;
  /**
   * How long to wait for each expected event, and for each `hangUp()` to
   * settle (default 10 s). A check takes up to several of these: give your
   * test runner {@link ConformanceCheck.testTimeout}.
   */
  timeout?: number;
  /** How long to watch for events that must not come, e.g. a second `ended` (default 150 ms). */
  quietMs?: number;
  /** Called after each check with the provider it created (close connections here). */
  dispose?: (provider: TelephonyProvider) => void | Promise<void>;
}
