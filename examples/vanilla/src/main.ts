// Entry point: configuration, voice backend, calling client, UI.
import { coordinateSurfaces, createCallingClient } from "hubspot-calling-kit";
import { acceptSimulatorControl } from "hubspot-calling-kit/testing";
import { mountApp } from "./app";
import { loadConfig } from "./config";
import { createProvider } from "./provider";
import "./style.css";

const config = loadConfig();
const provider = createProvider(config.simulation);

// Lets the local playground play the far end (incoming calls, the other side
// hanging up). Only the playground's origin can use it, and only in builds
// that name a playground origin; remove it with the simulated provider.
if (config.playgroundOrigin) acceptSimulatorControl(provider, { hostOrigin: config.playgroundOrigin });

const client = createCallingClient({
  provider,
  allowedOrigins: config.allowedOrigins,
  initialize: { isLoggedIn: false, sizeInfo: { width: 400, height: 600 } },
  // HubSpot may run this widget twice: in the calling remote (its navigation
  // bar) and in the calling window, which keeps the call when HubSpot's
  // pages change. This makes them one client: the window holds the call,
  // the remote mirrors it. A classic widget runs on its own as before.
  surfaces: coordinateSurfaces({ name: "acme-phone" }),
});

const root = document.querySelector<HTMLElement>("#app");
if (root) mountApp(root, client, { appName: config.appName });
