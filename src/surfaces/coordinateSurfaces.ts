import type { CallingClient } from "../client/callingClient";
import type { CallingClientOptions } from "../client/options";
import { assertShape, INVALID, type Shape } from "../sdk/validate";
import { defaultLocks, type ElectionTimings, type SurfaceLocks } from "./ownership";
import { defaultStorage, type SurfaceStorage } from "./snapshotStore";
import { SurfaceClient } from "./surfaceClient";

/**
 * The channel between the instances of the widget: the subset of
 * `BroadcastChannel` the coordinator uses (the default is
 * `new BroadcastChannel(name)`, which reaches every instance of the widget's
 * origin in the same browser and HubSpot account).
 *
 * @example
 * ```ts
 * const channel: SurfaceChannel = new BroadcastChannel("my-widget");
 * ```
 */
export interface SurfaceChannel {
  /** Sends a message to every other instance on the channel. */
  postMessage(message: unknown): void;
  /** Listens to the others' messages (the coordinator adds one `"message"` listener). */
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  /** Leaves the channel. */
  close(): void;
}

/**
 * Options of {@link coordinateSurfaces}. Every seam has a browser default;
 * tests in Node pass in-memory ones (`createMemoryLocks()` and a
 * `BroadcastChannel`, which Node has too).
 *
 * @example
 * ```ts
 * const surfaces = coordinateSurfaces({ name: "acme-phone", ownerTimeout: 3_000 } satisfies SurfaceOptions);
 * ```
 */
export interface SurfaceOptions {
  /**
   * The prefix of the channel, lock and storage key names (default
   * `"hubspot-calling-kit"`). HubSpot's portal and user ids are appended, so
   * two HubSpot accounts in one browser never share calls.
   */
  name?: string;
  /** Opens the channel between instances (default `new BroadcastChannel(name)`). */
  channel?: (name: string) => SurfaceChannel;
  /**
   * Decides which instance holds calls (default `navigator.locks`); `null`
   * elects the owner over the channel, as the coordinator does by itself
   * where the browser refuses Web Locks to the iframe.
   */
  locks?: SurfaceLocks | null;
  /**
   * Where the owner keeps its last snapshot, so that the next owner can take
   * over a call the last one could not finish (default `localStorage`;
   * `null` for none: then only a mirror that saw the call can report it lost).
   */
  storage?: SurfaceStorage | null;
  /** How long a mirror's command waits for an owner to appear before it fails with `NO_OWNER` (default 5 s). */
  ownerTimeout?: number;
  /**
   * How much longer than the command's own timeout (by default the
   * provider's 15 s) a mirror waits for the owner's answer (default 5 s).
   */
  answerSlack?: number;
  /**
   * How often the owner says it is there, in ms (default 1 000), where the
   * browser refuses Web Locks to the widget's iframe (third-party storage
   * blocked) and the owner is elected over the channel: the others count it
   * gone after 3.5 heartbeats without a word (at once when it says goodbye),
   * and a claim to take over waits a fifth of a heartbeat for a better one.
   */
  heartbeat?: number;
  /**
   * Calls `unload` when the page goes away (default: on `pagehide`). An
   * owner going away hangs its provider up and tells HubSpot nothing: the
   * next owner reports the call as lost, once. Returns the function that
   * stops listening.
   */
  onUnload?: (unload: () => void) => () => void;
}

/**
 * What `createCallingClient({ surfaces })` takes: made by
 * {@link coordinateSurfaces}.
 *
 * @example
 * ```ts
 * const surfaces: SurfaceCoordination = coordinateSurfaces();
 * const client = createCallingClient({ provider, surfaces });
 * ```
 */
export interface SurfaceCoordination {
  /** Creates the coordinated client (called by `createCallingClient()`). @internal */
  readonly create: (options: CallingClientOptions) => CallingClient;
}

/** The options with every default filled in (the browser's own are looked up at SYNC). @internal */
export type ResolvedSurfaceOptions = {
  readonly name: string;
  readonly channel: (name: string) => SurfaceChannel | null;
  readonly locks: () => SurfaceLocks | null;
  readonly storage: () => SurfaceStorage | null;
  readonly ownerTimeout: number;
  readonly answerSlack: number;
  readonly timings: ElectionTimings;
  readonly onUnload: (unload: () => void) => () => void;
};

const fn = (value: unknown, path: string, issues: string[]) =>
  typeof value === "function" ? value : (issues.push(`${path}: expected a function`), INVALID);
