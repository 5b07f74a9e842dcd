// What HubSpot tells the widget in SYNC.
import type { IframeLocation } from "./messageTypes";
import type { HubSpotId } from "./hubSpotId";

/**
 * The host context HubSpot sends in `SYNC` and the client exposes after
 * `ready()`.
 *
 * @example
 * ```ts
 * const host: HostContext = await client.ready();
 * console.log(host.portalId, host.iframeLocation);
 * ```
 */
export interface HostContext {
  /** The HubSpot account (portal) id; HubSpot always sends it, but a SYNC without it is still accepted. */
  portalId?: HubSpotId;
  /** The HubSpot user id, when sent. */
  userId?: HubSpotId;
  /** The user's owner id, when sent. */
  ownerId?: HubSpotId;
  /** An engagement already in progress (e.g. after a page change), when sent. */
  engagementId?: HubSpotId;
  /** Where this widget instance lives; `"widget"` when HubSpot did not say. */
  iframeLocation: IframeLocation;
  /** Whether HubSpot runs calls in a separate calling window. */
  usesCallingWindow: boolean;
  /** HubSpot's origin, e.g. `https://app.hubspot.com`; equal to the message origin. */
  hostUrl: string;
}
