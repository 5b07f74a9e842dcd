import { useEffect, useState } from "react";
import { formatDuration } from "../callText";

/** Time since `since` (ms since the epoch), ticking every second. */
export function CallTimer({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <p className="timer" data-testid="call-timer" aria-label="Call duration">
      {formatDuration(now - since)}
    </p>
  );
}
