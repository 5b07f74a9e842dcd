import type { TransitionResult } from "../machine/transition";
import type { CallingSnapshot } from "../machine/snapshot";
import type { CallingClient } from "./callingClient";
import { Client } from "./client";
import type { CallingClientOptions } from "./options";

/**
 * Creates a calling client. In a browser it starts listening for HubSpot at
 * once (see `autoStart`); importing or creating it during SSR touches no
 * browser global and loads no SDK.
 *
 * @example
 * ```ts
 * import { createCallingClient, HUBSPOT_ORIGINS } from "hubspot-calling-kit";
 *
 * const client = createCallingClient({
 *   provider: myTelephonyProvider,
 *   allowedOrigins: HUBSPOT_ORIGINS,
 * });
 * const host = await client.ready({ timeout: 30_000 });
 * console.log(`Connected to portal ${host.portalId}`);
 * ```
 */
export function createCallingClient(options: CallingClientOptions): CallingClient {
  return options.surfaces ? options.surfaces.create(options) : new Client(options);
}

/**
 * A client that, once synced, applies `adopt` to its snapshot: for
 * `coordinateSurfaces()`, taking over from the instance that held the calls
 * before it (see `adoptTransition`). @internal
 */
export function createAdoptingClient(
  options: CallingClientOptions,
  adopt: (snapshot: CallingSnapshot, at: number) => TransitionResult,
): CallingClient {
  return new Client(options, adopt);
}
