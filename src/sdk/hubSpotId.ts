// HubSpot's ids and record coordinates, as they travel in messages.

/**
 * A HubSpot object id (portal, user, owner, engagement, record). Ids exceed
 * 2^31, so they are JavaScript numbers (safe up to 2^53), never int32.
 *
 * @example
 * ```ts
 * const engagementId: HubSpotId = 41_298_765_432;
 * ```
 */
export type HubSpotId = number;

/**
 * Where a CRM record lives: account, object id and object type.
 *
 * @example
 * ```ts
 * const coordinates: ObjectCoordinates = { portalId: 1, objectId: 101, objectTypeId: "0-1" };
 * ```
 */
export interface ObjectCoordinates {
  /** The HubSpot account (portal) id. */
  portalId: HubSpotId;
  /** The CRM record id. */
  objectId: HubSpotId;
  /** `"0-1"` contact, `"0-2"` company, or another object type id. */
  objectTypeId: string;
}
