import type { ProviderCall } from "../providers/telephonyProvider";
import type { ConformanceCheck } from "./conformanceCheck";
import { EventLog, terminals } from "./conformanceEventLog";
import { assert, type ConformanceKit } from "./conformanceKit";
import { within } from "./settleWithin";

/**
 * The checks of `dial()`'s signal: aborted before the call, and while
 * `dial()` is pending.
 *
 * @internal
 */
export function abortChecks({ check, hangUp, options, timeout }: ConformanceKit): ConformanceCheck[] {
  return [
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
  ];
}
