/**
 * One named conformance check; `run()` resolves when the provider passed and
 * rejects with an `Error` saying what it did wrong.
 *
 * @example
 * ```ts
 * for (const check of providerConformance(factory)) {
 *   it(check.name, check.run, check.testTimeout);
 * }
 * ```
 */
export interface ConformanceCheck {
  /** What is checked, as a sentence (use it as the test's name). */
  name: string;
  /** Runs the check with a fresh provider from the factory. */
  run(): Promise<void>;
  /**
   * A timeout for the test that runs this check (ms), derived from the
   * options: the most `run()` takes when `dial()`, each event and each
   * `hangUp()` come within `timeout`, plus a margin for the factory and
   * `dispose`. Pass it to
   * your runner (vitest's and Jest's default of 5 s is shorter than the
   * default `timeout` of 10 s), so that the check's own message, not the
   * runner's, says what went wrong.
   */
  readonly testTimeout: number;
}
