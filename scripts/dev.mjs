#!/usr/bin/env node
// `npm run dev`: the local playground. A page that plays HubSpot on
// http://localhost:5173/ and the example widget on http://127.0.0.1:5174/
// (another origin, as in production). Ports: PLAYGROUND_PORT, WIDGET_PORT.
import { startPlayground } from "../playground/server.mjs";

let running;
try {
  running = await startPlayground({ logLevel: "info" });
} catch (error) {
  console.error(`\nThe playground could not start: ${error instanceof Error ? error.message : String(error)}`);
  if (/port .* (is )?in use|EADDRINUSE/i.test(String(error))) {
    console.error("Another program uses that port. Pick others, e.g.: PLAYGROUND_PORT=6173 WIDGET_PORT=6174 npm run dev");
  }
  process.exit(1);
}

console.log(`
  HubSpot calling playground

  Playground (plays HubSpot):  ${running.playgroundUrl}
${running.widgets.map((w) => `  Widget (${w.name}):  ${w.url}`).join("\n")}

  Open the playground (as localhost: the widgets trust only that origin), then:
  log in inside the widget, press Call on the record, Dial in the widget,
  Hang up, type notes and press Complete; the call appears in the activity.
  The first start may say "Re-optimizing dependencies" and reload once: Vite
  pre-bundles the SDK for the browser.
  To load the widget in a real HubSpot tab instead, paste this into the
  browser console on app.hubspot.com (this browser only; HubSpot's older
  docs use the key LocalSettings:Sales:CallingExtensions, also shown in the
  playground):

    ${running.localOverrides[0]?.current ?? ""}

  Ctrl+C to stop.
`);

const stop = async () => {
  await running.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
