import { useCall } from "hubspot-calling-kit/react";
import { useState } from "react";
import { engagementLine, matchName, otherParty } from "../callText";
import { CallTimer } from "../components/CallTimer";
import { Keypad } from "../components/Keypad";
import type { ActionProps } from "../useAction";

interface InCallScreenProps extends ActionProps {
  /** Reports a tone that could not be sent. */
  onToneError: (error: unknown) => void;
}

/** A connected call: timer, mute, hold, keypad, hang up. */
export function InCallScreen({ run, hangUp, hangingUp, onToneError }: InCallScreenProps) {
  const { call, mute, hold, sendDigits } = useCall();
  const [padShown, setPadShown] = useState(false);
  if (!call) return null;
  const held = call.status === "onHold";
  const matches = call.callerIdMatches;
  return (
    <section className="screen center" aria-label="In call">
      <div className="avatar" aria-hidden="true">
        ☎
      </div>
      <p className="party" data-testid="party">
        {otherParty(call)}
      </p>
      <p className="match">{matches && matches.length > 0 ? matches.map(matchName).join(", ") : ""}</p>
      <p className="status" role="status">
        {held ? "On hold" : call.muted ? "Connected · muted" : "Connected"}
      </p>
      <CallTimer since={call.answeredAt ?? call.startedAt} />
      <div className="row spread">
        <button type="button" className="toggle" aria-pressed={call.muted} data-testid="mute" onClick={() => run(() => mute(!call.muted))}>
          {call.muted ? "Unmute" : "Mute"}
        </button>
        <button type="button" className="toggle" aria-pressed={held} data-testid="hold" onClick={() => run(() => hold(!held))}>
          {held ? "Resume" : "Hold"}
        </button>
        <button type="button" className="toggle" aria-pressed={padShown} aria-expanded={padShown} onClick={() => setPadShown(!padShown)}>
          Keypad
        </button>
      </div>
      {/* Tones go out one by one and never block the other buttons. */}
      {padShown && <Keypad label="Send tones" onKey={(key) => void sendDigits(key).catch(onToneError)} />}
      {/* Hanging up never waits for a running mute or hold. */}
      <button type="button" className="hang-up wide" data-testid="hang-up" disabled={hangingUp} onClick={hangUp}>
        Hang up
      </button>
      <p className="hint" data-testid="engagement">
        {engagementLine(call)}
      </p>
    </section>
  );
}
