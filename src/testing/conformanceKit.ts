import type { ProviderCall, TelephonyProvider } from "../providers/telephonyProvider";
import type { ConformanceCheck } from "./conformanceCheck";
import { EventLog, TERMINAL, terminals } from "./conformanceEventLog";
import type { ConformanceScenario, ProviderFactory } from "./conformanceScenarios";
import type { ProviderConformanceOptions } from "./providerConformanceOptions";
import { hangUpWithin, NotSettledError, wait } from "./settleWithin";

/**
 * A call a check placed, with the log of its events.
 *
 * @internal
 */
export interface PlacedCall {
  call: ProviderCall;
  log: EventLog;
}

/**
 * What a check's body gets: its fresh provider, and `dial()` to place a call
 * on it that is subscribed to and hung up at the end.
 *
 * @internal
 */
export interface CheckContext {
  provider: TelephonyProvider;
  dial(signal?: AbortSignal): Promise<PlacedCall>;
}

/**
 * What the checks share: the options with their defaults, a bounded
 * `hangUp()`, the way a check is built, and the assertions several checks make.
 *
 * @internal
 */
export interface ConformanceKit {
  readonly options: ProviderConformanceOptions;
  readonly timeout: number;
  readonly quietMs: number;
  hangUp(call: ProviderCall): Promise<void>;
  check(name: string, scenario: ConformanceScenario, body: (context: CheckContext) => Promise<void>): ConformanceCheck;
  assertEndedOnce(log: EventLog): Promise<void>;
  assertHangUpSafeAfterEnd(call: ProviderCall, log: EventLog): Promise<void>;
}

/**
 * Throws an `Error` with `message` unless `condition` holds.
 *
 * @internal
 */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/**
 * The kit the checks of {@link providerConformance} are built with.
 *
 * @internal
 */
export function createConformanceKit(factory: ProviderFactory, options: ProviderConformanceOptions): ConformanceKit {
  const timeout = options.timeout ?? 10_000;
  const quietMs = options.quietMs ?? 150;
  // The longest check (local hang-up) waits for dial() (assumed to take no
  // longer than an event), answered, hangUp(), ended, hangUp() again and the
  // cleanup's hangUp(), and is quiet twice.
  const testTimeout = 6 * timeout + 2 * quietMs + 1_000;
  const hangUp = (call: ProviderCall) => hangUpWithin(call, timeout);

  /** Runs `body` with a fresh provider, and always cleans up. */
  const check = (
    name: string,
    scenario: ConformanceScenario,
    body: (context: CheckContext) => Promise<void>,
  ): ConformanceCheck => ({
    name,
    testTimeout,
    async run() {
      const provider = await factory({ scenario });
      assert(typeof provider?.dial === "function", "The factory must return a TelephonyProvider (an object with dial())");
      const calls: ProviderCall[] = [];
      const dial = async (signal = new AbortController().signal) => {
        const call = await provider.dial({
          to: options.numbers?.[scenario] ?? options.to ?? "+16175550100",
          ...(options.from === undefined ? {} : { from: options.from }),
          externalCallId: `conformance-${scenario}-${Math.random().toString(36).slice(2)}`,
          signal,
        });
        assert(
          typeof call?.subscribe === "function" && typeof call.hangUp === "function",
          "dial() must resolve with a ProviderCall: an object with subscribe() and hangUp()",
        );
        calls.push(call);
        const log = new EventLog(timeout);
        // Subscribed in the same microtask as dial() resolved: anything
        // reported earlier would be lost, which the checks then see.
        const unsubscribe = call.subscribe(log.listener);
        assert(typeof unsubscribe === "function", "subscribe() must return an unsubscribe function");
        return { call, log };
      };
      let failure: { error: unknown } | undefined;
      try {
        await body({ provider, dial });
      } catch (error) {
        failure = { error };
      }
      // Hang up every call (in parallel, each bounded by the timeout). A
      // hangUp() that throws here does not change the outcome (the checks
      // test throwing on their own); one that never settles fails a check
      // that passed: the widget's hang-up waits for it.
      const cleanup = await Promise.allSettled(calls.map((call) => hangUp(call)));
      await options.dispose?.(provider);
      if (failure) throw failure.error;
      for (const result of cleanup) {
        if (result.status === "rejected" && result.reason instanceof NotSettledError) {
          throw new NotSettledError(`${result.reason.message} (when the check hung up its call at the end)`);
        }
      }
    },
  });

  /** Waits `quietMs`, then checks nothing came after the end. */
  const assertEndedOnce = async (log: EventLog) => {
    await wait(quietMs);
    const ends = terminals(log.events);
    assert(ends.length === 1, `ended/failed must be reported exactly once; got ${log.describe()}`);
    assert(TERMINAL.has(log.events[log.events.length - 1]?.type ?? ""), `no event may follow ended/failed; got ${log.describe()}`);
    log.assertWellFormed();
  };

  /** hangUp() after the end must not throw nor report anything. */
  const assertHangUpSafeAfterEnd = async (call: ProviderCall, log: EventLog) => {
    const before = log.events.length;
    try {
      await hangUp(call);
    } catch (error) {
      if (error instanceof NotSettledError) throw new NotSettledError(`${error.message} after the call ended`);
      throw new Error(`hangUp() after the call ended must be safe; it threw ${String(error)}`);
    }
    await wait(quietMs);
    assert(log.events.length === before, `hangUp() after the end must report nothing; got ${log.describe()}`);
  };

  return { options, timeout, quietMs, hangUp, check, assertEndedOnce, assertHangUpSafeAfterEnd };
}
