import type { CallingClientOptions } from "../client/options";
import type { Logger } from "../logging/logger";
import type { CallingSnapshot } from "../machine/snapshot";
import type { InboundMessage, OutboundMessage } from "../sdk/messages";
import type { ResolvedSurfaceOptions } from "./coordinateSurfaces";
import type { MirrorContext } from "./mirrorEngine";
import type { OwnerRole } from "./ownerRole";
import type { StoredState } from "./snapshotStore";

/**
 * What the parts of a surface (its owner's part, its group and the group's
 * mirror) need from the surface, once HubSpot's SYNC said where it runs:
 * the resolved surface options among them. A mirror gets it with the
 * group's `post` and its own `changed`. @internal
 */
export interface SurfaceContext extends ResolvedSurfaceOptions, Omit<MirrorContext, "post" | "changed"> {
  readonly logger: Logger;
  /** HubSpot's SYNC to this surface (replayed to the owner's client). */
  readonly sync: InboundMessage;
  /** The surface's client options (the owner's client runs with them). */
  readonly options: CallingClientOptions;
  /** The surface's snapshot changed (the owner's or the mirror's, as the surface shows it). */
  changed(snapshot: CallingSnapshot): void;
  /** Sends a message to HubSpot through the surface's own transport. */
  send(message: OutboundMessage): void;
  /** The surface's own snapshot (its session, as its INITIALIZED told HubSpot). */
  base(): CallingSnapshot;
  /** The owner's part, once the surface holds calls. */
  owner(): OwnerRole | null;
  destroyed(): boolean;
  /** INITIALIZED once (with the session `last` says, when it says one), then `ready`. */
  initializeOnce(last: StoredState | null): void;
  /** The surface holds calls now: `stored` is the freshest state it knows of. */
  becomeOwner(stored: StoredState | null): void;
}
