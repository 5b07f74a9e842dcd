// One place for the errors the user must see. HubSpot never shows the
// widget's failures, so they are collected here and shown in a banner.
import { isCallingError } from "hubspot-calling-kit";
import { useCallingClient, useCallingEvent } from "hubspot-calling-kit/react";
import { useCallback, useEffect, useState } from "react";
import { callFailureMessage, describe } from "./errorMessages";

export interface WidgetError {
  /** The banner's text. */
  message: string;
  /** Shows an error from a failed command. */
  report: (error: unknown, what: string) => void;
  /** Hides the banner. */
  dismiss: () => void;
}

export function useWidgetError(): WidgetError {
  const client = useCallingClient();
  const [message, setMessage] = useState("");
  const report = useCallback((error: unknown, what: string) => setMessage(`${what}: ${describe(error)}`), []);
  const dismiss = useCallback(() => setMessage(""), []);

  useCallingEvent("callEnded", ({ error }) => {
    if (error) setMessage(callFailureMessage(error));
  });
  useCallingEvent("engagementCreateFailed", ({ error }) => report(error, "HubSpot could not create the call record"));
  useCallingEvent("engagementWriteFailed", ({ error, willRetry }) => {
    if (!willRetry) report(error, "The call could not be logged; try again");
  });
  useCallingEvent("hostError", ({ error }) => report(error, "HubSpot reported a problem"));

  // Not inside HubSpot (or HubSpot's page is not allowed): say so instead of
  // waiting forever.
  useEffect(() => {
    const controller = new AbortController();
    client.ready({ timeout: 15_000, signal: controller.signal }).catch((error: unknown) => {
      if (controller.signal.aborted || isCallingError(error, "DESTROYED")) return;
      setMessage(
        isCallingError(error, "TIMEOUT")
          ? "HubSpot did not connect. Open this widget from HubSpot's call button (or the local playground)."
          : `Could not connect to HubSpot: ${describe(error)}`,
      );
    });
    return () => controller.abort();
  }, [client]);

  return { message, report, dismiss };
}
