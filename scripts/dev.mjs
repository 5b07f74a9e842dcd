#!/usr/bin/env node
// `npm run dev`: the local playground. A page that plays HubSpot on
// http://localhost:5173/ and the example widgets on http://127.0.0.1:5174/
// and up (another origin, as in production); or, with
// `npm run dev -- --widget-url <url>` (or PLAYGROUND_WIDGET_URL), the page in
// front of any widget served elsewhere. Ports: PLAYGROUND_PORT, WIDGET_PORT.
import { startPlayground, widgetUrlsFrom } from "../playground/server.mjs";

const HELP = `Usage: npm run dev [-- --widget-url <url> ...]

Starts the HubSpot calling playground: a page on http://localhost:5173/ that
plays HubSpot, in front of a calling widget on another origin.

Options:
  --widget-url <url>  Host this widget instead of the starters (repeatable):
                      any widget, on this library or on the raw SDK, served
                      by its own dev server, e.g. http://127.0.0.1:8080/
  -h, --help          Show this help

Environment:
  PLAYGROUND_WIDGET_URL  The same as --widget-url (several: comma-separated)
  PLAYGROUND_PORT        The page's port (default 5173; 0: any free port)
  WIDGET_PORT            The first starter's port (default 5174)
`;

const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
  console.log(HELP);
  process.exit(0);
}
const unknown = argv.filter((arg, i) => arg.startsWith("-") && arg !== "--widget-url" && !arg.startsWith("--widget-url=") && argv[i - 1] !== "--widget-url");
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown[0]}.\n\n${HELP}`);
  process.exit(1);
}

let running;
try {
  running = await startPlayground({ logLevel: "info", widgetUrls: widgetUrlsFrom(argv, process.env) });
} catch (error) {
  console.error(`\nThe playground could not start: ${error instanceof Error ? error.message : String(error)}`);
  if (/port .* (is )?in use|EADDRINUSE/i.test(String(error))) {
    console.error("Another program uses that port. Pick others, e.g.: PLAYGROUND_PORT=6173 WIDGET_PORT=6174 npm run dev");
  }
  process.exit(1);
}

const origin = new URL(running.playgroundUrl).origin;
const external = running.widgets.some((widget) => widget.external);
const trust = external
  ? `
  Your widget must accept ${origin} as HubSpot. On hubspot-calling-kit:
    createCallingClient({ provider, allowedOrigins: [...HUBSPOT_ORIGINS, "${origin}"] })
  (read it from your dev environment rather than hard-coding it). A widget on
  the raw SDK accepts any origin. If the page says the widget did not answer
  SYNC, that origin is the first thing to check (your browser console names it).
`
  : "";

console.log(`
  HubSpot calling playground

  Playground (plays HubSpot):  ${running.playgroundUrl}
${running.widgets.map((w) => `  Widget (${w.name}):  ${w.url}`).join("\n")}
${trust}
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
