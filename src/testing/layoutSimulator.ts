import { CallingError } from "../errors/callingError";
import type { HostContext } from "../sdk/messages";
import { createHostSimulator, type HostSimulator, type HostSimulatorOptions } from "./hostSimulator";
import type { RecordedMessage } from "./messageRecorder";

/**
 * Where HubSpot runs the widget, for {@link createLayoutSimulator}:
 *
 * - `remoteAndWindow`: the calling remote in the navigation bar and the
 *   calling window, which holds the call (`usesCallingWindow: true`);
 * - `remoteOnly`: the remote holds the call; the window, opened by the
 *   widget's own link, only shows UI (`usesCallingWindow: false`).
 *
 * The classic widget is {@link createHostSimulator} itself.
 *
 * @example
 * ```ts
 * CALLING_LAYOUTS.includes("remoteOnly"); // true
 * ```
 */
export const CALLING_LAYOUTS = ["remoteAndWindow", "remoteOnly"] as const;

/**
 * One of {@link CALLING_LAYOUTS}.
 *
 * @example
 * ```ts
 * const layout: CallingLayout = "remoteAndWindow";
 * ```
 */
export type CallingLayout = (typeof CALLING_LAYOUTS)[number];

/**
 * Options of {@link createLayoutSimulator}: those of the host simulator
 * (shared by both surfaces), the layout, and where each surface's iframe goes.
 *
 * @example
 * ```ts
 * createLayoutSimulator({
 *   widgetUrl: "http://127.0.0.1:5174/",
 *   layout: "remoteAndWindow",
 *   remote: "#navigation-bar",
 *   window: "#calling-window",
 * });
 * ```
 */
export interface LayoutSimulatorOptions extends Omit<HostSimulatorOptions, "container" | "context"> {
  /** Which layout HubSpot plays. */
  layout: CallingLayout;
  /** The element (or selector) that holds the remote's iframe. */
  remote: HTMLElement | string;
  /** The element (or selector) that holds the calling window's iframe (a real popup page can use `createHostSimulator` itself). */
  window: HTMLElement | string;
  /** The host context both surfaces get in SYNC (their `iframeLocation` and `usesCallingWindow` come from the layout). */
  context?: Partial<Omit<HostContext, "hostUrl" | "iframeLocation" | "usesCallingWindow">>;
  /** Open the calling window at once (default true for `remoteAndWindow`, false for `remoteOnly`). */
  openWindow?: boolean;
}

/**
 * A message of a {@link LayoutSimulator}'s log, with the surface it was exchanged with.
 *
 * @example
 * ```ts
 * const fromWindow = layout.messages().filter((message: LayoutMessage) => message.surface === "window");
 * ```
 */
export interface LayoutMessage extends RecordedMessage {
  /** The remote's or the calling window's conversation with HubSpot. */
  surface: "remote" | "window";
}

/**
 * HubSpot running the widget in two places: the calling remote and the
 * calling window, each its own iframe with its own SYNC and conversation.
 *
 * @example
 * ```ts
 * const layout = createLayoutSimulator({ widgetUrl, layout: "remoteAndWindow", remote: "#nav", window: "#popup" });
 * await layout.ready();
 * layout.remote.dialNumber({ phoneNumber: "+16175550100" });
 * await layout.window?.nextMessage("OUTGOING_CALL_STARTED");
 * layout.navigate(); // HubSpot's page changes: the remote reloads, the call goes on
 * ```
 */
export interface LayoutSimulator {
  /** The layout played. */
  readonly layout: CallingLayout;
  /** HubSpot's side of the remote. */
  readonly remote: HostSimulator;
  /** HubSpot's side of the calling window, while it is open. */
  readonly window: HostSimulator | null;
  /** Resolves once every open surface answered SYNC. */
  ready(options?: { timeout?: number }): Promise<void>;
  /** Opens the calling window (a new iframe, a new conversation); returns its simulator. */
  openWindow(): HostSimulator;
  /** Closes the calling window (its iframe goes away, as when the user closes it). */
  closeWindow(): void;
  /** HubSpot navigates: the page holding the remote reloads it. */
  navigate(): void;
  /** Every message both ways on every surface, in order, with its surface. */
  messages(): LayoutMessage[];
  /** Removes both iframes and every listener. */
  destroy(): void;
}

/** Engagement ids of each new calling window start this far above the last, as HubSpot's never repeat. */
const ID_SPACING = 1_000_000;

/**
 * Plays the calling remote and the calling window with two host simulators
 * in one page (two iframes of the widget on its own origin), for tests of a
 * widget built with `coordinateSurfaces()`. Both frames share this page's
 * site, so the widget's BroadcastChannel, Web Locks and storage reach
 * across them as across HubSpot's real remote and window.
 *
 * @example
 * ```ts
 * import { createLayoutSimulator } from "hubspot-calling-kit/testing";
 *
 * const layout = createLayoutSimulator({ widgetUrl: "http://127.0.0.1:5174/", layout: "remoteAndWindow", remote: "#nav", window: "#popup" });
 * await layout.ready({ timeout: 10_000 });
 * const ended = layout.messages().filter((m) => m.type === "CALL_ENDED");
 * ```
 */
export function createLayoutSimulator(options: LayoutSimulatorOptions): LayoutSimulator {
  const { layout, remote: remoteContainer, window: windowContainer, openWindow: openAtStart, context, ...shared } = options;
  if (!(CALLING_LAYOUTS as readonly string[]).includes(layout)) {
    throw new CallingError("INVALID_INPUT", `createLayoutSimulator(): layout must be one of ${CALLING_LAYOUTS.join(", ")}`);
  }
  const usesCallingWindow = layout === "remoteAndWindow";
  const firstId = options.firstEngagementId ?? 30_000_000_001;
  const log: LayoutMessage[] = [];
  const track = (simulator: HostSimulator, surface: "remote" | "window") =>
    simulator.subscribe((message) => log.push({ ...message, surface }));
  let windows = 0;

  const remote = createHostSimulator({ ...shared, container: remoteContainer, context: { ...context, iframeLocation: "remote", usesCallingWindow } });
  const stopRemote = track(remote, "remote");
  let current: HostSimulator | null = null;
  let stopWindow: (() => void) | undefined;

  const simulator: LayoutSimulator = {
    layout,
    remote,
    get window() {
      return current;
    },
    async ready(wait = {}) {
      await Promise.all([remote.ready(wait), current?.ready(wait)]);
    },
    openWindow() {
      if (current) return current;
      const opened = createHostSimulator({
        ...shared,
        container: windowContainer,
        context: { ...context, iframeLocation: "window", usesCallingWindow },
        firstEngagementId: firstId + ++windows * ID_SPACING,
      });
      stopWindow = track(opened, "window");
      current = opened;
      return opened;
    },
    closeWindow() {
      stopWindow?.();
      current?.destroy();
      current = null;
    },
    navigate() {
      const frame = remote.iframe;
      if (!frame) throw new CallingError("INVALID_STATE", "The remote's iframe does not exist yet (await layout.ready())");
      // Setting the same address reloads the frame, as a page change does.
      frame.src = remote.widgetUrl;
    },
    messages: () => [...log],
    destroy() {
      simulator.closeWindow();
      stopRemote();
      remote.destroy();
    },
  };
  if (openAtStart ?? usesCallingWindow) simulator.openWindow();
  return simulator;
}
