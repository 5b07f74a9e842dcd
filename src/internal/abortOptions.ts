/**
 * Options every awaitable in this library accepts.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * await client.ready({ timeout: 30_000, signal: controller.signal });
 * ```
 */
export interface AbortOptions {
  /** Milliseconds before rejecting with `TimeoutError`; no timeout when omitted. */
  timeout?: number;
  /** Rejects with `AbortError` when aborted. */
  signal?: AbortSignal;
}
