// Whether HubSpot's caller-ID lookup for the current call failed. Newer
// versions of the library report it on callerIdMatched (with `error`, and
// `callerIdMatches: []` in the snapshot), older ones as hostError
// CALLER_ID_MATCH_FAILED. Kept in App, which is mounted before the call
// arrives, so no answer is missed.
import { useCallingClient, useCallingEvent } from "hubspot-calling-kit/react";
import { useState } from "react";

/** The id of the call whose caller-ID lookup failed, or null. */
export function useCallerLookupFailed(): string | null {
  const client = useCallingClient();
  const [failedFor, setFailedFor] = useState<string | null>(null);
  useCallingEvent("callerIdMatched", (event) => {
    if ("error" in event && event.error) setFailedFor(event.call.id);
  });
  useCallingEvent("hostError", ({ error }) => {
    if (error.code === "CALLER_ID_MATCH_FAILED") setFailedFor(client.getSnapshot().call?.id ?? null);
  });
  return failedFor;
}
