import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { raceSignal } from "../../src/internal/anySignal";

describe("raceSignal", () => {
  it("settles like the work and then takes its listener off the signal", async () => {
    const signal = new AbortController().signal;
    for (let i = 0; i < 20; i++) await expect(raceSignal(Promise.resolve(i), signal)).resolves.toBe(i);
    for (let i = 0; i < 20; i++) await expect(raceSignal(Promise.reject(new Error(`no ${i}`)), signal)).rejects.toThrow(`no ${i}`);
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });

  it("rejects with the signal's reason as soon as it aborts, even when the work never settles", async () => {
    const controller = new AbortController();
    const raced = raceSignal(new Promise<never>(() => undefined), controller.signal);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(raced).rejects.toBe(reason);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("rejects at once on a signal that already aborted, and a later failure of the work is handled", async () => {
    const controller = new AbortController();
    controller.abort("gone");
    let fail: (error: Error) => void = () => undefined;
    const work = new Promise<never>((_resolve, reject) => (fail = reject));
    await expect(raceSignal(work, controller.signal)).rejects.toBe("gone");
    fail(new Error("late"));
    // An unhandled rejection would fail the run; give it the chance to surface.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
