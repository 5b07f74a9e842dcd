import { CallingError } from "./callingError";

/**
 * An awaitable did not settle within its `timeout` option.
 *
 * @example
 * ```ts
 * await client.ready({ timeout: 10_000 }).catch((error) => {
 *   if (error instanceof TimeoutError) console.log(`no SYNC after ${error.timeoutMs} ms`);
 * });
 * ```
 */
export class TimeoutError extends CallingError<"TIMEOUT"> {
  /** The timeout that elapsed, in milliseconds. */
  declare readonly timeoutMs: number;

  /** @internal */
  constructor(what: string, timeoutMs: number) {
    super("TIMEOUT", `Timed out after ${timeoutMs} ms waiting for ${what}`);
    this.name = "TimeoutError";
    this.timeoutMs = timeoutMs;
  }
}
