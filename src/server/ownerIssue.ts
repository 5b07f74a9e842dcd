import type { RelayRecord } from "../engagements/relayRecord";
import type { RelayPrincipal } from "./relayHandlerOptions";

/**
 * Why `record` may not be logged for `principal`, if it may not: a user may
 * log calls only as themself, so the owner the record would write (the
 * call's, or a `hubspot_owner_id` property over it) must be theirs.
 *
 * @internal
 */
export function ownerIssue(record: RelayRecord, principal: RelayPrincipal): { path: string; message: string } | undefined {
  if (principal.ownerId === undefined) return undefined;
  const mine = String(principal.ownerId);
  const named = record.properties.hubspot_owner_id;
  if (named !== undefined && named !== mine) {
    return { path: "properties.hubspot_owner_id", message: "must be the signed-in user's owner id" };
  }
  if (record.call.ownerId !== undefined && String(record.call.ownerId) !== mine && named === undefined) {
    return { path: "call.ownerId", message: "must be the signed-in user's owner id" };
  }
  return undefined;
}
