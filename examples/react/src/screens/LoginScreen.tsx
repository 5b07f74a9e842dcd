import { useCallingClient } from "hubspot-calling-kit/react";
import { type FormEvent, useState } from "react";

/**
 * The vendor's own login. This starter accepts any name; replace the submit
 * handler with your authentication, then tell HubSpot with client.logIn().
 */
export function LoginScreen({ onError }: { onError: (error: unknown, what: string) => void }) {
  const client = useCallingClient();
  const [user, setUser] = useState("agent@example.com");
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      // await yourAuth.signIn(user) would go here.
      await client.logIn();
    } catch (error) {
      onError(error, "Could not log in");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="screen" onSubmit={submit}>
      <h1>Log in</h1>
      <label>
        Email
        <input type="email" value={user} onChange={(event) => setUser(event.target.value)} autoComplete="username" />
      </label>
      <button type="submit" className="primary" data-testid="login" disabled={busy}>
        Log in
      </button>
    </form>
  );
}
