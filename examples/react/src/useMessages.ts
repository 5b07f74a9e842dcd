// Messages for the user. HubSpot never looks inside the widget, so every
// failure is explained here: errors stay until dismissed, a notice replaces
// the previous one.
import { useCallingEvent } from "hubspot-calling-kit/react";
import { useCallback, useRef, useState } from "react";
import { callFailureMessage } from "./errorMessages";

/** One error in the banner. */
export interface Alert {
  id: number;
  text: string;
}

export interface Messages {
  errors: readonly Alert[];
  notice: string;
  showError(text: string): void;
  showNotice(text: string): void;
  dismiss(id: number): void;
  clear(): void;
}

/** The widget's errors and notices, fed by the client's events and by failed actions. */
export function useMessages(): Messages {
  const [errors, setErrors] = useState<readonly Alert[]>([]);
  const [notice, setNotice] = useState("");
  const lastId = useRef(0);

  const showError = useCallback((text: string) => {
    const id = ++lastId.current;
    setErrors((list) => [...list, { id, text }]);
  }, []);
  const showNotice = useCallback((text: string) => setNotice(text), []);
  const dismiss = useCallback((id: number) => setErrors((list) => list.filter((item) => item.id !== id)), []);
  const clear = useCallback(() => {
    setErrors([]);
    setNotice("");
  }, []);

  // What HubSpot and the provider report. Inline handlers are fine:
  // useCallingEvent subscribes once and always calls the latest one.
  useCallingEvent("callEnded", ({ error, endStatus }) => {
    if (error) showError(callFailureMessage(error));
    else if (endStatus === "BUSY") showNotice("The line was busy.");
    else if (endStatus === "NO_ANSWER") showNotice("No answer.");
  });
  useCallingEvent("endCallRequested", () => showNotice("The call was ended from HubSpot."));
  useCallingEvent("engagementCreateFailed", ({ error }) =>
    showError(`HubSpot could not create the call record (${error.message}). Your notes are saved when you complete the call.`),
  );
  useCallingEvent("engagementWriteFailed", ({ error, willRetry }) => {
    if (!willRetry) showError(`The call was not saved to HubSpot: ${error.message}. Check the notes and try again.`);
  });
  useCallingEvent("hostError", ({ error }) => showError(`HubSpot reported a problem: ${error.message}`));
  useCallingEvent("dialRequested", clear);
  useCallingEvent("incomingCall", clear);

  return { errors, notice, showError, showNotice, dismiss, clear };
}
