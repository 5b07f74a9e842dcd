import { isCallActive } from "hubspot-calling-kit";
import { shallowEqual, useCallingClient, useCallingSnapshot } from "hubspot-calling-kit/react";

/** App name, HubSpot account, availability for inbound calls, log out. */
export function Header({ appName, onError }: { appName: string; onError: (error: unknown, what: string) => void }) {
  const client = useCallingClient();
  // A new object on every change, compared field by field: the header
  // re-renders only when one of these changes.
  const { status, available, portalId, busy } = useCallingSnapshot(
    (snapshot) => ({
      status: snapshot.session.status,
      available: snapshot.session.available,
      portalId: snapshot.session.host?.portalId,
      busy: isCallActive(snapshot.call),
    }),
    shallowEqual,
  );
  const loggedIn = status === "loggedIn";
  return (
    <header className="header">
      <div>
        <strong>{appName}</strong>
        <small data-testid="session-status">{portalId ? `Portal ${portalId} · ${status}` : status}</small>
      </div>
      {loggedIn && (
        <div className="header-actions">
          <label className="toggle">
            <input
              type="checkbox"
              data-testid="available"
              checked={available}
              onChange={(event) => {
                client.setAvailable(event.target.checked).catch((error: unknown) => onError(error, "Could not change availability"));
              }}
            />
            Available
          </label>
          <button
            type="button"
            className="link"
            data-testid="logout"
            disabled={busy}
            onClick={() => client.logOut().catch((error: unknown) => onError(error, "Could not log out"))}
          >
            Log out
          </button>
        </div>
      )}
    </header>
  );
}
