import { isCallActive } from "hubspot-calling-kit";
import { useCallingClient } from "hubspot-calling-kit/react";
import { useCallback, useRef, useState } from "react";
import { describe } from "./errorMessages";

/** Runs a user action: one at a time, failures shown. */
export type Run = (action: () => Promise<unknown>) => void;

/** Props every screen gets: whether an action is running, and how to run one. */
export interface ActionProps {
  /** Whether an action is running (buttons show it and do not repeat it). */
  busy: boolean;
  /** Runs a user action, one at a time. */
  run: Run;
  /** Hangs up the current call without waiting for a running action (a slow mute or hold). */
  hangUp: () => void;
  /** Whether hanging up is under way. */
  hangingUp: boolean;
}

/**
 * One action at a time (buttons show it and do not repeat it); failures go
 * to `showError`. Hanging up is the exception: it never waits for another
 * action, and has its own guard against double clicks.
 */
export function useAction(showError: (text: string) => void): ActionProps {
  const client = useCallingClient();
  const [busy, setBusy] = useState(false);
  const [hangingUp, setHangingUp] = useState(false);
  // The state lags one render behind a double click; the refs do not.
  const running = useRef(false);
  const hangUpRunning = useRef(false);

  // Shows a failure, except that of an action on a live call that ended
  // meanwhile (a mute cut short by hanging up): callEnded said what happened.
  const attempt = useCallback(
    (action: () => Promise<unknown>): Promise<void> => {
      const startedOn = client.getSnapshot().call;
      return action().then(
        () => undefined,
        (error: unknown) => {
          const now = client.getSnapshot().call;
          const endedMeanwhile = startedOn !== null && isCallActive(startedOn) && !(now?.id === startedOn.id && isCallActive(now));
          if (!endedMeanwhile) showError(describe(error));
        },
      );
    },
    [client, showError],
  );

  const run = useCallback<Run>(
    (action) => {
      if (running.current) return;
      running.current = true;
      setBusy(true);
      void attempt(action).finally(() => {
        running.current = false;
        setBusy(false);
      });
    },
    [attempt],
  );

  const hangUp = useCallback(() => {
    if (hangUpRunning.current) return;
    hangUpRunning.current = true;
    setHangingUp(true);
    void attempt(() => client.getCall()?.hangUp() ?? Promise.resolve()).finally(() => {
      hangUpRunning.current = false;
      setHangingUp(false);
    });
  }, [attempt, client]);

  return { busy, run, hangUp, hangingUp };
}
