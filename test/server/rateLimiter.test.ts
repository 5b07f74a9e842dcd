import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../src/server/rateLimiter";
import type { ServerClock } from "../../src/server/serverClock";
import { drain, seeded } from "../engagements/fixtures";

/** Discrete-event time: sleeps resolve in time order as `run()` advances. */
function simulatedClock() {
  let now = 0;
  const timers: { at: number; resolve: () => void }[] = [];
  const clock: Pick<ServerClock, "now" | "sleep"> = {
    now: () => now,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        timers.push({ at: now + Math.max(0, ms), resolve });
      }),
  };
  return {
    clock,
    now: () => now,
    async run(until: () => boolean) {
      while (!until()) {
        await drain(5);
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (!next) {
          await drain(5);
          if (until()) break;
          throw new Error("stuck: nothing scheduled");
        }
        now = next.at;
        next.resolve();
      }
    },
  };
}

function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe("createRateLimiter", () => {
  it("keeps every rolling window at or below the limit wherever the request arrives, however slow", async () => {
    for (const seed of [1, 2, 3]) {
      const random = seeded(seed);
      const sim = simulatedClock();
      const limiter = createRateLimiter(10, 10_000, sim.clock);
      const arrivals: number[] = [];
      let done = 0;
      const worker = async (jobs: number) => {
        for (let i = 0; i < jobs; i++) {
          const release = await limiter.acquire(new AbortController().signal);
          const sentAt = sim.now();
          const duration = random() < 0.2 ? 4_000 + random() * 6_000 : random() * 200;
          await sim.clock.sleep(duration);
          // HubSpot counts the request somewhere between sending and answering.
          arrivals.push(sentAt + random() * duration);
          release();
        }
        done++;
      };
      const workers = Array.from({ length: 8 }, () => worker(15));
      await sim.run(() => done === 8);
      await Promise.all(workers);
      expect(arrivals).toHaveLength(120);
      expect(maxInAnyWindow(arrivals, 10_000)).toBeLessThanOrEqual(10);
      // And it does not crawl: 120 requests at 10 per 10 s need about 120 s.
      expect(sim.now()).toBeLessThan(200_000);
    }
  });

  it("holds new requests back while paused", async () => {
    const sim = simulatedClock();
    const limiter = createRateLimiter(100, 10_000, sim.clock);
    limiter.pause(5_000);
    let sentAt = -1;
    const request = limiter.acquire(new AbortController().signal).then((release) => {
      sentAt = sim.now();
      release();
    });
    await sim.run(() => sentAt >= 0);
    await request;
    expect(sentAt).toBe(5_000);
  });

  it("holds requests back for at most an hour, however long the pause asked for", async () => {
    const sim = simulatedClock();
    const limiter = createRateLimiter(100, 10_000, sim.clock);
    limiter.pause(10 * 365 * 86_400_000);
    let sentAt = -1;
    const request = limiter.acquire(new AbortController().signal).then((release) => {
      sentAt = sim.now();
      release();
    });
    await sim.run(() => sentAt >= 0);
    await request;
    expect(sentAt).toBe(3_600_000);
  });

  it("lets a waiter behind others in the queue leave as soon as its signal aborts", async () => {
    const sim = simulatedClock();
    const limiter = createRateLimiter(1, 10_000, sim.clock);
    const hold = await limiter.acquire(new AbortController().signal);
    const head = limiter.acquire(new AbortController().signal);
    const controller = new AbortController();
    let outcome: unknown;
    limiter.acquire(controller.signal).then(
      () => (outcome = "acquired"),
      (error: unknown) => (outcome = error),
    );
    await drain();
    controller.abort();
    await drain();
    // The head of the queue is still waiting for the slot; the aborted waiter is gone already.
    expect(outcome).toMatchObject({ code: "ABORTED" });
    hold();
    let headSent = false;
    void head.then((release) => {
      headSent = true;
      release();
    });
    await sim.run(() => headSent);
    // The aborted waiter took no slot: the next request still gets one ("stuck" otherwise).
    let nextSent = false;
    void limiter.acquire(new AbortController().signal).then((release) => {
      nextSent = true;
      release();
    });
    await sim.run(() => nextSent);
    expect(nextSent).toBe(true);
  });

  it("stops waiting when the signal aborts", async () => {
    const sim = simulatedClock();
    const limiter = createRateLimiter(1, 10_000, sim.clock);
    const hold = await limiter.acquire(new AbortController().signal);
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    await drain();
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: "ABORTED" });
    hold();
  });
});
