import { useCall } from "hubspot-calling-kit/react";
import { callerIdLine } from "../callText";
import type { ActionProps } from "../useAction";

interface IncomingScreenProps extends ActionProps {
  /** The call whose caller-ID lookup failed in HubSpot, if any. */
  lookupFailedFor: string | null;
}

/** An incoming call, with HubSpot's caller-ID match. */
export function IncomingScreen({ busy, run, lookupFailedFor }: IncomingScreenProps) {
  const { call, answer, reject } = useCall();
  if (!call) return null;
  return (
    <section className="screen center" aria-label="Incoming call">
      <div className="avatar pulse" aria-hidden="true">
        ☎
      </div>
      <p className="status" role="status">
        Incoming call
      </p>
      <p className="party" data-testid="party">
        {call.fromNumber}
      </p>
      <p className="match" data-testid="caller-id">
        {callerIdLine(call, lookupFailedFor === call.id)}
      </p>
      <div className="row spread">
        <button type="button" className="hang-up" data-testid="decline" disabled={busy} onClick={() => run(reject)}>
          Decline
        </button>
        <button type="button" className="call" data-testid="answer" disabled={busy} onClick={() => run(answer)}>
          Answer
        </button>
      </div>
    </section>
  );
}
