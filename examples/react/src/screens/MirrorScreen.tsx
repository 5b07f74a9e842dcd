// The compact view of an instance that does not hold the call: HubSpot runs
// the widget twice (the calling remote in its navigation bar and the
// calling window), and only one of them, the owner, holds calls and the
// voice backend. This one shows the owner's call in one line with its main
// controls; every click is forwarded to the owner by the client.
import type { CallingSnapshot } from "hubspot-calling-kit";
import { useCallingClient, useCallingSnapshot } from "hubspot-calling-kit/react";
import { CallTimer } from "../components/CallTimer";
import { otherParty } from "../callText";
import type { ActionProps } from "../useAction";

/** Where HubSpot's calling window opens when HubSpot runs none itself (usesCallingWindow: false). */
function callingWindowUrl(snapshot: CallingSnapshot): string | null {
  const host = snapshot.session.host;
  if (!host || host.usesCallingWindow || host.portalId === undefined) return null;
  return `${host.hostUrl}/calling-integration-popup-ui/${host.portalId}?usesCallingWindow=false`;
}

export function MirrorScreen({ busy, run, hangUp, hangingUp }: ActionProps) {
  const client = useCallingClient();
  const snapshot = useCallingSnapshot();
  const { session, call, dialRequest, surface } = snapshot;
  if (!surface.ownerPresent) {
    const url = callingWindowUrl(snapshot);
    return (
      <section className="screen compact" aria-label="Call in the calling window">
        <p className="status" role="status" data-testid="mirror-line">
          {call?.error?.code === "OWNER_LOST"
            ? "The call was lost when the calling window closed."
            : "Open the calling window to make and take calls."}
        </p>
        {url && (
          <div className="row">
            <a className="button" href={url} target="_blank" rel="opener" data-testid="open-window">
              Open calling window
            </a>
          </div>
        )}
      </section>
    );
  }
  if (session.status !== "loggedIn") {
    return (
      <section className="screen compact" aria-label="Call in the calling window">
        <p className="status" role="status" data-testid="mirror-line">
          Logged out
        </p>
        <div className="row">
          <button type="button" className="call" data-testid="mirror-log-in" disabled={busy} onClick={() => run(() => client.logIn())}>
            Log in
          </button>
        </div>
      </section>
    );
  }
  const status = call?.status;
  const live = status === "dialing" || status === "ringing" || status === "connected" || status === "onHold";
  const line =
    call && live
      ? status === "connected" || status === "onHold"
        ? `${status === "onHold" ? "On hold" : "On a call"} with ${otherParty(call)}`
        : `Calling ${otherParty(call)}…`
      : call && status === "incoming"
        ? `Incoming call from ${otherParty(call)}`
        : call && (status === "ended" || status === "wrappingUp")
          ? call.error?.code === "OWNER_LOST"
            ? "The call was lost when the calling window closed."
            : `Call with ${otherParty(call)} ended`
          : dialRequest
            ? `HubSpot asks to call ${dialRequest.phoneNumber}`
            : "Ready";
  return (
    <section className="screen compact" aria-label="Call in the calling window">
      <p className="status" role="status" data-testid="mirror-line">
        {line}
      </p>
      {call?.answeredAt && (status === "connected" || status === "onHold") && <CallTimer since={call.answeredAt} />}
      <div className="row">
        {dialRequest && !live && status !== "incoming" && (
          <button
            type="button"
            className="call"
            data-testid="mirror-call"
            disabled={busy}
            onClick={() => run(() => client.dial({ toNumber: dialRequest.phoneNumber }))}
          >
            Call {dialRequest.phoneNumber}
          </button>
        )}
        {status === "incoming" && (
          <>
            <button type="button" className="call" data-testid="mirror-answer" disabled={busy} onClick={() => run(() => client.getCall()?.answer() ?? Promise.resolve())}>
              Answer
            </button>
            <button type="button" className="hang-up" data-testid="mirror-decline" disabled={busy} onClick={() => run(() => client.getCall()?.reject() ?? Promise.resolve())}>
              Decline
            </button>
          </>
        )}
        {(status === "connected" || status === "onHold") && (
          <button type="button" data-testid="mirror-mute" disabled={busy} onClick={() => run(() => client.getCall()?.mute(!call?.muted) ?? Promise.resolve())}>
            {call?.muted ? "Unmute" : "Mute"}
          </button>
        )}
        {live && (
          <button type="button" className="hang-up" data-testid="mirror-hang-up" disabled={hangingUp} onClick={hangUp}>
            Hang up
          </button>
        )}
        {status === "ended" && (
          <button type="button" className="call" data-testid="mirror-save" disabled={busy} onClick={() => run(() => client.getCall()?.complete({ hideWidget: false }) ?? Promise.resolve())}>
            Save call
          </button>
        )}
      </div>
    </section>
  );
}
