import type { EndCause, ProviderEndReason } from "../providers/telephonyProvider";
import type { CallerIdMatch, EndStatus, HostContext, HubSpotId, OutboundMessage } from "../sdk/messages";
import type { DialRequest } from "./dialRequest";
import type { ErrorInfo } from "./errorInfo";

/**
 * Warning codes: something unexpected arrived and was ignored.
 *
 * - `unexpectedHostMessage` / `unexpectedProviderEvent`: a message or report
 *   that does not fit the current state;
 * - `incomingWhileBusy`: an incoming call was declined;
 * - `engagementIdConflict`: HubSpot sent a second, different id for a call;
 * - `engagementForPreviousCall`: HubSpot's answer to an engagement create
 *   belongs to an earlier call (answers come in the order the creates were
 *   sent), not to the current one; the current call keeps waiting for its own;
 * - `recordingUrlNotHttps`: a recording URL was left out of the log;
 * - `listenerError`: a listener threw;
 * - `ownerLost`: the instance that held the calls went away while it was
 *   logging one; that call is marked completed, not logged again (see
 *   `coordinateSurfaces()`).
 *
 * @example
 * ```ts
 * WARNING_CODES.includes("unexpectedHostMessage"); // true
 * ```
 */
export const WARNING_CODES = [
  "unexpectedHostMessage",
  "unexpectedProviderEvent",
  "incomingWhileBusy",
  "engagementIdConflict",
  "engagementForPreviousCall",
  "recordingUrlNotHttps",
  "listenerError",
  "ownerLost",
] as const;

/**
 * One of {@link WARNING_CODES}.
 *
 * @example
 * ```ts
 * client.on("warning", ({ code }: { code: WarningCode }) => console.warn(code));
 * ```
 */
export type WarningCode = (typeof WARNING_CODES)[number];

/**
 * A discrete event the machine announces; the client turns it into a
 * `CallingEvents` event with a call handle.
 *
 * @example
 * ```ts
 * const notice: Notice = { type: "callConnected", callId: "…" };
 * ```
 */
export type Notice =
  | { type: "ready"; host: HostContext }
  | { type: "dialRequested"; request: DialRequest }
  | { type: "callStarted"; callId: string }
  | { type: "incomingCall"; callId: string }
  | { type: "callRinging"; callId: string }
  | { type: "callConnected"; callId: string }
  | { type: "callEnded"; callId: string; endStatus: EndStatus; error: ErrorInfo | null; cause: EndCause | null }
  | { type: "callCompleted"; callId: string }
  | { type: "callDiscarded"; callId: string }
  | { type: "engagementCreated"; callId: string; engagementId: HubSpotId }
  | { type: "engagementCreateFailed"; callId: string; error: ErrorInfo }
  | { type: "callerIdMatched"; callId: string; matches: readonly CallerIdMatch[]; error: ErrorInfo | null }
  | { type: "visibilityChanged"; isMinimized: boolean; isHidden: boolean }
  | { type: "endCallRequested"; callId: string }
  | { type: "warning"; code: WarningCode; message: string };

/**
 * Something the client must do after a transition. The machine never does
 * I/O itself.
 *
 * - `send`: post a message to HubSpot;
 * - `emit`: announce a {@link Notice};
 * - `provider`: ask the telephony provider to act on a call;
 * - `write`: log the call through the engagement writer;
 * - `reject`: the command was refused (becomes an `InvalidStateError`).
 *
 * @example
 * ```ts
 * for (const effect of effects) if (effect.type === "send") transport.send(effect.message);
 * ```
 */
export type Effect =
  | { type: "send"; message: OutboundMessage }
  | { type: "emit"; notice: Notice }
  | {
      type: "provider";
      action: "dial" | "hangUp" | "answer" | "reject";
      callId: string;
    }
  | { type: "provider"; action: "mute"; callId: string; muted: boolean }
  | { type: "provider"; action: "hold"; callId: string; held: boolean }
  | { type: "write"; callId: string }
  | { type: "reject"; state: string; reason: string };

/**
 * Maps a provider's end reason to HubSpot's `callEndStatus`. An inbound call
 * that ends unanswered is `MISSED`, whatever the provider says.
 *
 * @example
 * ```ts
 * toEndStatus("noAnswer", { inbound: false, answered: false }); // "NO_ANSWER"
 * ```
 */
export function toEndStatus(
  reason: ProviderEndReason,
  call: { inbound: boolean; answered: boolean },
): EndStatus {
  if (call.inbound && !call.answered && reason !== "rejected" && reason !== "failed") {
    return "MISSED";
  }
  const map: Record<ProviderEndReason, EndStatus> = {
    completed: call.answered ? "COMPLETED" : "CANCELED",
    busy: "BUSY",
    noAnswer: "NO_ANSWER",
    canceled: "CANCELED",
    rejected: "REJECTED",
    missed: "MISSED",
    failed: "FAILED",
  };
  return map[reason];
}
