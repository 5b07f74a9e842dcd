import { useEffect, useState } from "react";

/** Shown until HubSpot's handshake (SYNC) arrives. */
export function ConnectingScreen() {
  // Only a hint after a while: nothing is wrong yet, HubSpot may simply be slow.
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), 5_000);
    return () => clearTimeout(timer);
  }, []);
  return (
    <section className="screen center" aria-busy="true">
      <div className="spinner" aria-hidden="true" />
      <h2>Connecting to HubSpot…</h2>
      {slow && (
        <p className="hint">
          Still waiting. This widget runs inside HubSpot: open it from a HubSpot record, or from the local playground (npm run
          dev).
        </p>
      )}
    </section>
  );
}
