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
  /** Aborts when one of the inputs does, or when the timeout passes. */
  readonly signal: AbortSignal;
  /** Removes every listener and timer; call it once the work is over. */
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
 * Like {@link anySignal}, for work on long-lived signals: `dispose()` takes
 * the listeners off the inputs (so a page-lifetime signal does not collect
 * one per attempt), and an optional timeout runs on an injected clock (so
 * tests can use fake time), as `reason()` when it fires. Timeouts longer
 * than `setTimeout` allows are chained.
 *
 * @internal
 */
export function scopedSignal(
  signals: readonly (AbortSignal | undefined)[],
  timeout?: { ms: number; clock: ScopeTimers; reason: () => unknown },
): SignalScope {
  const controller = new AbortController();
  const cleanups: (() => void)[] = [];
  const dispose = () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  };
  const abort = (reason: unknown) => {
    if (controller.signal.aborted) return;
    dispose();
    controller.abort(reason);
  };
  for (const signal of signals) {
    if (!signal) continue;
    if (signal.aborted) {
      abort(signal.reason);
      break;
    }
    const onAbort = () => abort(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    cleanups.push(() => signal.removeEventListener("abort", onAbort));
  }
  if (timeout && !controller.signal.aborted) {
    const { clock } = timeout;
    let left = Number.isNaN(timeout.ms) ? 0 : Math.max(0, timeout.ms);
    let handle: unknown;
    const arm = () => {
      const step = Math.min(left, MAX_TIMER_MS);
      left -= step;
      handle = clock.setTimeout(() => (left > 0 ? arm() : abort(timeout.reason())), step);
    };
    arm();
    cleanups.push(() => clock.clearTimeout(handle));
  }
  return { signal: controller.signal, dispose };
}

/**
 * Settles like `work`, or rejects with the signal's reason as soon as
 * `signal` aborts, whichever comes first: an awaited callee that ignores its
 * signal cannot hold the caller for ever.
 *
 * @internal
 */
export function raceSignal<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
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
