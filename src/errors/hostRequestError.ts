import { CallingError } from "./callingError";

/**
 * The `*_FAILED` messages HubSpot's page can answer with.
 *
 * @example
 * ```ts
 * const code: HostFailureCode = "UPDATE_ENGAGEMENT_FAILED";
 * ```
 */
export type HostFailureCode =
  | "CREATE_ENGAGEMENT_FAILED"
  | "UPDATE_ENGAGEMENT_FAILED"
  | "FINALIZE_ENGAGEMENT_FAILED"
  | "CALLER_ID_MATCH_FAILED"
  | "NAVIGATE_TO_RECORD_FAILED"
  | "SET_WIDGET_URL_FAILED"
  | "INITIATE_CALL_ID_FAILED"
  | "PUBLISH_TO_CHANNEL_FAILED"
  | "SYNC_ACK_FAILED";

/**
 * HubSpot's page reported that a request failed; the code is the wire
 * message type (e.g. `UPDATE_ENGAGEMENT_FAILED`) and `hostMessage` is
 * HubSpot's own explanation when it sent one.
 *
 * @example
 * ```ts
 * await call.complete({ notes }).catch((error) => {
 *   if (isCallingError(error, "UPDATE_ENGAGEMENT_FAILED")) console.log(error.message);
 * });
 * ```
 */
export class HostRequestError extends CallingError<HostFailureCode> {
  /** HubSpot's message, when the failure carried one. */
  declare readonly hostMessage: string | undefined;

  /** @internal */
  constructor(code: HostFailureCode, hostMessage?: string) {
    super(code, `HubSpot reported ${code}${hostMessage ? `: ${hostMessage}` : ""}`);
    this.name = "HostRequestError";
    this.hostMessage = hostMessage;
  }
}
