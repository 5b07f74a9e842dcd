import { useCallingClient } from "hubspot-calling-kit/react";
import { useState } from "react";
import type { ActionProps } from "../useAction";

/** Logs the user in to the vendor's service (simulated: any email and password). */
export function LoginScreen({ busy, run }: ActionProps) {
  const client = useCallingClient();
  const [email, setEmail] = useState("agent@acme.example");
  const [password, setPassword] = useState("demo-password");
  return (
    <section className="screen" aria-labelledby="login-title">
      <h2 id="login-title">Log in to make calls</h2>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          // A real widget authenticates `email` and `password` against the
          // vendor's service here, then tells HubSpot.
          run(() => client.logIn());
        }}
      >
        <label htmlFor="login-email">Email</label>
        <input
          type="email"
          id="login-email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <label htmlFor="login-password">Password</label>
        <input
          type="password"
          id="login-password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="primary wide" data-testid="login" disabled={busy}>
          {busy ? "Logging in…" : "Log in"}
        </button>
        <p className="hint">Demo account: any email and password work.</p>
      </form>
    </section>
  );
}
