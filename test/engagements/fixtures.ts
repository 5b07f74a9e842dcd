// Test fixtures shared by the engagements and server tests.
import type { CallRecord } from "../../src/engagements/callRecord";
import type { Clock } from "../../src/internal/clock";

/** A deterministic PRNG (mulberry32), so fault injection is reproducible. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function makeCall(index: number, overrides: Partial<CallRecord> = {}): CallRecord {
  const startedAt = 1_700_000_000_000 + index * 60_000;
  return {
    externalCallId: `call-${index}`,
    direction: "OUTBOUND",
    fromNumber: "+16175550199",
    toNumber: `+1617555${String(index % 10_000).padStart(4, "0")}`,
    startedAt,
    answeredAt: startedAt + 2_000,
    endedAt: startedAt + 42_000,
    durationMs: 40_000,
    endStatus: "COMPLETED",
    notes: `Notes for call ${index}`,
    outcome: "connected",
    callee: { objectId: 5_000 + index, objectTypeId: "0-1" },
    ...overrides,
  };
}

/** Lets pending promise chains run (storage calls, listeners) without real waiting. */
export async function drain(rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A virtual clock for the outbox: `advance()` fires due timers in order. */
export function fakeTimer(start = 1_000_000) {
  let now = start;
  const timers = new Set<{ at: number; run: () => void }>();
  const clock: Clock = {
    now: () => now,
    setTimeout(run, delayMs) {
      const entry = { at: now + Math.max(0, delayMs), run };
      timers.add(entry);
      return entry;
    },
    clearTimeout(handle) {
      timers.delete(handle as { at: number; run: () => void });
    },
  };
  return {
    clock,
    now: () => now,
    /** Delays of the timers still waiting, from now. */
    waiting: () => [...timers].map((t) => t.at - now).sort((a, b) => a - b),
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        await drain();
        const next = [...timers].filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        timers.delete(next);
        now = next.at;
        next.run();
      }
      now = end;
      await drain();
    },
  };
}
