import { CALL_OUTCOMES, type CallSnapshot, type EndStatus } from "hubspot-calling-kit";
import { useCall } from "hubspot-calling-kit/react";
import { useState } from "react";
import { formatDuration, otherParty } from "../callText";
import type { ActionProps } from "../useAction";

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
function suggestedOutcome(status: EndStatus | null | undefined): string {
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

interface WrapUpScreenProps extends ActionProps {
  /** Called once the call is saved. */
  onSaved: () => void;
  /** Called once a call that never connected was discarded. */
  onDiscarded: () => void;
  /** Called when saving failed (the notes stay in the form for a retry). */
  onSaveFailed: (error: unknown) => void;
}

/**
 * After the call: outcome and notes, then Complete logs the call in HubSpot.
 * A call that never connected offers Discard first: it closes the call and
 * logs nothing more (HubSpot keeps the placeholder it made when the call
 * started, marked FAILED by CALL_ENDED).
 */
export function WrapUpScreen({ busy, run, onSaved, onSaveFailed, onDiscarded }: WrapUpScreenProps) {
  const { call, complete, discard } = useCall();
  const [notes, setNotes] = useState("");
  const [outcome, setOutcome] = useState(() => suggestedOutcome(call?.endStatus));
  if (!call) return null;

  const talked = call.answeredAt !== null && call.endedAt !== null ? formatDuration(call.endedAt - call.answeredAt) : "not connected";
  const status = call.endStatus ? END_LABELS[call.endStatus] : "Ended";
  const failedBefore = call.engagement.status === "failed" && call.details !== null;
  const notPlaced = neverConnected(call);
  return (
    <section className="screen" aria-labelledby="wrap-up-title">
      <h2 id="wrap-up-title">{notPlaced ? "The call did not connect" : "Wrap up"}</h2>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          run(async () => {
            try {
              // hideWidget: false keeps the widget open to show that it worked.
              await complete({ notes, ...(outcome ? { outcome } : {}), hideWidget: false });
            } catch (error) {
              onSaveFailed(error);
              return;
            }
            onSaved();
          });
        }}
      >
        <p className="summary" data-testid="summary">
          {call.direction === "OUTBOUND" ? "Call to" : "Call from"} {otherParty(call)} · {status} · {talked}
        </p>
        {notPlaced && (
          <button
            type="button"
            className="primary wide"
            data-testid="discard"
            disabled={busy}
            onClick={() =>
              run(async () => {
                await discard();
                onDiscarded();
              })
            }
          >
            Discard
          </button>
        )}
        <label htmlFor="outcome">Outcome</label>
        <select id="outcome" data-testid="outcome" value={outcome} onChange={(event) => setOutcome(event.target.value)}>
          <option value="">Choose an outcome</option>
          {Object.entries(OUTCOME_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <label htmlFor="notes">Notes</label>
        <textarea
          id="notes"
          rows={6}
          data-testid="notes"
          placeholder="What was discussed, next steps…"
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
        />
        <button type="submit" className={notPlaced ? "secondary wide" : "primary wide"} data-testid="complete" disabled={busy}>
          {busy ? "Saving…" : failedBefore ? "Retry saving" : notPlaced ? "Log the attempt" : "Complete"}
        </button>
        <p className="hint" data-testid="wrap-up-hint">
          {notPlaced
            ? "Discard closes the call and saves nothing more to HubSpot. Log the attempt saves it as a failed call, with your notes."
            : "Complete saves the call, with your notes, to the HubSpot record."}
        </p>
      </form>
    </section>
  );
}
