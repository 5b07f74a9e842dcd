import type { HubSpotId } from "../sdk/messages";
import type { ErrorInfo } from "./errorInfo";

/**
 * States of the engagement (HubSpot's record of the call).
 *
 * @example
 * ```ts
 * ENGAGEMENT_STATES; // ["none", "creating", "created", "writing", "written", "failed"]
 * ```
 */
export const ENGAGEMENT_STATES = ["none", "creating", "created", "writing", "written", "failed"] as const;

/**
 * One of {@link ENGAGEMENT_STATES}.
 *
 * @example
 * ```ts
 * const logged = call.engagement.status === ("written" satisfies EngagementStatus);
 * ```
 */
export type EngagementStatus = (typeof ENGAGEMENT_STATES)[number];

/**
 * The engagement's state for one call.
 *
 * @example
 * ```ts
 * const { status, id } = client.getSnapshot().call!.engagement;
 * ```
 */
export interface EngagementSnapshot {
  /** Where the engagement is in its life. */
  readonly status: EngagementStatus;
  /** HubSpot's engagement id, once known; never lost once set. */
  readonly id: HubSpotId | null;
  /**
   * Why creating it (before any write) or the last write failed, when one
   * did; cleared when a write succeeds. A write failure does not mean there
   * is no engagement: see {@link EngagementSnapshot.createError}.
   */
  readonly error: ErrorInfo | null;
  /**
   * Why HubSpot could not create the engagement (`CREATE_ENGAGEMENT_FAILED`),
   * when it said so; `null` otherwise. Unlike `error`, write failures never
   * set it and successful writes never clear it: it is what tells
   * `call.engagementId` that no id will come from HubSpot.
   */
  readonly createError: ErrorInfo | null;
}
