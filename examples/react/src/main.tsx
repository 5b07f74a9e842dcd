import type { CallingClientOptions } from "hubspot-calling-kit";
import { CallingProvider } from "hubspot-calling-kit/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { loadConfig } from "./config";
import { createProvider } from "./provider";
import "./styles.css";

const config = loadConfig();

// The provider creates the client once, starts it after mounting and
// destroys it on unmount (StrictMode's double mount included).
const options: CallingClientOptions = {
  provider: createProvider(config.simulation),
  allowedOrigins: config.allowedOrigins,
  initialize: { sizeInfo: { width: 400, height: 600 } },
};

const root = document.getElementById("root");
if (!root) throw new Error("index.html needs a #root element");

createRoot(root).render(
  <StrictMode>
    <CallingProvider options={options}>
      <App appName={config.appName} />
    </CallingProvider>
  </StrictMode>,
);
