// The calling panel's status line follows the call as HubSpot sees it, from
// the messages between the page and the widget: ringing, connected, ended,
// completed, logged, or a save HubSpot refused.
import type { RecordedMessage } from "hubspot-calling-kit/testing";

/** Where the call is, as the status line shows it (also its `data-call`, for tests and styles). */
export type CallState = "ringing" | "connected" | "ending" | "ended" | "completed" | "logged" | "saveFailed" | "ignored";

/** One status line: the state, the sentence, and whether it reports a problem. */
export interface CallStatusLine {
  state: CallState;
  text: string;
  isError: boolean;
}

const field = (data: Record<string, unknown>, name: string) => (typeof data[name] === "string" ? (data[name] as string) : "");

/** The status line one message calls for, or undefined when it changes nothing about the call. */
export function callStatusFor(message: RecordedMessage, appName: string): CallStatusLine | undefined {
  // A malformed message is flagged in the log; the status line keeps what it knew.
  if (message.issues && message.issues.length > 0) return undefined;
  const data = (typeof message.data === "object" && message.data !== null ? message.data : {}) as Record<string, unknown>;
  const line = (state: CallState, text: string, isError = false): CallStatusLine => ({ state, text, isError });
  if (message.direction === "toHost") {
    switch (message.type) {
      case "OUTGOING_CALL_STARTED":
        return line("ringing", `Calling ${field(data, "toNumber") || "the contact"}: ringing… (OUTGOING_CALL_STARTED)`);
      case "INCOMING_CALL":
        return line("ringing", `Incoming call from ${field(data, "fromNumber") || "an unknown number"}: ringing in ${appName} (INCOMING_CALL)`);
      case "CALL_ANSWERED":
        return line("connected", "Connected: the call is in progress (CALL_ANSWERED)");
      case "CALL_ENDED": {
        const status = field(data, "callEndStatus") || "ended";
        return line("ended", `Call ended: ${status} (CALL_ENDED). ${appName} logs it once the user completes it.`);
      }
      case "CALL_COMPLETED":
        return line(
          "completed",
          data.engagementProperties ? "Call completed: HubSpot is saving it to the record… (CALL_COMPLETED)" : "Call completed (CALL_COMPLETED)",
        );
    }
    return undefined;
  }
  switch (message.type) {
    case "END_CALL":
      return line("ending", `HubSpot asked ${appName} to hang up (END_CALL)`);
    case "UPDATE_ENGAGEMENT_SUCCEEDED":
      return line("logged", `Call logged on the record (engagement ${String(data.engagementId ?? "?")})`);
    case "UPDATE_ENGAGEMENT_FAILED": {
      const error = data.error as { message?: unknown } | undefined;
      const why = typeof error?.message === "string" && error.message ? `: ${error.message}` : "";
      return line("saveFailed", `HubSpot could not save the call${why} (UPDATE_ENGAGEMENT_FAILED)`, true);
    }
  }
  return undefined;
}
