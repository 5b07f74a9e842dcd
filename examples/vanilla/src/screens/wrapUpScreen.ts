import { CALL_OUTCOMES, type CallSnapshot, type EndStatus } from "hubspot-calling-kit";
import { formatDuration, h } from "../dom";
import { otherParty } from "./callScreens";
import type { Actions, Screen, View } from "./screen";

const OUTCOME_LABELS: Record<keyof typeof CALL_OUTCOMES, string> = {
  connected: "Connected",
  busy: "Busy",
  noAnswer: "No answer",
  leftVoicemail: "Left voicemail",
  leftLiveMessage: "Left live message",
  wrongNumber: "Wrong number",
};

const END_LABELS: Record<EndStatus, string> = {
  COMPLETED: "Completed",
  FAILED: "Failed",
  CANCELED: "Canceled",
  BUSY: "Busy",
  NO_ANSWER: "No answer",
  REJECTED: "Declined",
  MISSED: "Missed",
};

/** The outcome that most likely fits how the call ended. */
function suggestedOutcome(status: EndStatus | null): string {
  if (status === "COMPLETED") return "connected";
  if (status === "BUSY") return "busy";
  if (status === "NO_ANSWER" || status === "MISSED" || status === "CANCELED") return "noAnswer";
  return "";
}

/**
 * Whether the call failed before it connected (no microphone, the provider
 * refused): there was no conversation to wrap up.
 */
export function neverConnected(call: CallSnapshot): boolean {
  return call.endStatus === "FAILED" && call.answeredAt === null;
}

/**
 * After the call: outcome and notes, then Complete logs the call in HubSpot.
 * A call that never connected offers Discard first: it closes the call and
 * logs nothing more (HubSpot keeps the placeholder it made when the call
 * started, marked FAILED by CALL_ENDED).
 */
export function wrapUpScreen(actions: Actions): Screen {
  let callId: string | null = null;
  const summary = h("p", { class: "summary", "data-testid": "summary" });
  const outcome = h(
    "select",
    { id: "outcome", "data-testid": "outcome" },
    h("option", { value: "" }, "Choose an outcome"),
    ...Object.entries(OUTCOME_LABELS).map(([value, label]) => h("option", { value }, label)),
  );
  const notes = h("textarea", { id: "notes", rows: 6, "data-testid": "notes", placeholder: "What was discussed, next steps…" });
  const complete = h("button", { type: "submit", class: "primary wide", "data-testid": "complete" }, "Complete");
  const discard = h("button", { type: "button", class: "primary wide", "data-testid": "discard", onclick: () => actions.discard() }, "Discard");
  const title = h("h2", { id: "wrap-up-title" }, "Wrap up");
  const hint = h("p", { class: "hint", "data-testid": "wrap-up-hint" });
  const form = h(
    "form",
    {
      class: "stack",
      onsubmit: (event: Event) => {
        event.preventDefault();
        actions.complete(notes.value, outcome.value);
      },
    },
    summary,
    discard,
    h("label", { for: "outcome" }, "Outcome"),
    outcome,
    h("label", { for: "notes" }, "Notes"),
    notes,
    complete,
    hint,
  );
  const element = h("section", { class: "screen", "aria-labelledby": "wrap-up-title" }, title, form);

  return {
    element,
    update(view: View) {
      const call: CallSnapshot | null = view.snapshot.call;
      if (!call) return;
      if (call.id !== callId) {
        // A new call: start from empty notes and a suggested outcome.
        callId = call.id;
        notes.value = "";
        outcome.value = suggestedOutcome(call.endStatus);
      }
      const talked = call.answeredAt !== null && call.endedAt !== null ? formatDuration(call.endedAt - call.answeredAt) : "not connected";
      const status = call.endStatus ? END_LABELS[call.endStatus] : "Ended";
      summary.textContent = `${call.direction === "OUTBOUND" ? "Call to" : "Call from"} ${otherParty(call)} · ${status} · ${talked}`;
      const failedBefore = call.engagement.status === "failed" && call.details !== null;
      const notPlaced = neverConnected(call);
      title.textContent = notPlaced ? "The call did not connect" : "Wrap up";
      discard.hidden = !notPlaced;
      discard.disabled = view.busy;
      complete.disabled = view.busy;
      complete.className = notPlaced ? "secondary wide" : "primary wide";
      complete.textContent = view.busy ? "Saving…" : failedBefore ? "Retry saving" : notPlaced ? "Log the attempt" : "Complete";
      hint.textContent = notPlaced
        ? "Discard closes the call and saves nothing more to HubSpot. Log the attempt saves it as a failed call, with your notes."
        : "Complete saves the call, with your notes, to the HubSpot record.";
    },
    focus: () => (discard.hidden ? notes.focus() : discard.focus()),
  };
}
