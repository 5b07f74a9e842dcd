import type { CallingClient } from "../client/callingClient";
import type { CallingEvents, CallingEventType } from "../client/callingEvents";
import { createAdoptingClient, createCallingClient } from "../client/createCallingClient";
import type { CallingClientOptions } from "../client/options";
import type { CallingSnapshot } from "../machine/snapshot";
import type { SurfaceSnapshot } from "../machine/surfaceSnapshot";
import type { InboundMessage } from "../sdk/messages";
import { adoptTransition } from "./adoptTransition";
import { EVENT_ROUTES, type RelayedEventType } from "./eventRelay";
import { type HubContext, OwnerHub } from "./ownerHub";
import { RelayTransport } from "./relayTransport";
import type { StoredState } from "./snapshotStore";
import type { SurfaceContext } from "./surfaceContext";

const EVENT_TYPES = /* @__PURE__ */ Object.keys(EVENT_ROUTES) as CallingEventType[];
const OWNER: SurfaceSnapshot = /* @__PURE__ */ Object.freeze({ role: "owner", ownerPresent: true });

/** What the owner's part needs from its surface. @internal */
export type OwnerContext = Pick<SurfaceContext, "sync" | "options" | "send" | "changed" | "emit">;

/**
 * With other surfaces: the state the owner takes over (the last owner's, or
 * its surface's own) and what its hub shares it through. @internal
 */
export type Takeover = Omit<HubContext, "client" | "deliver"> & { readonly from: CallingSnapshot };

/** The part of a surface that holds calls (see {@link startOwner}). @internal */
export interface OwnerRole {
  /** The owner's client, which holds the calls and the provider. */
  readonly client: CallingClient;
  /** What shares the client with the other surfaces; `null` for a surface on its own. */
  readonly hub: OwnerHub | null;
  /** The owner's state, for the other surfaces; `null` for a surface on its own. */
  readonly last: StoredState | null;
  /** Replays SYNC: the client syncs and takes over; then the snapshot it ends with is announced, then its events on the way. */
  open(): void;
  /** Hands a message from HubSpot to the owner's client. */
  deliver(message: InboundMessage): void;
  /** The page is going away: from now on nothing reaches HubSpot, the other surfaces or this surface's listeners. */
  mute(): void;
}

/**
 * Starts the part of a surface that holds calls: a real client on a relay of
 * the surface's transport, and, when other surfaces run (`coordinated`), the
 * state it takes over and the hub that shares it with them. Its snapshots
 * and events on the way while it takes over (`open()`) are held back: only
 * the snapshot it ends with is announced, then those events. @internal
 */
export function startOwner(context: OwnerContext, coordinated: Takeover | null): OwnerRole {
  let opening: (() => void)[] | null = null;
  let muted = false;
  const relay = new RelayTransport(context.sync, (message) => context.send(message));
  const options: CallingClientOptions = { ...context.options, surfaces: undefined, transport: relay, autoStart: true };
  const from = coordinated?.from;
  const client = from ? createAdoptingClient({ ...options, initialize: false }, (snapshot, at) => adoptTransition(snapshot, { from, at })) : createCallingClient(options);
  const hub = coordinated && new OwnerHub({ ...coordinated, client, deliver: (message) => relay.deliver(message) });
  const changed = (): void => {
    if (muted || opening) return;
    const snapshot = client.getSnapshot();
    hub?.state(snapshot);
    context.changed(hub ? Object.freeze({ ...snapshot, surface: OWNER }) : snapshot);
  };
  const event = <K extends CallingEventType>(type: K, payload: CallingEvents[K]): void => {
    if (muted) return;
    if (opening) return void opening.push(() => event(type, payload));
    context.emit(type, payload);
    if (hub && EVENT_ROUTES[type] === "relayed") hub.event(type as RelayedEventType, payload as never);
  };
  client.subscribe(changed);
  for (const type of EVENT_TYPES) {
    if (type !== "ready" || !coordinated) client.on(type, (payload) => event(type, payload));
  }
  return {
    client,
    hub,
    get last() {
      return hub && { seq: hub.seq, snapshot: client.getSnapshot() };
    },
    open() {
      // Its snapshots on the way (synced, no call yet) are nobody's business;
      // its events on the way (callEnded of a lost call) follow that snapshot.
      opening = [];
      relay.open();
      const held = opening;
      opening = null;
      changed();
      for (const event of held) event();
    },
    deliver: (message) => relay.deliver(message),
    mute() {
      muted = true;
      relay.mute();
    },
  };
}
