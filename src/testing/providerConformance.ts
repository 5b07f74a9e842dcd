import {
  PROVIDER_END_REASONS,
  type ProviderCall,
  type ProviderCallEvent,
  type ProviderEndReason,
  type TelephonyProvider,
} from "../providers/telephonyProvider";

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

const TERMINAL = new Set(["ended", "failed"]);

/** Collects one call's events and waits for the ones a check expects. */
class EventLog {
  readonly events: ProviderCallEvent[] = [];
  #wake = new Set<() => void>();
  #problems: string[] = [];

  constructor(readonly timeout: number) {}

  listener = (event: ProviderCallEvent) => {
    const problem = shapeProblem(event);
    if (problem) this.#problems.push(problem);
    this.events.push(event);
    for (const wake of [...this.#wake]) wake();
  };

  describe(): string {
    return this.events.length === 0 ? "no events" : `events [${this.events.map(describeEvent).join(", ")}]`;
  }

  assertWellFormed(): void {
    if (this.#problems.length > 0) throw new Error(`Malformed events: ${this.#problems.join("; ")}`);
  }

  /** Resolves once `done(events)` holds; rejects after the timeout with what was seen. */
  until(what: string, done: (events: ProviderCallEvent[]) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done(this.events)) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Expected ${what} within ${this.timeout} ms; got ${this.describe()}`));
      }, this.timeout);
      const cleanup = () => {
        clearTimeout(timer);
        this.#wake.delete(check);
      };
      this.#wake.add(check);
      check();
    });
  }
}

function describeEvent(event: ProviderCallEvent): string {
  if (typeof event !== "object" || event === null) return String(event);
  if (event.type === "ended") return `ended(${String(event.reason)})`;
  return String(event.type);
}

function shapeProblem(event: unknown): string | undefined {
  if (typeof event !== "object" || event === null) return `${String(event)} is not an event object`;
  const { type, reason, error } = event as { type?: unknown; reason?: unknown; error?: unknown };
  if (type === "ringing" || type === "answered") return undefined;
  const cause = (event as { cause?: unknown }).cause;
  if ((type === "ended" || type === "failed") && cause !== undefined && !isEndCause(cause)) {
    return `${type}.cause ${describeValue(cause)} is not an EndCause ({ protocol: 1-32 characters, code: an integer >= 0, text: a string of at most 200 })`;
  }
  if (type === "ended") {
    return (PROVIDER_END_REASONS as readonly unknown[]).includes(reason)
      ? undefined
      : `ended.reason ${JSON.stringify(reason)} is not one of ${PROVIDER_END_REASONS.join(", ")}`;
  }
  if (type === "failed") return error instanceof Error ? undefined : "failed.error should be an Error (the widget shows its message)";
  return `unknown event type ${JSON.stringify(type)}`;
}

function isEndCause(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const { protocol, code, text } = value as { protocol?: unknown; code?: unknown; text?: unknown };
  return (
    typeof protocol === "string" && protocol.length > 0 && protocol.length <= 32 &&
    Number.isSafeInteger(code) && (code as number) >= 0 &&
    typeof text === "string" && text.length <= 200
  );
}

function describeValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Thrown when something the provider must settle did not within the timeout. */
class NotSettledError extends Error {
  override name = "NotSettledError";
}

/**
 * Resolves with `{ value }` once `work` settles, or with `undefined` after
 * `ms`; rejects if `work` throws or rejects first. Its timer never outlives
 * it, so a passing check leaves no timer behind.
 */
function within<T>(ms: number, work: () => T | PromiseLike<T>): Promise<{ value: T } | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    new Promise<T>((settle) => settle(work())).then(
      (value) => {
        clearTimeout(timer);
        resolve({ value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Awaits `call.hangUp()` for at most `ms`; one that never settles fails the check instead of hanging it. */
async function hangUpWithin(call: ProviderCall, ms: number): Promise<void> {
  if (!(await within(ms, () => call.hangUp()))) throw new NotSettledError(`hangUp() did not settle within ${ms} ms`);
}

const terminals = (events: ProviderCallEvent[]) => events.filter((event) => TERMINAL.has(event.type));
const count = (events: ProviderCallEvent[], type: ProviderCallEvent["type"]) => events.filter((e) => e.type === type).length;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

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
    body: (context: { provider: TelephonyProvider; dial(signal?: AbortSignal): Promise<{ call: ProviderCall; log: EventLog }> }) => Promise<void>,
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

  return [
    check("dial() resolves with a ProviderCall that can be subscribed to and hung up", "answer", async ({ dial }) => {
      const { call, log } = await dial();
      await hangUp(call);
      await log.until("ended after hangUp()", (events) => terminals(events).length > 0);
      log.assertWellFormed();
    }),

    check("reports ringing, then answered, and nothing is reported before dial() resolved", "answer", async ({ dial }) => {
      const { log } = await dial();
      await log.until("ringing then answered", (events) => count(events, "answered") > 0 || terminals(events).length > 0);
      const types = log.events.map((event) => event.type);
      assert(
        types[0] === "ringing",
        `the first event must be ringing (an event reported before dial() resolved is lost: queue events until then); got ${log.describe()}`,
      );
      assert(types[1] === "answered" && types.length === 2, `expected [ringing, answered]; got ${log.describe()}`);
      log.assertWellFormed();
    }),

    check("answer: reports answered once and stays connected until hung up", "answer", async ({ dial }) => {
      const { log } = await dial();
      await log.until("answered", (events) => count(events, "answered") > 0 || terminals(events).length > 0);
      await wait(quietMs);
      assert(count(log.events, "answered") === 1, `answered must be reported once; got ${log.describe()}`);
      assert(terminals(log.events).length === 0, `the call must stay connected until hung up; got ${log.describe()}`);
    }),

    check("remote hang-up: reports ended (completed) exactly once after answered; hangUp() afterwards is safe", "remoteHangUp", async ({ dial }) => {
      const { call, log } = await dial();
      await log.until("answered, then ended", (events) => terminals(events).length > 0);
      const last = log.events[log.events.length - 1];
      assert(count(log.events, "answered") === 1, `the call must be answered before the far end hangs up; got ${log.describe()}`);
      assert(last?.type === "ended" && last.reason === "completed", `a remote hang-up must end with reason completed; got ${log.describe()}`);
      await assertEndedOnce(log);
      await assertHangUpSafeAfterEnd(call, log);
    }),

    check("local hang-up: hangUp() while connected reports ended exactly once; a second hangUp() is safe", "answer", async ({ dial }) => {
      const { call, log } = await dial();
      await log.until("answered", (events) => count(events, "answered") > 0 || terminals(events).length > 0);
      assert(terminals(log.events).length === 0, `the call ended before it could be hung up; got ${log.describe()}`);
      await hangUp(call);
      await log.until("ended after hangUp()", (events) => terminals(events).length > 0);
      const last = log.events[log.events.length - 1];
      assert(
        last?.type === "ended" && (last.reason === "completed" || last.reason === "canceled"),
        `hangUp() while connected must end with reason completed (or canceled); got ${log.describe()}`,
      );
      await assertEndedOnce(log);
      await assertHangUpSafeAfterEnd(call, log);
    }),

    check("local hang-up while ringing: reports ended exactly once", "answer", async ({ dial }) => {
      const { call, log } = await dial();
      await log.until("ringing", (events) => events.length > 0);
      await hangUp(call);
      await log.until("ended after hangUp()", (events) => terminals(events).length > 0);
      const last = log.events[log.events.length - 1];
      const allowed: ProviderEndReason[] = ["canceled", "completed"];
      assert(
        last?.type === "ended" && allowed.includes(last.reason),
        `hangUp() while ringing must end with reason canceled; got ${log.describe()}`,
      );
      await assertEndedOnce(log);
    }),

    check("busy: reports ended (busy) exactly once, never answered", "busy", async ({ dial }) => {
      const { log } = await dial();
      await log.until("ended (busy)", (events) => terminals(events).length > 0);
      const last = log.events[log.events.length - 1];
      assert(last?.type === "ended" && last.reason === "busy", `a busy far end must end with reason busy; got ${log.describe()}`);
      assert(count(log.events, "answered") === 0, `a busy call must never be answered; got ${log.describe()}`);
      await assertEndedOnce(log);
    }),

    check("failure: dial() rejects with an Error, or the call reports failed exactly once, never answered", "fail", async ({ dial }) => {
      let placed: Awaited<ReturnType<typeof dial>>;
      try {
        placed = await dial();
      } catch (error) {
        assert(error instanceof Error, `dial() must reject with an Error; it rejected with ${String(error)}`);
        return;
      }
      const { log } = placed;
      await log.until("failed (or ended with reason failed)", (events) => terminals(events).length > 0);
      const last = log.events[log.events.length - 1];
      assert(
        last?.type === "failed" || (last?.type === "ended" && last.reason === "failed"),
        `a broken call must report failed; got ${log.describe()}`,
      );
      assert(count(log.events, "answered") === 0, `a failed call must not be answered; got ${log.describe()}`);
      await assertEndedOnce(log);
    }),

    check("abort: dial() with an already-aborted signal rejects", "answer", async ({ provider }) => {
      const controller = new AbortController();
      controller.abort(new Error("the user hung up first"));
      let outcome = "pending" as "resolved" | "rejected" | "pending";
      const attempt = provider
        .dial({ to: options.to ?? "+16175550100", externalCallId: "conformance-abort", signal: controller.signal })
        .then(
          async (call) => {
            outcome = "resolved";
            if (typeof call?.hangUp === "function") await hangUp(call);
          },
          () => void (outcome = "rejected"),
        );
      await within(timeout, () => attempt);
      assert(outcome === "rejected", `dial() must reject when its signal is already aborted; it ${outcome === "pending" ? "did not settle" : "resolved"}`);
    }),

    check("abort: a signal aborted while dial() is pending settles dial(), and a call it still returns can be hung up", "answer", async ({ provider }) => {
      const controller = new AbortController();
      const pending = provider.dial({ to: options.to ?? "+16175550100", externalCallId: "conformance-abort-pending", signal: controller.signal });
      controller.abort(new Error("the user hung up while dialing"));
      let outcome: { call: ProviderCall } | { error: unknown } | undefined;
      await within(timeout, () => pending.then((call) => void (outcome = { call }), (error: unknown) => void (outcome = { error })));
      assert(outcome !== undefined, "dial() must settle (reject, or resolve with a call) once its signal is aborted; it did not settle");
      if ("call" in outcome) {
        // The client hangs up a call that arrives after the user gave up: it must end.
        const log = new EventLog(timeout);
        outcome.call.subscribe(log.listener);
        await hangUp(outcome.call);
        await log.until("ended or failed after hangUp()", (events) => terminals(events).length > 0);
      }
    }),

    check("unsubscribe: a listener that unsubscribed gets no more events", "answer", async ({ dial }) => {
      const { call, log } = await dial();
      const stray: ProviderCallEvent[] = [];
      const unsubscribe = call.subscribe((event) => stray.push(event));
      unsubscribe();
      await log.until("answered", (events) => count(events, "answered") > 0 || terminals(events).length > 0);
      assert(stray.length === 0, `an unsubscribed listener received [${stray.map(describeEvent).join(", ")}]`);
    }),
  ];
}
