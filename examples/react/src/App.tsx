// The widget: picks one screen from the client's state, shows messages, and
// hands the screens a way to run actions. Every failure is shown here,
// inside the iframe.
import type { CallingSnapshot } from "hubspot-calling-kit";
import { useCallingClient, useCallingSnapshot } from "hubspot-calling-kit/react";
import { useEffect, useState } from "react";
import { MessageList } from "./components/MessageList";
import { describe } from "./errorMessages";
import { CallingScreen } from "./screens/CallingScreen";
import { ConnectingScreen } from "./screens/ConnectingScreen";
import { InCallScreen } from "./screens/InCallScreen";
import { IncomingScreen } from "./screens/IncomingScreen";
import { KeypadScreen } from "./screens/KeypadScreen";
import { LoginScreen } from "./screens/LoginScreen";
import { MirrorScreen } from "./screens/MirrorScreen";
import { WrapUpScreen } from "./screens/WrapUpScreen";
import { useAction } from "./useAction";
import { useCallerLookupFailed } from "./useCallerLookupFailed";
import { useMessages } from "./useMessages";

type ScreenName = "connecting" | "login" | "keypad" | "calling" | "incoming" | "inCall" | "wrapUp" | "mirror";

/** Which screen a snapshot shows. */
function screenFor(snapshot: CallingSnapshot): ScreenName {
  const { session, call } = snapshot;
  // HubSpot runs the widget twice (calling remote + calling window): the instance that does
  // not hold the call shows it compactly; the one that does gets the full softphone.
  if (snapshot.surface.role === "mirror") return "mirror";
  if (session.status === "connecting" || session.status === "ready") return "connecting";
  if (session.status === "loggedOut") return "login";
  switch (call?.status) {
    case "dialing":
    case "ringing":
      return "calling";
    case "incoming":
      return "incoming";
    case "connected":
    case "onHold":
      return "inCall";
    case "ended":
    case "wrappingUp":
      return "wrapUp";
    default:
      return "keypad";
  }
}

const STATUS_TEXT: Record<ScreenName, string> = {
  connecting: "Connecting",
  login: "Logged out",
  keypad: "Ready",
  calling: "Calling",
  incoming: "Incoming call",
  inCall: "On a call",
  wrapUp: "Wrap-up",
  mirror: "Calling window",
};

/**
 * The remote, when HubSpot runs no calling window (usesCallingWindow: false): a window of the
 * widget's own, at HubSpot's popup address (as HubSpot's demos do); it mirrors this one.
 */
function popOutAddress(snapshot: CallingSnapshot): string | null {
  const host = snapshot.session.host;
  if (!host || host.iframeLocation !== "remote" || host.usesCallingWindow || host.portalId === undefined) return null;
  return `${host.hostUrl}/calling-integration-popup-ui/${host.portalId}?usesCallingWindow=false`;
}

/** The numbers the user may call from, loaded once logged in. */
function useCallerNumbers(loggedIn: boolean): readonly string[] {
  const client = useCallingClient();
  const [numbers, setNumbers] = useState<readonly string[]>([]);
  useEffect(() => {
    if (!loggedIn) return;
    const controller = new AbortController();
    client
      .listCallerNumbers({ timeout: 10_000, signal: controller.signal })
      .then(setNumbers)
      .catch(() => setNumbers([])); // the provider chooses the caller ID
    return () => controller.abort();
  }, [client, loggedIn]);
  return numbers;
}

export function App({ appName }: { appName: string }) {
  const client = useCallingClient();
  // A string: the snapshot re-renders App only when the screen changes, not
  // on every change of the call (the screens select what they show
  // themselves). Messages, a running action and a failed caller-ID lookup
  // re-render it too.
  const screen = useCallingSnapshot(screenFor);
  const messages = useMessages();
  const actions = useAction(messages.showError);
  const lookupFailedFor = useCallerLookupFailed();
  const popOutUrl = useCallingSnapshot(popOutAddress);
  const callerNumbers = useCallerNumbers(screen !== "connecting" && screen !== "login" && screen !== "mirror");

  return (
    <div className="widget">
      <header className="bar">
        <span className="brand">
          <span className="logo" aria-hidden="true">
            A
          </span>
          {appName}
        </span>
        <span className="pill" data-testid="status" data-screen={screen}>
          {STATUS_TEXT[screen]}
        </span>
        {popOutUrl && screen !== "mirror" && (
          <a className="link" href={popOutUrl} target="_blank" rel="opener" data-testid="pop-out">
            Open in a window
          </a>
        )}
        {screen === "keypad" && (
          <button type="button" className="link" onClick={() => actions.run(() => client.logOut())}>
            Log out
          </button>
        )}
      </header>
      <MessageList messages={messages} />
      <main>
        {screen === "connecting" && <ConnectingScreen />}
        {screen === "mirror" && <MirrorScreen {...actions} />}
        {screen === "login" && <LoginScreen {...actions} />}
        {screen === "keypad" && <KeypadScreen {...actions} callerNumbers={callerNumbers} onDial={messages.clear} />}
        {screen === "calling" && <CallingScreen {...actions} />}
        {screen === "incoming" && <IncomingScreen {...actions} lookupFailedFor={lookupFailedFor} />}
        {screen === "inCall" && <InCallScreen {...actions} onToneError={(error) => messages.showError(describe(error))} />}
        {screen === "wrapUp" && (
          <WrapUpScreen
            {...actions}
            onSaved={() => {
              // Saved: earlier failures (a failed save before this retry) are over.
              messages.clear();
              messages.showNotice("Call saved to HubSpot.");
            }}
            onSaveFailed={messages.showSaveFailure}
            onDiscarded={() => messages.showNotice("Call discarded: nothing more was saved to HubSpot.")}
          />
        )}
      </main>
    </div>
  );
}
