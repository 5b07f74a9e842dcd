import { useCallback, useRef, useState } from "react";
import { describe } from "./errorMessages";

/** Runs a user action: one at a time, failures shown. */
export type Run = (action: () => Promise<unknown>) => void;

/** Props every screen gets: whether an action is running, and how to run one. */
export interface ActionProps {
  busy: boolean;
  run: Run;
}

/** One action at a time (buttons show it and do not repeat it); failures go to `showError`. */
export function useAction(showError: (text: string) => void): ActionProps {
  const [busy, setBusy] = useState(false);
  // The state lags one render behind a double click; the ref does not.
  const running = useRef(false);
  const run = useCallback<Run>(
    (action) => {
      if (running.current) return;
      running.current = true;
      setBusy(true);
      action()
        .catch((error: unknown) => showError(describe(error)))
        .finally(() => {
          running.current = false;
          setBusy(false);
        });
    },
    [showError],
  );
  return { busy, run };
}
