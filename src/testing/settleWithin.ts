import type { ProviderCall } from "../providers/telephonyProvider";

/**
 * Resolves after `ms`.
 *
 * @internal
 */
export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Thrown when something the provider must settle did not within the timeout.
 *
 * @internal
 */
export class NotSettledError extends Error {
  override name = "NotSettledError";
}

/**
 * Resolves with `{ value }` once `work` settles, or with `undefined` after
 * `ms`; rejects if `work` throws or rejects first. Its timer never outlives
 * it, so a passing check leaves no timer behind.
 *
 * @internal
 */
export function within<T>(ms: number, work: () => T | PromiseLike<T>): Promise<{ value: T } | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    new Promise<T>((settle) => settle(work())).then(
      (value) => {
        clearTimeout(timer);
        resolve({ value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Awaits `call.hangUp()` for at most `ms`; one that never settles fails the check instead of hanging it.
 *
 * @internal
 */
export async function hangUpWithin(call: ProviderCall, ms: number): Promise<void> {
  if (!(await within(ms, () => call.hangUp()))) throw new NotSettledError(`hangUp() did not settle within ${ms} ms`);
}
