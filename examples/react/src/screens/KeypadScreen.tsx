import { useCallingClient, useCallingSnapshot } from "hubspot-calling-kit/react";
import { useState } from "react";
import { Keypad } from "../components/Keypad";
import type { ActionProps } from "../useAction";
import { neverConnected } from "./WrapUpScreen";

interface KeypadScreenProps extends ActionProps {
  /** Numbers the user may call from. */
  callerNumbers: readonly string[];
  /** Called before dialing (clears old messages). */
  onDial: () => void;
}

/** The idle screen: number, number pad, from-number choice, Dial. */
export function KeypadScreen({ busy, run, callerNumbers, onDial }: KeypadScreenProps) {
  const client = useCallingClient();
  const request = useCallingSnapshot((snapshot) => snapshot.dialRequest);
  const available = useCallingSnapshot((snapshot) => snapshot.session.available);
  // After a dial that never connected (discarded), the number is still there to call again.
  const retry = useCallingSnapshot(({ call }) => (call?.direction === "OUTBOUND" && neverConnected(call) ? call.toNumber : ""));
  const [number, setNumber] = useState(request?.phoneNumber ?? retry);
  const [from, setFrom] = useState(callerNumbers[0] ?? "");

  // A new request from HubSpot fills in its number (the user can still edit
  // it); a new list of caller numbers preselects the first. Adjusting state
  // while rendering, as React recommends for "state that follows a prop".
  const [seenRequest, setSeenRequest] = useState(request?.key);
  if (request && request.key !== seenRequest) {
    setSeenRequest(request.key);
    setNumber(request.phoneNumber);
  }
  const [seenNumbers, setSeenNumbers] = useState(callerNumbers);
  if (callerNumbers !== seenNumbers) {
    setSeenNumbers(callerNumbers);
    setFrom(callerNumbers[0] ?? "");
  }

  const canDial = !busy && /\d/.test(number);
  return (
    <section className="screen" aria-label="Make a call">
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (!canDial) return;
          onDial();
          // Dialing the number HubSpot asked for answers its request: the
          // call is then logged on the record the user clicked Call on.
          run(() => client.dial({ toNumber: number.trim(), ...(from ? { fromNumber: from } : {}) }));
        }}
      >
        {request && (
          <p className="note" data-testid="dial-request">
            HubSpot asked to call {request.phoneNumber}
          </p>
        )}
        <label htmlFor="dial-number">Number to call</label>
        <div className="row">
          <input
            id="dial-number"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            placeholder="+1 617 555 0100"
            data-testid="number"
            value={number}
            onChange={(event) => setNumber(event.target.value)}
          />
          <button type="button" className="ghost" aria-label="Delete last digit" onClick={() => setNumber(number.slice(0, -1))}>
            ⌫
          </button>
        </div>
        <Keypad label="Number pad" onKey={(key) => setNumber((current) => current + key)} />
        <label htmlFor="from-number">Call from</label>
        <select id="from-number" data-testid="from-number" value={from} onChange={(event) => setFrom(event.target.value)}>
          <option value="">Default caller ID</option>
          {callerNumbers.map((item) => (
            <option key={item} value={item}>
              {item}
            </option>
          ))}
        </select>
        <button type="submit" className="call wide" data-testid="dial" disabled={!canDial}>
          Dial
        </button>
        <label className="switch" htmlFor="available">
          <input
            type="checkbox"
            id="available"
            checked={available}
            // One action at a time: while one runs, the switch waits too.
            disabled={busy}
            onChange={(event) => {
              const next = event.target.checked;
              run(() => client.setAvailable(next));
            }}
          />{" "}
          Available for incoming calls
        </label>
      </form>
    </section>
  );
}
