import { useCall } from "hubspot-calling-kit/react";
import { otherParty } from "../callText";
import type { ActionProps } from "../useAction";

/** Dialing and ringing (outbound). */
export function CallingScreen({ hangUp, hangingUp }: ActionProps) {
  const { call } = useCall();
  if (!call) return null;
  return (
    <section className="screen center" aria-label="Calling">
      <div className="avatar pulse" aria-hidden="true">
        ☎
      </div>
      <p className="party" data-testid="party">
        {otherParty(call)}
      </p>
      <p className="status" role="status">
        {call.status === "ringing" ? "Ringing…" : "Calling…"}
      </p>
      <button type="button" className="hang-up wide" data-testid="hang-up" disabled={hangingUp} onClick={hangUp}>
        Hang up
      </button>
    </section>
  );
}
