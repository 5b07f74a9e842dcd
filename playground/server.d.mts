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
}

/** A widget the playground serves. */
export interface ServedWidget {
  /** Its id in playground/widgets.mjs. */
  id: string;
  /** Its name in the provider picker. */
  name: string;
  /** Its address, e.g. http://127.0.0.1:5174/ */
  url: string;
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

/** Reads a port number from the environment, or `fallback`. */
export function portFromEnv(name: string, fallback: number): number;
