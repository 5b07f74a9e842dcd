import { CallingError } from "./callingError";

/**
 * A command was called in a state where it cannot run, for example `hangUp()`
 * with no call in progress. Nothing was sent and the state did not change.
 *
 * @example
 * ```ts
 * await client.logIn().catch((error) => {
 *   if (error instanceof InvalidStateError) console.log(error.command, error.state);
 * });
 * ```
 */
export class InvalidStateError extends CallingError<"INVALID_STATE"> {
  /** The command that was refused, e.g. `"dial"`. */
  declare readonly command: string;
  /** The state it was refused in, e.g. `"connecting"` or `"connected"`. */
  declare readonly state: string;

  /** @internal */
  constructor(command: string, state: string, reason: string) {
    super("INVALID_STATE", `Cannot ${command}() while ${state}: ${reason}`);
    this.name = "InvalidStateError";
    this.command = command;
    this.state = state;
  }
}
