import { CALL_OUTCOMES, type CallOutcome, type EndStatus } from "hubspot-calling-kit";
import { useCall } from "hubspot-calling-kit/react";
import { type FormEvent, useState } from "react";
import { formatDuration } from "../components/CallTimer";

const OUTCOME_LABELS: Record<CallOutcome, string> = {
  connected: "Connected",
  busy: "Busy",
  noAnswer: "No answer",
  leftVoicemail: "Left voicemail",
  leftLiveMessage: "Left live message",
  wrongNumber: "Wrong number",
};

const END_LABELS: Record<EndStatus, string> = {
  COMPLETED: "Call ended",
  FAILED: "Call failed",
  CANCELED: "Call canceled",
  BUSY: "Busy",
  NO_ANSWER: "No answer",
  REJECTED: "Declined",
  MISSED: "Missed call",
};

function defaultOutcome(endStatus: EndStatus | null): CallOutcome {
  if (endStatus === "COMPLETED") return "connected";
  if (endStatus === "BUSY") return "busy";
  return "noAnswer";
}

/** After the call: notes and outcome, logged on HubSpot's engagement. */
export function CallEndedScreen({ onError }: { onError: (error: unknown, what: string) => void }) {
  const { call, complete } = useCall();
  const [notes, setNotes] = useState("");
  const [outcome, setOutcome] = useState<CallOutcome>(() => defaultOutcome(call?.endStatus ?? null));
  if (!call) return null;
  const saving = call.status === "wrappingUp";
  const duration = call.answeredAt !== null && call.endedAt !== null ? call.endedAt - call.answeredAt : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await complete({ notes, outcome });
    } catch (error) {
      // The call stays ended: the user can try again.
      onError(error, "The call could not be logged");
    }
  };

  return (
    <form className="screen" onSubmit={submit}>
      <h1 data-testid="call-status">
        {call.endStatus ? END_LABELS[call.endStatus] : "Call ended"}
        {duration !== null && <small> · {formatDuration(duration)}</small>}
      </h1>
      <label>
        Outcome
        <select data-testid="outcome" value={outcome} onChange={(event) => setOutcome(event.target.value as CallOutcome)}>
          {(Object.keys(CALL_OUTCOMES) as CallOutcome[]).map((name) => (
            <option key={name} value={name}>
              {OUTCOME_LABELS[name]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Notes
        <textarea
          data-testid="notes"
          rows={6}
          value={notes}
          placeholder="What was the call about?"
          onChange={(event) => setNotes(event.target.value)}
        />
      </label>
      <button type="submit" className="primary" data-testid="complete" disabled={saving}>
        {saving ? "Saving…" : "Save call"}
      </button>
    </form>
  );
}
