// Messages for the user. HubSpot never looks inside the widget, so every
// failure is explained here: errors stay until dismissed, a notice replaces
// the previous one.
import { useCallingEvent } from "hubspot-calling-kit/react";
import { useCallback, useRef, useState } from "react";
import { callFailureMessage, saveFailureMessage } from "./errorMessages";

/** One error in the banner. */
export interface Alert {
  id: number;
  text: string;
  /** Errors with a key replace the earlier error with that key (one banner per problem). */
  key: string | undefined;
}

export interface Messages {
  errors: readonly Alert[];
  notice: string;
  showError(text: string, key?: string): void;
  showNotice(text: string): void;
  /** Shows that the call could not be saved (one banner, however many ways the failure arrives). */
  showSaveFailure(error: unknown): void;
  dismiss(id: number): void;
  clear(): void;
}

/** The widget's errors and notices, fed by the client's events and by failed actions. */
export function useMessages(): Messages {
  const [errors, setErrors] = useState<readonly Alert[]>([]);
  const [notice, setNotice] = useState("");
  const lastId = useRef(0);

  const showError = useCallback((text: string, key?: string) => {
    const id = ++lastId.current;
    setErrors((list) => {
      const item = { id, text, key };
      const index = key === undefined ? -1 : list.findIndex((other) => other.key === key);
      return index === -1 ? [...list, item] : list.map((other, at) => (at === index ? item : other));
    });
  }, []);
  const showNotice = useCallback((text: string) => setNotice(text), []);
  // A failed save reaches the widget up to three ways (the writer's
  // engagementWriteFailed, complete()'s rejection and, from some versions,
  // hostError): all of them end up in this one banner.
  const showSaveFailure = useCallback((error: unknown) => showError(saveFailureMessage(error), "save"), [showError]);
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
    if (!willRetry) showSaveFailure(error);
  });
  useCallingEvent("hostError", ({ error }) => {
    // A failed caller-ID lookup shows on the incoming call screen (useCallerLookupFailed).
    if (error.code === "CALLER_ID_MATCH_FAILED") return;
    if (error.code === "UPDATE_ENGAGEMENT_FAILED") showSaveFailure(error);
    // The message already reads "HubSpot reported …".
    else showError(error.message);
  });
  useCallingEvent("dialRequested", clear);
  useCallingEvent("incomingCall", clear);

  return { errors, notice, showError, showNotice, showSaveFailure, dismiss, clear };
}
