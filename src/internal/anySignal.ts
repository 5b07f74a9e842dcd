/**
 * A signal that aborts when any of `signals` does, with that signal's reason.
 * `AbortSignal.any` needs Node 20.3, Safari 17.4 and Firefox 124; this works
 * everywhere `AbortController` does. Listeners are removed once it aborts.
 */
export function anySignal(signals: readonly AbortSignal[]): AbortSignal {
  const controller = new AbortController();
  const onAbort = (event?: Event) => {
    const source = (event?.target as AbortSignal | undefined) ?? signals.find((signal) => signal.aborted);
    for (const signal of signals) signal.removeEventListener("abort", onAbort);
    controller.abort(source?.reason);
  };
  if (signals.some((signal) => signal.aborted)) onAbort();
  else for (const signal of signals) signal.addEventListener("abort", onAbort, { once: true });
  return controller.signal;
}

/**
 * The longest delay `setTimeout` takes: above 2^31 - 1 ms it overflows and
 * fires at once. Longer waits are made of several timers.
 *
 * @internal
 */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * A combined signal that can be let go of: {@link scopedSignal}.
 *
 * @internal
 */
export interface SignalScope {
  /** Aborts when one of the inputs does, when the timeout passes, or on `dispose()`. */
  readonly signal: AbortSignal;
  /** Ends the scope: clears the timer, takes the listeners off the inputs, aborts `signal`. */
  dispose(): void;
}

/** The timers {@link scopedSignal} needs (the library's `Clock` fits). @internal */
export interface ScopeTimers {
  /** Runs `callback` after `ms`; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a timer from `setTimeout`. */
  clearTimeout(handle: unknown): void;
}

/**
 * Like {@link anySignal}, for one piece of work on long-lived signals:
 * `dispose()` once the work is over takes the listeners off the inputs (so a
 * page-lifetime signal does not collect one per attempt), and an optional
 * timeout runs on an injected clock (so tests can use fake time), aborting
 * with `reason()`. A timeout is capped at {@link MAX_TIMER_MS} (about 24.8
 * days) instead of overflowing to 1 ms.
 *
 * @internal
 */
export function scopedSignal(
  signals: readonly AbortSignal[],
  timeout?: { ms: number; clock: ScopeTimers; reason: () => unknown },
): SignalScope {
  const scope = new AbortController();
  const signal = anySignal([...signals, scope.signal]);
  const handle = timeout?.clock.setTimeout(
    () => scope.abort(timeout.reason()),
    Math.min(Math.max(0, timeout.ms || 0), MAX_TIMER_MS),
  );
  return {
    signal,
    dispose() {
      timeout?.clock.clearTimeout(handle);
      scope.abort();
    },
  };
}

/**
 * Settles like `work`, or rejects with the signal's reason as soon as
 * `signal` aborts, whichever comes first: an awaited callee that ignores its
 * signal cannot hold the caller for ever. The abort listener is taken off
 * `signal` as soon as the race is decided, so a long-lived signal (a
 * server's shutdown signal) does not collect one listener per call.
 *
 * @internal
 */
export function raceSignal<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    // The work still runs; a rejection nobody awaits must not crash the process.
    work.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
