import type { Clock } from "../internal/clock";

/**
 * Options of {@link createFakeClock}.
 *
 * @example
 * ```ts
 * createFakeClock({ now: Date.UTC(2024, 0, 1) });
 * ```
 */
export interface FakeClockOptions {
  /** The starting time in ms since the epoch (default 1_700_000_000_000). */
  now?: number;
  /** Most timers {@link FakeClock.runAll} runs before it gives up (default 10_000): catches timers that reschedule forever. */
  maxTimers?: number;
}

/**
 * A {@link Clock} whose time only moves when a test says so. Give it to
 * `createCallingClient({ clock })`, `simulatedProvider({ clock })` and
 * `createMemoryTransport({ clock })` to make their delays and timeouts
 * instant and deterministic.
 *
 * Timers run synchronously inside {@link FakeClock.advance}; promise
 * continuations they trigger run only once the test awaits, so use
 * {@link FakeClock.advanceAsync} when the code under test awaits between
 * timers.
 *
 * @example
 * ```ts
 * const clock = createFakeClock();
 * const provider = simulatedProvider({ clock, ringAfterMs: 500, answerAfterMs: 2_000 });
 * const call = await provider.dial({ to: "+16175550100", externalCallId: "c1", signal });
 * clock.advance(2_500);
 * call.state; // "connected"
 * ```
 */
export interface FakeClock extends Clock {
  /** How many timers are waiting. */
  readonly pending: number;
  /**
   * Moves time forward by `ms`, running every timer that falls due, in due
   * order (timers they schedule inside the window run too).
   */
  advance(ms: number): void;
  /**
   * Like {@link FakeClock.advance}, but lets pending promise work settle
   * (one macrotask) before and after each timer, so async code between
   * timers runs as it would with real time.
   */
  advanceAsync(ms: number): Promise<void>;
  /** Runs timers until none are left, moving time to each one; throws after `maxTimers`. */
  runAll(): void;
  /** Sets the time without running timers (e.g. to test dates). Never moves backwards. */
  setNow(now: number): void;
}

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/**
 * Creates a {@link FakeClock}.
 *
 * @example
 * ```ts
 * const clock = createFakeClock({ now: 0 });
 * clock.setTimeout(() => console.log("fired at", clock.now()), 1_000);
 * clock.advance(1_000); // logs "fired at 1000"
 * ```
 */
export function createFakeClock(options: FakeClockOptions = {}): FakeClock {
  let now = options.now ?? 1_700_000_000_000;
  let nextId = 1;
  const maxTimers = options.maxTimers ?? 10_000;
  const timers = new Map<number, Timer>();

  // Earliest first; equal times in the order they were scheduled.
  const due = (until: number): Timer | undefined => {
    let first: Timer | undefined;
    for (const timer of timers.values()) {
      if (timer.at <= until && (!first || timer.at < first.at || (timer.at === first.at && timer.id < first.id))) {
        first = timer;
      }
    }
    return first;
  };
  const fire = (timer: Timer) => {
    timers.delete(timer.id);
    now = Math.max(now, timer.at);
    timer.callback();
  };
  const checkMs = (ms: number) => {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`FakeClock: expected a finite, non-negative number of ms, got ${ms}`);
  };
  const macrotask = () => new Promise<void>((resolve) => globalThis.setTimeout(resolve, 0));

  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
      timers.set(id, { id, at: now + delay, callback });
      return id;
    },
    clearTimeout(handle) {
      if (typeof handle === "number") timers.delete(handle);
    },
    get pending() {
      return timers.size;
    },
    advance(ms) {
      checkMs(ms);
      const until = now + ms;
      for (let timer = due(until); timer; timer = due(until)) fire(timer);
      now = until;
    },
    async advanceAsync(ms) {
      checkMs(ms);
      const until = now + ms;
      await macrotask();
      for (let timer = due(until); timer; timer = due(until)) {
        fire(timer);
        await macrotask();
      }
      now = until;
    },
    runAll() {
      let count = 0;
      for (let timer = due(Infinity); timer; timer = due(Infinity)) {
        if (++count > maxTimers) {
          throw new Error(`FakeClock.runAll(): more than ${maxTimers} timers ran; is something rescheduling itself forever?`);
        }
        fire(timer);
      }
    },
    setNow(next) {
      checkMs(next);
      now = Math.max(now, next);
    },
  };
}
