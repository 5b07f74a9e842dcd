import { describe, expect, it } from "vitest";
import { createCallingClient, TimeoutError } from "../../src/index";
import { createFakeClock, createMemoryTransport, simulatedProvider } from "../../src/testing/index";

describe("createFakeClock", () => {
  it("runs timers in due order when time advances, including timers they schedule", () => {
    const clock = createFakeClock({ now: 0 });
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 200);
    clock.setTimeout(() => {
      fired.push(`a@${clock.now()}`);
      clock.setTimeout(() => fired.push(`c@${clock.now()}`), 50);
    }, 100);
    clock.setTimeout(() => fired.push(`d@${clock.now()}`), 500);
    clock.advance(199);
    expect(fired).toEqual(["a@100", "c@150"]);
    expect(clock.now()).toBe(199);
    clock.advance(1);
    expect(fired).toEqual(["a@100", "c@150", "b@200"]);
    expect(clock.pending).toBe(1);
  });

  it("keeps scheduling order for timers due at the same time, and cancels", () => {
    const clock = createFakeClock({ now: 0 });
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(1), 10);
    const second = clock.setTimeout(() => fired.push(2), 10);
    clock.setTimeout(() => fired.push(3), 10);
    clock.clearTimeout(second);
    clock.advance(10);
    expect(fired).toEqual([1, 3]);
  });

  it("runAll moves time to each timer and refuses to loop forever", () => {
    const clock = createFakeClock({ now: 1_000, maxTimers: 50 });
    let at = 0;
    clock.setTimeout(() => (at = clock.now()), 5_000);
    clock.runAll();
    expect(at).toBe(6_000);
    const again = () => clock.setTimeout(again, 1);
    again();
    expect(() => clock.runAll()).toThrow(/more than 50 timers/);
  });

  it("rejects negative or non-finite advances and never moves backwards", () => {
    const clock = createFakeClock({ now: 100 });
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    clock.setNow(50);
    expect(clock.now()).toBe(100);
    clock.setNow(500);
    expect(clock.now()).toBe(500);
  });

  it("drives a whole client call without waiting: delays and timeouts are instant", async () => {
    const clock = createFakeClock();
    const host = createMemoryTransport({ clock });
    const provider = simulatedProvider({ clock, ringAfterMs: 2_000, answerAfterMs: 10_000 });
    const client = createCallingClient({ provider, transport: host.transport, clock });
    host.sync();
    await client.ready();
    await client.logIn();
    const call = await client.dial({ toNumber: "+16175550100" });
    await clock.advanceAsync(12_000);
    expect(call.snapshot.status).toBe("connected");
    expect(call.snapshot.answeredAt).toBe(call.snapshot.startedAt + 12_000);

    // A 30 s timeout passes in no real time.
    const waiting = call.waitFor("completed", { timeout: 30_000 });
    waiting.catch(() => {}); // asserted below, after time moved
    await clock.advanceAsync(30_000);
    await expect(waiting).rejects.toBeInstanceOf(TimeoutError);
    client.destroy();
  });
});
