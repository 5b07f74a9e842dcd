import { describe, expect, it, vi } from "vitest";
import type { ProviderCallEvent, TelephonyProvider } from "../../src/index";
import {
  CONFORMANCE_SCENARIOS,
  type ConformanceScenario,
  providerConformance,
  simulatedProvider,
} from "../../src/testing/index";

const fast = { timeout: 2_000, quietMs: 30 };

const simulated = ({ scenario }: { scenario: ConformanceScenario }) =>
  simulatedProvider({
    outcome: scenario === "remoteHangUp" ? "answer" : scenario,
    ringAfterMs: 5,
    answerAfterMs: 10,
    ...(scenario === "remoteHangUp" ? { remoteHangUpAfterMs: 10 } : {}),
  });

describe("providerConformance: the simulated provider", () => {
  const checks = providerConformance(simulated, fast);

  it("has a named check for each behaviour the issue lists", () => {
    const names = checks.map((check) => check.name).join("\n");
    for (const word of ["dial()", "ringing", "answer", "remote hang-up", "local hang-up", "busy", "failure", "abort", "exactly once", "before dial() resolved"]) {
      expect(names).toContain(word);
    }
    expect(new Set(checks.map((check) => check.name)).size).toBe(checks.length);
  });

  for (const check of checks) {
    it(`passes: ${check.name}`, () => check.run());
  }

  it("leaves no timer running once the checks are done", async () => {
    // Every timer set while the checks run must have fired or been cleared.
    const running = new Set<unknown>();
    let created = 0;
    const { setTimeout: set, clearTimeout: clear } = globalThis;
    const setSpy = vi.spyOn(globalThis, "setTimeout").mockImplementation(((fn: () => void, ms?: number) => {
      const timer: unknown = set(() => {
        running.delete(timer);
        fn();
      }, ms);
      running.add(timer);
      created++;
      return timer;
    }) as typeof setTimeout);
    const clearSpy = vi.spyOn(globalThis, "clearTimeout").mockImplementation(((timer: Parameters<typeof clearTimeout>[0]) => {
      running.delete(timer);
      clear(timer);
    }) as typeof clearTimeout);
    try {
      for (const check of checks) await check.run();
    } finally {
      setSpy.mockRestore();
      clearSpy.mockRestore();
    }
    expect(created).toBeGreaterThan(0);
    expect(running.size).toBe(0);
  });

  it("gives each check a test timeout that covers its waits, longer than the runners' default of 5 s", () => {
    for (const check of providerConformance(simulated)) expect(check.testTimeout).toBeGreaterThan(6 * 10_000);
    for (const check of providerConformance(simulated, { timeout: 100, quietMs: 20 })) {
      expect(check.testTimeout).toBeGreaterThanOrEqual(6 * 100 + 2 * 20);
    }
  });

  it("asks the factory for every scenario, and disposes each provider", async () => {
    const asked: ConformanceScenario[] = [];
    const disposed: TelephonyProvider[] = [];
    const created: TelephonyProvider[] = [];
    const suite = providerConformance(
      (context) => {
        asked.push(context.scenario);
        const provider = simulated(context);
        created.push(provider);
        return provider;
      },
      { ...fast, dispose: (provider) => void disposed.push(provider) },
    );
    for (const check of suite) await check.run();
    expect(new Set(asked)).toEqual(new Set(CONFORMANCE_SCENARIOS));
    expect(disposed).toEqual(created);
  });
});

// A provider with deliberate defects, to prove the checks can fail.
type Defect =
  | "eventsBeforeDialResolved"
  | "endedTwice"
  | "ignoresAbort"
  | "hangUpThrowsAfterEnd"
  | "busyAnswersFirst"
  | "unsubscribeDoesNothing"
  | "badEndReason"
  | "neverEndsOnHangUp"
  | "failsWithString"
  | "badCause"
  | "hangsOnAbort"
  | "hangUpNeverSettles";

function brokenProvider(defect: Defect, scenario: ConformanceScenario): TelephonyProvider {
  return {
    async dial({ signal }) {
      if (signal.aborted && defect !== "ignoresAbort") throw new Error("aborted");
      if (defect === "hangsOnAbort") {
        // Checks the signal only after a moment, then never settles if it was aborted.
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (signal.aborted) await new Promise(() => {});
      }
      const listeners = new Set<(event: ProviderCallEvent) => void>();
      let ended = false;
      const report = (event: ProviderCallEvent) => {
        if (ended) return;
        if (event.type === "ended" || event.type === "failed") ended = defect !== "endedTwice";
        for (const listener of [...listeners]) listener(event);
      };
      const end = (event: ProviderCallEvent) => {
        report(event);
        if (defect === "endedTwice") setTimeout(() => report(event), 5);
      };
      const script: [number, () => void][] = [];
      const ring = () => report({ type: "ringing" });
      if (defect === "eventsBeforeDialResolved") ring();
      else script.push([5, ring]);
      if (scenario === "answer" || scenario === "remoteHangUp") script.push([10, () => report({ type: "answered" })]);
      if (scenario === "remoteHangUp") {
        script.push([20, () => end({ type: "ended", reason: defect === "badEndReason" ? ("hungUp" as never) : "completed" })]);
      }
      if (scenario === "busy") {
        if (defect === "busyAnswersFirst") script.push([10, () => report({ type: "answered" })]);
        const cause = defect === "badCause" ? ({ protocol: "SIP", code: "486" } as never) : { protocol: "SIP", code: 486, text: "Busy Here" };
        script.push([15, () => end({ type: "ended", reason: "busy", cause })]);
      }
      if (scenario === "fail") {
        script.push([10, () => end({ type: "failed", error: defect === "failsWithString" ? "boom" : new Error("boom") })]);
      }
      for (const [ms, step] of script) setTimeout(step, ms);
      return {
        subscribe(listener) {
          listeners.add(listener);
          return defect === "unsubscribeDoesNothing" ? () => {} : () => void listeners.delete(listener);
        },
        hangUp() {
          if (ended && defect === "hangUpThrowsAfterEnd") throw new Error("no such call");
          if (defect !== "neverEndsOnHangUp") end({ type: "ended", reason: "completed" });
          // Ends the call, but the promise the client waits on never settles.
          if (defect === "hangUpNeverSettles") return new Promise<void>(() => {});
        },
      };
    },
  };
}

