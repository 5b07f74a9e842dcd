import { useCall } from "hubspot-calling-kit/react";
import { useState } from "react";
import { CallTimer } from "../components/CallTimer";
import { Keypad } from "../components/Keypad";

/** A connected call: timer, mute, hold, keypad for DTMF, hang up. */
export function InCallScreen({ onError }: { onError: (error: unknown, what: string) => void }) {
  const { call, hangUp, mute, hold, sendDigits } = useCall();
  const [showKeypad, setShowKeypad] = useState(false);
  const [digits, setDigits] = useState("");
  if (!call) return null;
  const onHold = call.status === "onHold";
  const other = call.direction === "OUTBOUND" ? call.toNumber : call.fromNumber;

  return (
    <section className="screen">
      <p className="muted" data-testid="call-status">
        {onHold ? "On hold" : "In call"} · {call.answeredAt !== null && <CallTimer since={call.answeredAt} />}
      </p>
      <p className="big">{other}</p>
      <div className="row">
        <button
          type="button"
          data-testid="mute"
          aria-pressed={call.muted}
          onClick={() => mute(!call.muted).catch((error: unknown) => onError(error, "Could not change mute"))}
        >
          {call.muted ? "Unmute" : "Mute"}
        </button>
        <button
          type="button"
          data-testid="hold"
          aria-pressed={onHold}
          onClick={() => hold(!onHold).catch((error: unknown) => onError(error, "Could not change hold"))}
        >
          {onHold ? "Resume" : "Hold"}
        </button>
        <button type="button" data-testid="show-keypad" aria-expanded={showKeypad} onClick={() => setShowKeypad(!showKeypad)}>
          Keypad
        </button>
      </div>
      {showKeypad && (
        <>
          <output className="digits" data-testid="digits">
            {digits}
          </output>
          <Keypad
            disabled={onHold}
            onPress={(key) => {
              setDigits((current) => current + key);
              sendDigits(key).catch((error: unknown) => onError(error, "Could not send the tone"));
            }}
          />
        </>
      )}
      <button
        type="button"
        className="danger call"
        data-testid="hang-up"
        onClick={() => hangUp().catch((error: unknown) => onError(error, "Could not hang up"))}
      >
        Hang up
      </button>
    </section>
  );
}
