import type { SurfaceSnapshot } from "../machine/surfaceSnapshot";
import { useCallingSnapshot } from "./useCallingSnapshot";

const selectSurface = (snapshot: { surface: SurfaceSnapshot }) => snapshot.surface;

/**
 * This instance's part among the places HubSpot runs the widget (see
 * `coordinateSurfaces()`): `owner` (holds calls: show the full softphone),
 * `mirror` (shows the owner's call: a compact view), `standalone` (a classic
 * widget) or `pending` (before SYNC); and whether an owner is there.
 * Re-renders only when it changes.
 *
 * @example
 * ```tsx
 * function Widget() {
 *   const { role, ownerPresent } = useSurface();
 *   if (role === "mirror") return ownerPresent ? <CompactCall /> : <p>Open the calling window to call.</p>;
 *   return <Softphone />;
 * }
 * ```
 */
export function useSurface(): SurfaceSnapshot {
  return useCallingSnapshot(selectSurface);
}
