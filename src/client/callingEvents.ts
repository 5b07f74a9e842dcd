import type { CallRecord } from "../engagements/callRecord";
import type { CallingError } from "../errors/callingError";
import type { HostRequestError } from "../errors/hostRequestError";
import type { ProtocolError } from "../errors/protocolError";
import type { WarningCode } from "../machine/effect";
import type { DialRequest } from "../machine/snapshot";
import type { SecurityWarning } from "../sdk/hostTransport";
import type {
  CallerIdMatch,
  EndStatus,
  HostContext,
  HubSpotId,
  InboundMessage,
} from "../sdk/messages";
import type { Call } from "./call";

/**
 * Every event the client emits, each with one payload object (so fields can
 * be added without breaking listeners). Listen with `client.on(type, fn)`.
 *
 * @example
 * ```ts
 * client.on("dialRequested", async ({ request }) => {
 *   const call = await client.dial({ toNumber: request.phoneNumber });
 *   await call.connected;
 * });
 * client.on("callEnded", ({ call, endStatus }) => console.log(call.id, endStatus));
 * ```
 */
export interface CallingEvents {
  /** HubSpot's SYNC was accepted; the host context is known. */
  ready: { host: HostContext };
  /** HubSpot asked to call a number (the user clicked Call on a record). */
  dialRequested: { request: DialRequest };
  /** An outbound call started dialing. */
  callStarted: { call: Call };
  /** The provider reported an incoming call; answer or reject it. */
  incomingCall: { call: Call };
  /** The far end is ringing. */
  callRinging: { call: Call };
  /** The call connected. */
  callConnected: { call: Call };
  /** The call ended; `error` says why when it failed. */
  callEnded: { call: Call; endStatus: EndStatus; error: CallingError | null };
  /** HubSpot asked the widget to hang up (END_CALL); the client did. */
  endCallRequested: { call: Call };
  /** The call was completed: logged, or handed to a durable writer. */
  callCompleted: { call: Call };
  /** HubSpot created the engagement for the call. */
  engagementCreated: { call: Call; engagementId: HubSpotId };
  /** HubSpot could not create the engagement. */
  engagementCreateFailed: { call: Call; error: HostRequestError };
  /** The writer logged a call (possibly after retries, possibly an older call). */
  engagementWritten: { call: CallRecord; engagementId: HubSpotId | undefined; attempt: number };
  /** A writer attempt failed; `willRetry` says whether it tries again. */
  engagementWriteFailed: {
    /** The provider's call. */
    call: CallRecord;
    /** HubSpot's explanation, when it sent one. */
    error: CallingError;
    attempt: number;
    willRetry: boolean;
  };
  /** HubSpot matched an incoming caller to CRM records. */
  callerIdMatched: { call: Call; matches: readonly CallerIdMatch[] };
  /** HubSpot minimised, restored or hid the widget. */
  visibilityChanged: { isMinimized: boolean; isHidden: boolean };
  /** Any validated message from HubSpot, before it is acted on. */
  hostMessage: { message: InboundMessage };
  /** HubSpot reported a failed request (`*_FAILED` other than engagement creation). */
  hostError: { error: HostRequestError };
  /** Something unexpected was ignored; the state did not change. */
  warning: { code: WarningCode; message: string };
  /** A message from HubSpot failed validation and was ignored. */
  protocolError: { error: ProtocolError };
  /** A message was dropped for security reasons (origin, window, hostUrl). */
  securityWarning: SecurityWarning;
}

/**
 * The name of a client event.
 *
 * @example
 * ```ts
 * const type: CallingEventType = "callConnected";
 * ```
 */
export type CallingEventType = keyof CallingEvents;

/**
 * A listener for one client event.
 *
 * @example
 * ```ts
 * const onEnded: CallingEventListener<"callEnded"> = ({ endStatus }) => console.log(endStatus);
 * client.on("callEnded", onEnded);
 * ```
 */
export type CallingEventListener<K extends CallingEventType> = (payload: CallingEvents[K]) => void;
