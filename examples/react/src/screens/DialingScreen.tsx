import { useCall } from "hubspot-calling-kit/react";

/** Outbound call before it connects: calling, then ringing. */
export function DialingScreen({ onError }: { onError: (error: unknown, what: string) => void }) {
  const { call, hangUp } = useCall();
  if (!call) return null;
  return (
    <section className="screen center">
      <p className="muted" data-testid="call-status">
        {call.status === "ringing" ? "Ringing…" : "Calling…"}
      </p>
      <p className="big">{call.toNumber}</p>
      <button
        type="button"
        className="danger call"
        data-testid="hang-up"
        onClick={() => hangUp().catch((error: unknown) => onError(error, "Could not hang up"))}
      >
        Cancel
      </button>
    </section>
  );
}
