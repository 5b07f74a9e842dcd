import { ProviderError } from "../errors/providerError";
import type { AbortOptions } from "../internal/abortOptions";
import { withAbort } from "../internal/awaitable";
import { CallingError, isBranded } from "../errors/callingError";
import type { TelephonyProvider } from "../providers/telephonyProvider";
import type { Clock } from "../internal/clock";

/** How long a call command waits for the provider unless told otherwise. @internal */
export const PROVIDER_TIMEOUT_MS = 15_000;

/** Runs a provider operation that may be sync or async, or throw, as a promise. @internal */
export function attempt<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error);
  }
}

/** What the provider threw, as a `ProviderError` (a `CallingError` it threw is kept). @internal */
export function toProviderError(error: unknown, verb: string): CallingError {
  if (isBranded(error)) return error;
  const detail = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  return new ProviderError(`The telephony provider failed to ${verb}${detail ? `: ${detail}` : ""}`, { cause: error });
}

/**
 * Waits for the provider's part of a command, by default at most
 * {@link PROVIDER_TIMEOUT_MS} (also when `timeout` is given as
 * `undefined`). The wait's own timeout or abort rejects as such; whatever
 * the provider throws becomes a `ProviderError` (`PROVIDER_ERROR`). The
 * work itself goes on after the wait ends. @internal
 */
export function awaitProvider<T>(verb: string, work: Promise<T>, options: AbortOptions, clock: Clock): Promise<T> {
  const failing = work.catch((error: unknown) => {
    throw toProviderError(error, verb);
  });
  const limits = { ...options, timeout: options.timeout ?? PROVIDER_TIMEOUT_MS };
  return withAbort(`the provider to ${verb}`, failing, limits, clock);
}

/**
 * `client.listCallerNumbers()`: the provider's caller numbers, checked to be
 * an array of strings (`NOT_SUPPORTED` when it lists none). @internal
 */
export async function listCallerNumbers(provider: TelephonyProvider, options: AbortOptions, clock: Clock): Promise<string[]> {
  if (!provider.listCallerNumbers) {
    throw new CallingError("NOT_SUPPORTED", "The telephony provider does not list caller numbers");
  }
  const listing = attempt(() => provider.listCallerNumbers?.(options));
  const numbers: unknown = await awaitProvider("list caller numbers", listing, options, clock);
  if (!Array.isArray(numbers) || !numbers.every((n) => typeof n === "string")) {
    throw new ProviderError("listCallerNumbers() must resolve with an array of strings");
  }
  return [...numbers];
}
