import type { CallRecord } from "../engagements/callRecord";
import type { CallingError } from "../errors/callingError";
import type { HostRequestError } from "../errors/hostRequestError";
import type { ProtocolError } from "../errors/protocolError";
import type { WarningCode } from "../machine/effect";
import type { DialRequest } from "../machine/dialRequest";
import type { SurfaceSnapshot } from "../machine/surfaceSnapshot";
import type { EndCause } from "../providers/telephonyProvider";
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
  ready: {
    /** HubSpot's context from SYNC. */
    host: HostContext;
  };
  /** HubSpot asked to call a number (the user clicked Call on a record). */
  dialRequested: {
    /** HubSpot's request, normalised. */
    request: DialRequest;
  };
  /** An outbound call started dialing. */
  callStarted: {
    /** The call. */
    call: Call;
  };
  /** The provider reported an incoming call; answer or reject it. */
  incomingCall: {
    /** The call. */
    call: Call;
  };
  /** The far end is ringing. */
  callRinging: {
    /** The call. */
    call: Call;
  };
  /** The call connected. */
  callConnected: {
    /** The call. */
    call: Call;
  };
  /** The call ended; `error` says why when it failed. */
  callEnded: {
    /** The call. */
    call: Call;
    /** How the call ended, as reported to HubSpot. */
    endStatus: EndStatus;
    /** Why the call failed, or null. */
    error: CallingError | null;
    /** The voice backend's code for how it ended (e.g. SIP 486 Busy Here), or null. */
    cause: EndCause | null;
  };
  /** HubSpot asked the widget to hang up (END_CALL); the client did. */
  endCallRequested: {
    /** The call. */
    call: Call;
  };
  /** The call was completed: logged, or handed to a durable writer. */
  callCompleted: {
    /** The call. */
    call: Call;
  };
  /** The user gave up logging a call (`call.discard()`): an ended call, or one whose write was still running (aborted). */
  callDiscarded: {
    /** The call. */
    call: Call;
  };
  /** HubSpot created the engagement for the call. */
  engagementCreated: {
    /** The call. */
    call: Call;
    /** HubSpot's engagement id. */
    engagementId: HubSpotId;
  };
  /** HubSpot could not create the engagement. */
  engagementCreateFailed: {
    /** The call. */
    call: Call;
    /** What went wrong. */
    error: HostRequestError;
  };
  /** The writer logged a call (possibly after retries, possibly an older call). */
  engagementWritten: {
    /** The call record that was logged. */
    call: CallRecord;
    /** The engagement holding the call, when known. */
    engagementId: HubSpotId | undefined;
    /** Which attempt this was (1 for the first). */
    attempt: number;
  };
  /** A writer attempt failed; `willRetry` says whether it tries again. */
  engagementWriteFailed: {
    /** The call record that failed to log. */
    call: CallRecord;
    /** Why the attempt failed. */
    error: CallingError;
    /** Which attempt this was (1 for the first). */
    attempt: number;
    /** Whether another attempt is scheduled. */
    willRetry: boolean;
  };
  /**
   * HubSpot answered the caller-ID lookup of an incoming call: the matching
   * records, or none (`CALLER_ID_MATCH_FAILED` comes here too, with `error`).
   */
  callerIdMatched: {
    /** The call. */
    call: Call;
    /** The matching CRM records, best first; empty when none matched or the lookup failed. */
    matches: readonly CallerIdMatch[];
    /** Why the lookup failed (`CALLER_ID_MATCH_FAILED`), or null. */
    error: HostRequestError | null;
  };
  /** HubSpot minimised, restored or hid the widget. */
  visibilityChanged: {
    /** Whether the widget is minimised. */
    isMinimized: boolean;
    /** Whether the widget is hidden. */
    isHidden: boolean;
  };
  /** Any validated message from HubSpot, before it is acted on. */
  hostMessage: {
    /** The validated message. */
    message: InboundMessage;
  };
  /**
   * HubSpot reported a failed request that nothing else reports:
   * `NAVIGATE_TO_RECORD_FAILED`, `SET_WIDGET_URL_FAILED`,
   * `INITIATE_CALL_ID_FAILED`, `PUBLISH_TO_CHANNEL_FAILED`. Failures of
   * engagement creation, writing and finalizing, and of caller-ID lookups
   * arrive with their own events and promises instead.
   */
  hostError: {
    /** What went wrong. */
    error: HostRequestError;
  };
  /**
   * Something unexpected was ignored; the state did not change (except that
   * an `engagementForPreviousCall` answer is removed from `pendingCreates`).
   */
  warning: {
    /** What kind of surprise it was. */
    code: WarningCode;
    /** What was ignored, for people. */
    message: string;
  };
  /** A message from HubSpot failed validation and was ignored. */
  protocolError: {
    /** What went wrong. */
    error: ProtocolError;
  };
  /** A message was dropped for security reasons (origin, window, hostUrl). */
  securityWarning: SecurityWarning;
  /**
   * This instance's role among the places HubSpot runs the widget changed
   * (see `coordinateSurfaces()`): it became the owner (start a provider
   * that needs its own connection now) or a mirror, or the owner appeared
   * or went away. Only coordinated clients emit it.
   */
  surfaceChanged: {
    /** The new role, as in `snapshot.surface`. */
    surface: SurfaceSnapshot;
  };
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