const OPTIONS: Shape = {
  "name?": (value, path, issues) =>
    typeof value === "string" && /^[\w.-]{1,100}$/.test(value) ? value : (issues.push(`${path}: expected 1 to 100 letters, digits, _ . -`), INVALID),
  "channel?": fn,
  "locks?": (value, path, issues) =>
    typeof (value as { request?: unknown } | null)?.request === "function" ? value : (issues.push(`${path}: expected an object with request(), or null`), INVALID),
  "ownerTimeout?": "n",
  "answerSlack?": "n",
  "heartbeat?": (value, path, issues) =>
    typeof value === "number" && value >= 10 && value <= 60_000 ? value : (issues.push(`${path}: expected 10 to 60000 ms`), INVALID),
  "onUnload?": fn,
};

function onPageHide(unload: () => void): () => void {
  if (typeof addEventListener !== "function") return () => {};
  // A page kept in the back/forward cache may come back: only a real unload counts.
  const listener = (event: Event) => {
    if (!(event as PageTransitionEvent).persisted) unload();
  };
  addEventListener("pagehide", listener);
  return () => removeEventListener("pagehide", listener);
}

function broadcastChannel(name: string): SurfaceChannel | null {
  return typeof BroadcastChannel === "function" ? new BroadcastChannel(name) : null;
}

/**
 * Makes one client of the widget instances HubSpot runs in the calling
 * remote (its navigation bar) and the calling window (a separate window
 * that keeps the call when HubSpot's pages change). Pass the result as
 * `surfaces` to `createCallingClient()`, in the same code wherever the
 * widget runs:
 *
 * - HubSpot's SYNC says where each instance runs; the instance that holds
 *   calls and the provider (the *owner*) is the calling window when HubSpot
 *   uses one, else the remote. Of several candidates (two tabs), one is the
 *   owner at a time (a Web Lock); the others wait to take over.
 * - The other instances are *mirrors*: their snapshot is the owner's (with
 *   their own host context and visibility), they emit the owner's call
 *   events, forward their user's commands (`dial`, `hangUp`, `mute`,
 *   `complete`, ...) to the owner and return its answers or errors, and
 *   hand what HubSpot sends them (DIAL_NUMBER, END_CALL, ...) to the owner,
 *   once.
 * - Only the owner tells HubSpot about calls and the session; each instance
 *   sends its own INITIALIZED (its iframe) and widget messages (resize,
 *   alerts, records to open).
 * - An owner going away while idle hands over cleanly; during a live call
 *   the call is lost with it (its media was there): the next owner, or a
 *   mirror when there is none, ends it `FAILED` with `OWNER_LOST`, tells
 *   HubSpot once, and keeps it to be completed or discarded.
 * - Everything crossing the channel is validated; messages of another
 *   HubSpot account are dropped and reported as `securityWarning`
 *   (`otherAccount`), malformed ones as `protocolError`.
 *
 * A classic widget (`iframeLocation: "widget"`) runs on its own, exactly as
 * without `surfaces`. `snapshot.surface` says which part this instance plays.
 *
 * @example
 * ```ts
 * import { coordinateSurfaces, createCallingClient } from "hubspot-calling-kit";
 *
 * const client = createCallingClient({ provider, surfaces: coordinateSurfaces() });
 * client.subscribe(() => {
 *   const { role } = client.getSnapshot().surface;
 *   document.body.dataset.layout = role === "mirror" ? "compact" : "full";
 * });
 * ```
 */
export function coordinateSurfaces(options: SurfaceOptions = {}): SurfaceCoordination {
  assertShape("coordinateSurfaces() options", OPTIONS, options);
  const heartbeat = options.heartbeat ?? 1_000;
  const resolved: ResolvedSurfaceOptions = {
    name: options.name ?? "hubspot-calling-kit",
    channel: options.channel ?? broadcastChannel,
    locks: () => (options.locks === undefined ? defaultLocks() : options.locks),
    storage: () => (options.storage === undefined ? defaultStorage() : options.storage),
    ownerTimeout: options.ownerTimeout ?? 5_000,
    timings: { heartbeat, claimWindow: heartbeat / 5, lossTimeout: heartbeat * 3.5 },
    answerSlack: options.answerSlack ?? 5_000,
    onUnload: options.onUnload ?? onPageHide,
  };
  return { create: (clientOptions) => new SurfaceClient(clientOptions, resolved) };
}
