import type { ProviderCallEvent, ProviderEndReason } from "../providers/telephonyProvider";
import type { ConformanceCheck } from "./conformanceCheck";
import { count, describeEvent, terminals } from "./conformanceEventLog";
import { assert, type ConformanceKit } from "./conformanceKit";
import { wait } from "./settleWithin";

/**
 * The checks of a call's course: dialing, ringing, answering, remote and
 * local hang-up, busy and failure, in this order.
 *
 * @internal
 */
export function callFlowChecks({ check, hangUp, quietMs, assertEndedOnce, assertHangUpSafeAfterEnd }: ConformanceKit): ConformanceCheck[] {
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
  ];
}

/**
 * The check that a listener that unsubscribed gets no more events.
 *
 * @internal
 */
export function unsubscribeCheck({ check }: ConformanceKit): ConformanceCheck {
  return check("unsubscribe: a listener that unsubscribed gets no more events", "answer", async ({ dial }) => {
    const { call, log } = await dial();
    const stray: ProviderCallEvent[] = [];
    const unsubscribe = call.subscribe((event) => stray.push(event));
    unsubscribe();
    await log.until("answered", (events) => count(events, "answered") > 0 || terminals(events).length > 0);
    assert(stray.length === 0, `an unsubscribed listener received [${stray.map(describeEvent).join(", ")}]`);
  });
}
