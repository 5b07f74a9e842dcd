import { useCallingClient, useCallingSnapshot } from "hubspot-calling-kit/react";
import { type FormEvent, useState } from "react";
import { Keypad } from "../components/Keypad";

/** Idle: shows HubSpot's requested number (or lets the user type one) and dials. */
export function KeypadScreen({ onError }: { onError: (error: unknown, what: string) => void }) {
  const client = useCallingClient();
  const request = useCallingSnapshot((snapshot) => snapshot.dialRequest);
  // Remounted (by key) for every new request, so this starts from it.
  const [number, setNumber] = useState(request?.phoneNumber ?? "");
  const [busy, setBusy] = useState(false);

  const dial = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      // Dialing the requested number answers HubSpot's request: the call is
      // then logged on the record the user clicked Call on.
      await client.dial({ toNumber: number });
    } catch (error) {
      onError(error, "Could not start the call");
      setBusy(false);
    }
  };

  return (
    <form className="screen" onSubmit={dial}>
      {request?.callee ? (
        <p className="muted" data-testid="callee">
          Calling from HubSpot record {request.callee.objectId}
        </p>
      ) : (
        <p className="muted">Click Call on a HubSpot record, or type a number.</p>
      )}
      <input
        className="number"
        data-testid="number"
        type="tel"
        inputMode="tel"
        aria-label="Phone number"
        placeholder="+1 617 555 0100"
        value={number}
        onChange={(event) => setNumber(event.target.value)}
      />
      <Keypad onPress={(key) => setNumber((current) => current + key)} />
      <button type="submit" className="primary call" data-testid="dial" disabled={busy || !/\d/.test(number)}>
        Call
      </button>
    </form>
  );
}
