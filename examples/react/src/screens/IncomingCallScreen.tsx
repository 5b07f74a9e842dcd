import type { CallerIdMatch } from "hubspot-calling-kit";
import { useCall } from "hubspot-calling-kit/react";

function callerName(matches: readonly CallerIdMatch[] | null): string | undefined {
  const match = matches?.[0];
  if (!match) return undefined;
  if (match.callerIdType === "COMPANY") return match.name;
  return [match.firstName, match.lastName].filter(Boolean).join(" ") || match.email;
}

/** An incoming call: who is calling (HubSpot's caller-ID match), answer or decline. */
export function IncomingCallScreen({ onError }: { onError: (error: unknown, what: string) => void }) {
  const { call, answer, reject } = useCall();
  if (!call) return null;
  const name = callerName(call.callerIdMatches);
  return (
    <section className="screen center" data-testid="incoming">
      <p className="muted">Incoming call</p>
      {name && (
        <p className="big" data-testid="caller-name">
          {name}
        </p>
      )}
      <p className={name ? "muted" : "big"}>{call.fromNumber}</p>
      <div className="row">
        <button
          type="button"
          className="primary"
          data-testid="answer"
          onClick={() => answer().catch((error: unknown) => onError(error, "Could not answer"))}
        >
          Answer
        </button>
        <button
          type="button"
          className="danger"
          data-testid="decline"
          onClick={() => reject().catch((error: unknown) => onError(error, "Could not decline"))}
        >
          Decline
        </button>
      </div>
    </section>
  );
}
