// Types of server.mjs, for the end-to-end tests written in TypeScript.

/** Options of {@link startPlayground}. */
export interface StartPlaygroundOptions {
  /** The playground page's port (default PLAYGROUND_PORT or 5173; 0 picks a free one). */
  playgroundPort?: number;
  /** The first widget's port (default WIDGET_PORT or 5174; 0 picks free ones). */
  widgetPort?: number;
  /** Watch files and reload on change (default true; tests turn it off). */
  watch?: boolean;
  /** Vite's log level (default "warn"). */
  logLevel?: "info" | "warn" | "error" | "silent";
  /**
   * Widgets served elsewhere (`npm run dev -- --widget-url <url>`): the page
   * offers these instead of the example widgets, which are then not started.
   */
  widgetUrls?: readonly string[];
  /** The widget folders to serve (default playground/widgets.mjs); a folder without vite.config.ts is served as it is. */
  widgets?: readonly { id: string; name: string; dir: string }[];
  /** Where each server's Vite pre-bundle goes, one folder per server (default: a temporary folder with free ports, else node_modules/.vite-playground). */
  cacheRoot?: string;
}

/** A widget the playground serves. */
export interface ServedWidget {
  /** Its id in playground/widgets.mjs. */
  id: string;
  /** Its name in the provider picker. */
  name: string;
  /** Its address, e.g. http://127.0.0.1:5174/ */
  url: string;
  /** Served elsewhere (given with `widgetUrls`), not by the playground. */
  external?: boolean;
}

/** What {@link startPlayground} returns. */
export interface RunningPlayground {
  /** The page playing HubSpot, e.g. http://localhost:5173/ */
  playgroundUrl: string;
  /** The widgets, in picker order. */
  widgets: ServedWidget[];
  /** The localStorage snippets that load each widget in a real HubSpot tab. */
  localOverrides: { widget: string; current: string; legacy: string }[];
  /** Stops every server. */
  close(): Promise<void>;
}

/** Starts the playground page and every example widget. */
export function startPlayground(options?: StartPlaygroundOptions): Promise<RunningPlayground>;

/** The widget addresses of `--widget-url` in `argv`, else of `PLAYGROUND_WIDGET_URL`; throws on an address that is not http(s). */
export function widgetUrlsFrom(argv: readonly string[], env: Record<string, string | undefined>): string[];

/** Checks and normalises one widget address. */
export function checkWidgetUrl(raw: string): string;

/** Reads a port number from the environment, or `fallback`. */
export function portFromEnv(name: string, fallback: number): number;
