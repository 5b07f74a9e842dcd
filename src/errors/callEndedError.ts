import type { EndStatus } from "../sdk/messages";
import { CallingError } from "./callingError";

/**
 * The call ended before reaching the state that was awaited, e.g.
 * `call.connected` when the callee was busy.
 *
 * @example
 * ```ts
 * await call.connected.catch((error) => {
 *   if (error instanceof CallEndedError) show(`Call ended: ${error.endStatus}`);
 * });
 * ```
 */
export class CallEndedError extends CallingError<"CALL_ENDED"> {
  /** How the call ended, as reported to HubSpot. */
  declare readonly endStatus: EndStatus;

  /** @internal */
  constructor(awaited: string, endStatus: EndStatus) {
    super("CALL_ENDED", `The call ended (${endStatus}) before it was ${awaited}`);
    this.name = "CallEndedError";
    this.endStatus = endStatus;
  }
}
