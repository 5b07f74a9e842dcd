import { AbortError } from "../errors/abortError";
import { TimeoutError } from "../errors/timeoutError";
import type { AbortOptions } from "./abortOptions";
import type { Clock } from "./clock";

/** How a pending wait is settled from outside: a value, an error, or nothing yet. */
export type Settle<T> = { value: T } | { error: Error } | undefined;

/**
 * A promise that settles when `check` says so, or rejects on `timeout` or
 * `signal`. `check` runs now and then every time `watch` calls back; the
 * returned promise cleans up its timer, abort listener and watch when it
 * settles, so nothing accumulates across thousands of calls.
 */
export function awaitable<T>(
  what: string,
  check: () => Settle<T>,
  watch: (recheck: () => void) => () => void,
  options: AbortOptions,
  clock: Clock,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const { signal, timeout } = options;
    if (signal?.aborted) return reject(new AbortError(what, signal.reason));
    let timer: unknown;
    let unwatch: (() => void) | undefined;
    let done = false;
    const onAbort = () => finish({ error: new AbortError(what, signal?.reason) });
    function finish(outcome: Settle<T>) {
      if (!outcome || done) return;
      done = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      unwatch?.();
      if ("error" in outcome) reject(outcome.error);
      else resolve(outcome.value);
    }
    finish(check());
    if (done) return;
    unwatch = watch(() => finish(check()));
    signal?.addEventListener("abort", onAbort, { once: true });
    if (timeout !== undefined && timeout !== Infinity) {
      timer = clock.setTimeout(() => finish({ error: new TimeoutError(what, timeout) }), timeout);
    }
  });
}

/** Marks a promise as handled (no unhandled-rejection noise) and returns it unchanged. */
export function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** Waits for `promise` with a timeout and/or signal (the work itself goes on). */
export function withAbort<T>(what: string, promise: Promise<T>, options: AbortOptions, clock: Clock): Promise<T> {
  let outcome: Settle<T>;
  const settled = promise.then(
    (value) => void (outcome = { value }),
    (error: Error) => void (outcome = { error }),
  );
  return awaitable(
    what,
    () => outcome,
    (recheck) => {
      void settled.then(recheck);
      return () => {};
    },
    options,
    clock,
  );
}
