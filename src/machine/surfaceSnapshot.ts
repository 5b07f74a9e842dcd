/**
 * The roles an instance of the widget can play when HubSpot runs it in more
 * than one place (the calling remote in the navigation bar and the calling
 * window; see `coordinateSurfaces()`):
 *
 * - `standalone`: the only instance (a classic widget, or a client created
 *   without `surfaces`): it holds calls and talks to HubSpot about them;
 * - `pending`: a coordinated client before HubSpot's SYNC said where it runs;
 * - `owner`: the one instance that holds calls and the provider and tells
 *   HubSpot about them (the calling window, or the remote when HubSpot runs
 *   no calling window);
 * - `mirror`: shows the owner's state and forwards commands to it.
 *
 * @example
 * ```ts
 * SURFACE_ROLES.includes("mirror"); // true
 * ```
 */
export const SURFACE_ROLES = ["standalone", "pending", "owner", "mirror"] as const;

/**
 * One of {@link SURFACE_ROLES}.
 *
 * @example
 * ```ts
 * const compact = client.getSnapshot().surface.role === ("mirror" satisfies SurfaceRole);
 * ```
 */
export type SurfaceRole = (typeof SURFACE_ROLES)[number];

/**
 * Which part this instance plays among the places HubSpot runs the widget.
 *
 * @example
 * ```ts
 * const { role, ownerPresent } = client.getSnapshot().surface;
 * if (role === "mirror" && !ownerPresent) showNotice("Open the calling window to call");
 * ```
 */
export interface SurfaceSnapshot {
  /** This instance's role. */
  readonly role: SurfaceRole;
  /**
   * Whether an instance holds calls now: always `true` for `standalone` and
   * `owner`; for a `mirror`, `false` while no instance does (the calling
   * window is not open, or it just closed); for `pending`, `false`.
   */
  readonly ownerPresent: boolean;
}
