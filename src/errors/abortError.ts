import { CallingError } from "./callingError";

/**
 * An awaitable was cancelled through its `signal` option. The signal's
 * `reason` is kept as `cause`. Its `name` is `"AbortError"`, like the DOM's.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const connected = call.waitFor("connected", { signal: controller.signal });
 * controller.abort();
 * await connected.catch((error) => error instanceof AbortError); // true
 * ```
 */
export class AbortError extends CallingError<"ABORTED"> {
  /** @internal */
  constructor(what: string, reason?: unknown) {
    super("ABORTED", `Aborted while waiting for ${what}`, { cause: reason });
    this.name = "AbortError";
  }
}
