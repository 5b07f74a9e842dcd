// What the dev server tells the page (see playground/server.mjs): the
// widgets to offer and where they are served.

/** A widget in the provider picker. */
export interface PlaygroundWidget {
  /** Its id (also `?widget=<id>`). */
  id: string;
  /** The app name shown in the picker and the calling panel's header. */
  name: string;
  /** Its address, on another origin than the playground. */
  url: string;
  /** Served elsewhere (`npm run dev -- --widget-url <url>`), not one of the starters. */
  external?: boolean;
}

/** Used when the page is served without playground/server.mjs (e.g. plain `vite`). */
const FALLBACK: PlaygroundWidget[] = [{ id: "vanilla", name: "Acme Phone (vanilla starter)", url: "http://127.0.0.1:5174/" }];

function isWidget(value: unknown): value is PlaygroundWidget {
  const w = value as Partial<PlaygroundWidget> | null;
  return typeof w?.id === "string" && typeof w.name === "string" && typeof w.url === "string" && (w.external === undefined || typeof w.external === "boolean");
}

/** The configuration injected into the page, or null. */
function injected(): { widgets?: unknown; playgroundOrigin?: unknown } | null {
  try {
    return JSON.parse(document.getElementById("playground-config")?.textContent ?? "null") as { widgets?: unknown; playgroundOrigin?: unknown } | null;
  } catch {
    return null;
  }
}

/** Reads the widget list injected into the page. */
export function readWidgets(): PlaygroundWidget[] {
  const parsed = injected();
  const widgets = Array.isArray(parsed?.widgets) ? parsed.widgets.filter(isWidget) : [];
  return widgets.length > 0 ? widgets : FALLBACK;
}

/**
 * The origin the widgets were started to trust as HubSpot
 * (`http://localhost:<port>`), or undefined without playground/server.mjs.
 * Opened on any other origin (`http://127.0.0.1:<port>`, the same server),
 * the page would never connect: the widget refuses a HubSpot it does not
 * trust.
 */
export function readPlaygroundOrigin(): string | undefined {
  const origin = injected()?.playgroundOrigin;
  return typeof origin === "string" && /^https?:\/\/[^/]+$/.test(origin) ? origin : undefined;
}

/**
 * The widget's address with the playground's own query parameters passed
 * on (all but `widget`), so `/?outcome=busy` reaches the widget.
 */
export function widgetAddress(widget: PlaygroundWidget, search: string = location.search): string {
  const url = new URL(widget.url);
  for (const [key, value] of new URLSearchParams(search)) if (key !== "widget") url.searchParams.append(key, value);
  return url.href;
}
