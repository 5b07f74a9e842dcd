#!/usr/bin/env node
// `npm run dev:sip`: the playground with a real voice backend. Starts
// Kamailio (Debian: apt-get install kamailio kamailio-websocket-modules) on
// a loopback port, the playground with the "SIP (local server)" widget
// (createSipProvider), and a second page that plays the contact's phone, so
// that a person hears a real WebRTC call through the playground. Plain
// `npm run dev` stays free of sip.js and Kamailio.
import { createServer } from "vite";
import { join } from "node:path";
import { startPlayground } from "../playground/server.mjs";
import { kamailioPath, SIP_DOMAIN, startKamailio } from "./kamailio.mjs";

if (!kamailioPath()) {
  console.error("npm run dev:sip needs Kamailio: sudo apt-get install -y kamailio kamailio-websocket-modules");
  process.exit(1);
}
const repoRoot = join(import.meta.dirname, "..");
const kamailio = await startKamailio({ port: Number(process.env.SIP_PORT ?? 0) || undefined });
// The SIP pages read these (Vite exposes VITE_* variables of the environment).
process.env.VITE_SIP_SERVER = kamailio.url;
process.env.VITE_SIP_DOMAIN = SIP_DOMAIN;

let running;
let callee;
try {
  running = await startPlayground({
    logLevel: "warn",
    widgets: [{ id: "sip", name: "SIP (local server)", dir: "playground/sip/widget" }],
  });
  callee = await createServer({
    configFile: join(repoRoot, "playground/sip/callee/vite.config.ts"),
    root: join(repoRoot, "playground/sip/callee"),
    cacheDir: join(repoRoot, "node_modules/.vite-playground/sip-callee"),
    logLevel: "warn",
    clearScreen: false,
    server: { host: "127.0.0.1", port: Number(process.env.CALLEE_PORT ?? 5180) },
  });
  await callee.listen();
} catch (error) {
  await running?.close();
  await kamailio.stop();
  console.error(`dev:sip could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const address = callee.httpServer?.address();
const calleeUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : "?"}/`;

console.log(`
  HubSpot calling playground with a real SIP call

  SIP server (Kamailio):        ${kamailio.url}  (domain ${SIP_DOMAIN})
  Playground (plays HubSpot):   ${running.playgroundUrl}
  Widget (SIP (local server)):  ${running.widgets[0]?.url ?? ""}
  The contact's phone (callee): ${calleeUrl}

  1. Open the callee page in one tab, the playground in another.
  2. In the widget: Log in. On the record: Call. In the widget: Dial.
  3. In the callee tab: Answer. You hear each other (use headphones).
  The callee's "Call the agent" rings the widget instead.

  Ctrl+C to stop.
`);

const stop = async () => {
  await Promise.allSettled([running.close(), callee.close(), kamailio.stop()]);
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
