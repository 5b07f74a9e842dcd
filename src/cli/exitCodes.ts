/**
 * @internal The CLI's exit codes: scripts can tell a HubSpot or network
 * failure (worth a retry) from a mistake in the command (fix it first).
 */
export const EXIT_CODES = {
  /** Done. */
  ok: 0,
  /** HubSpot answered with an error, or could not be reached. */
  failed: 1,
  /** Bad usage or invalid input; nothing was sent. */
  usage: 2,
} as const;

/** @internal */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
