/**
 * An error kept in a snapshot: plain data, so snapshots stay serializable.
 *
 * @example
 * ```ts
 * const error: ErrorInfo = { code: "CREATE_ENGAGEMENT_FAILED", message: "HubSpot reported …" };
 * ```
 */
export interface ErrorInfo {
  /** The error's code (see `ERROR_CODES`). */
  readonly code: string;
  /** A human-readable explanation. */
  readonly message: string;
}
