import { afterEach, describe, expect, it, vi } from "vitest";
import { systemServerClock } from "../../src/server/serverClock";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("systemServerClock", () => {
  it("sleeps longer than setTimeout allows by chaining timers, never one that would overflow", async () => {
    vi.useFakeTimers();
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    const total = 2 ** 31 + 5;
    let done = false;
    const sleeping = systemServerClock()
      .sleep(total)
      .then(() => (done = true));
    await vi.advanceTimersByTimeAsync(2 ** 31 - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(6);
    await sleeping;
    expect(done).toBe(true);
    const delays = setTimeoutSpy.mock.calls.map((call) => call[1] ?? 0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(2 ** 31 - 1);
  });

  it("stops sleeping when the signal aborts, also in a later timer of a long sleep", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const sleeping = systemServerClock().sleep(2 ** 32, controller.signal);
    const outcome = sleeping.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(2 ** 31);
    controller.abort();
    expect(await outcome).toMatchObject({ code: "ABORTED" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("reads the time and sets timers like the root clock", () => {
    vi.useFakeTimers({ now: 1_234 });
    const clock = systemServerClock();
    expect(clock.now()).toBe(1_234);
    let fired = false;
    const handle = clock.setTimeout(() => (fired = true), 10);
    clock.clearTimeout(handle);
    vi.advanceTimersByTime(20);
    expect(fired).toBe(false);
  });
});
