import type { FetchLike } from "../settings/settingsRequest";

/**
 * @internal Everything the CLI takes from its process, passed in so the
 * commands never touch Node globals (src/ is type-checked without Node's
 * types) and stay easy to drive.
 */
export interface CliIo {
  /** Arguments after the script name. */
  argv: readonly string[];
  /** Environment variables. */
  env: Readonly<Record<string, string | undefined>>;
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** The `fetch` for HubSpot requests; the global one when omitted. */
  fetch?: FetchLike;
}
