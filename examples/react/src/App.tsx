import { useCallingSnapshot } from "hubspot-calling-kit/react";
import { ErrorBanner } from "./components/ErrorBanner";
import { Header } from "./components/Header";
import { CallEndedScreen } from "./screens/CallEndedScreen";
import { ConnectingScreen } from "./screens/ConnectingScreen";
import { DialingScreen } from "./screens/DialingScreen";
import { InCallScreen } from "./screens/InCallScreen";
import { IncomingCallScreen } from "./screens/IncomingCallScreen";
import { KeypadScreen } from "./screens/KeypadScreen";
import { LoginScreen } from "./screens/LoginScreen";
import { useWidgetError, type WidgetError } from "./useWidgetError";

/** The softphone: one screen at a time, chosen from the client's state. */
export function App({ appName }: { appName: string }) {
  const error = useWidgetError();
  return (
    <main className="widget">
      <Header appName={appName} onError={error.report} />
      <ErrorBanner message={error.message} onDismiss={error.dismiss} />
      <Screen onError={error.report} />
    </main>
  );
}

function Screen({ onError }: { onError: WidgetError["report"] }) {
  const session = useCallingSnapshot((snapshot) => snapshot.session.status);
  // Only the call's status picks the screen: the screens read the rest.
  const callStatus = useCallingSnapshot((snapshot) => snapshot.call?.status ?? "none");
  const requestKey = useCallingSnapshot((snapshot) => snapshot.dialRequest?.key ?? "none");

  if (session === "connecting") return <ConnectingScreen />;
  if (session !== "loggedIn") return <LoginScreen onError={onError} />;
  switch (callStatus) {
    case "incoming":
      return <IncomingCallScreen onError={onError} />;
    case "dialing":
    case "ringing":
      return <DialingScreen onError={onError} />;
    case "connected":
    case "onHold":
      return <InCallScreen onError={onError} />;
    case "ended":
    case "wrappingUp":
      return <CallEndedScreen onError={onError} />;
    default:
      // No call yet, or the last one is completed. A new request from HubSpot
      // remounts the keypad so it shows the requested number.
      return <KeypadScreen key={requestKey} onError={onError} />;
  }
}