/** Runs the suite against a provider with one defect; returns the names of the checks that failed, and why. */
async function failuresWith(defect: Defect): Promise<Map<string, string>> {
  const failures = new Map<string, string>();
  for (const check of providerConformance(({ scenario }) => brokenProvider(defect, scenario), { ...fast, timeout: 300 })) {
    await check.run().catch((error: Error) => failures.set(check.name, error.message));
  }
  return failures;
}

const failing = (failures: Map<string, string>, fragment: string) =>
  [...failures].filter(([name]) => name.includes(fragment)).map(([, message]) => message);

describe("providerConformance: a provider that breaks the rules fails the matching check", () => {
  it("events reported before dial() resolved are lost, and the check says so", async () => {
    const failures = await failuresWith("eventsBeforeDialResolved");
    expect(failing(failures, "before dial() resolved")).toEqual([expect.stringContaining("reported before dial() resolved is lost")]);
  });

  it("ended reported twice", async () => {
    const failures = await failuresWith("endedTwice");
    expect(failing(failures, "remote hang-up")).toEqual([expect.stringContaining("exactly once")]);
    expect(failing(failures, "busy")).toEqual([expect.stringContaining("exactly once")]);
  });

  it("dial() that never settles once its signal is aborted mid-dial", async () => {
    const failures = await failuresWith("hangsOnAbort");
    expect([...failures.keys()]).toEqual([expect.stringContaining("while dial() is pending")]);
    expect(failing(failures, "while dial() is pending")).toEqual([expect.stringContaining("did not settle")]);
  });

  it("dial() that ignores an aborted signal", async () => {
    const failures = await failuresWith("ignoresAbort");
    expect([...failures.keys()]).toEqual([expect.stringContaining("abort")]);
    expect(failing(failures, "abort")).toEqual([expect.stringContaining("it resolved")]);
  });

  it("hangUp() that throws after the call ended", async () => {
    const failures = await failuresWith("hangUpThrowsAfterEnd");
    expect(failing(failures, "remote hang-up")).toEqual([expect.stringContaining("hangUp() after the call ended must be safe")]);
  });

  it("a busy call that reports answered", async () => {
    const failures = await failuresWith("busyAnswersFirst");
    expect(failing(failures, "busy")).toEqual([expect.stringContaining("never be answered")]);
  });

  it("an unsubscribe function that does nothing", async () => {
    const failures = await failuresWith("unsubscribeDoesNothing");
    expect([...failures.keys()]).toEqual([expect.stringContaining("unsubscribe")]);
  });

  it("an end reason outside PROVIDER_END_REASONS", async () => {
    const failures = await failuresWith("badEndReason");
    expect(failing(failures, "remote hang-up")).toEqual([expect.stringMatching(/completed|not one of/)]);
  });

  it("a call that never reports ended after hangUp()", async () => {
    const failures = await failuresWith("neverEndsOnHangUp");
    expect(failing(failures, "hangUp() while connected")).toEqual([expect.stringContaining("Expected ended after hangUp()")]);
  });

  it("failed events whose error is not an Error", async () => {
    const failures = await failuresWith("failsWithString");
    expect(failing(failures, "failure")).toEqual([expect.stringContaining("failed.error should be an Error")]);
  });

  it("an ended event whose cause is not an EndCause (a well-formed one passes)", async () => {
    const failures = await failuresWith("badCause");
    expect([...failures.keys()]).toEqual([expect.stringContaining("busy")]);
    expect(failing(failures, "busy")).toEqual([expect.stringContaining("ended.cause {\"protocol\":\"SIP\",\"code\":\"486\"} is not an EndCause")]);
  });

  it("a factory that returns something else than a provider", async () => {
    const [first] = providerConformance(() => ({}) as TelephonyProvider, fast);
    await expect(first?.run()).rejects.toThrow(/must return a TelephonyProvider/);
  });

  it("hangUp() that never settles fails with a clear message instead of hanging the check", async () => {
    const checks = providerConformance(({ scenario }) => brokenProvider("hangUpNeverSettles", scenario), { ...fast, timeout: 200 });
    const failures = new Map<string, string>();
    // In parallel: each check waits for the timeout at least once.
    await Promise.all(checks.map((check) => check.run().catch((error: Error) => void failures.set(check.name, error.message))));
    expect(failing(failures, "can be subscribed to and hung up")).toEqual(["hangUp() did not settle within 200 ms"]);
    expect(failing(failures, "hangUp() while connected")).toEqual(["hangUp() did not settle within 200 ms"]);
    expect(failing(failures, "remote hang-up")).toEqual(["hangUp() did not settle within 200 ms after the call ended"]);
    expect(failing(failures, "busy")).toEqual([expect.stringContaining("when the check hung up its call at the end")]);
    expect(failures.size).toBeGreaterThan(3);
    for (const message of failures.values()) expect(message).toMatch(/^hangUp\(\) did not settle within 200 ms/);
    // The checks that never dial, or whose dial() rejects, still pass.
    expect([...failures.keys()].some((name) => name.includes("already-aborted"))).toBe(false);
  }, 6 * 200 + 2_000);
});
