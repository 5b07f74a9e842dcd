// Entry point: configuration, voice backend, calling client, UI.
import { type CallingClientOptions, coordinateSurfaces } from "hubspot-calling-kit";
import { CallingProvider } from "hubspot-calling-kit/react";
import { acceptSimulatorControl } from "hubspot-calling-kit/testing";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { loadConfig } from "./config";
import { createProvider } from "./provider";
import "./style.css";

const config = loadConfig();
const provider = createProvider(config.simulation);

// Lets the local playground play the far end (incoming calls, the other side
// hanging up). Only the playground's origin can use it, and only in builds
// that name a playground origin; remove it with the simulated provider.
if (config.playgroundOrigin) acceptSimulatorControl(provider, { hostOrigin: config.playgroundOrigin });

// <CallingProvider> creates the client from these options once, starts it
// after mounting and destroys it on unmount (StrictMode's double mount in
// development included: exactly one client listens to HubSpot).
const options: CallingClientOptions = {
  provider,
  allowedOrigins: config.allowedOrigins,
  initialize: { isLoggedIn: false, sizeInfo: { width: 400, height: 600 } },
  // HubSpot may run this widget twice: in the calling remote (its navigation
  // bar) and in the calling window, which keeps the call when HubSpot's
  // pages change. This makes them one client: the window holds the call,
  // the remote mirrors it. A classic widget runs on its own as before.
  surfaces: coordinateSurfaces({ name: "acme-phone" }),
};

const root = document.getElementById("app");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <CallingProvider options={options}>
        <App appName={config.appName} />
      </CallingProvider>
    </StrictMode>,
  );
}
