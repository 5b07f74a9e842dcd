// The ways HubSpot runs a calling widget, as the playground plays them, and
// what the playground assumes where HubSpot's documentation is silent:
//
// - "classic": one iframe, the widget panel on the record (iframeLocation "widget").
// - "remoteAndWindow": the calling remote in HubSpot's navigation bar and a
//   detached calling window that holds the call (usesCallingWindow: true).
//   HubSpot opens the window itself when a call starts; the playground opens
//   it when you press Call (or "Open calling window"), at
//   `/calling-integration-popup-ui/<portalId>`, as HubSpot's own address is.
// - "remoteOnly": the remote holds the call (usesCallingWindow: false); the
//   widget may open a window of its own for its UI, at the address HubSpot's
//   demos use (`<hostUrl>/calling-integration-popup-ui/<portalId>?usesCallingWindow=false`).
//
// Assumed routing: the record's Call (DIAL_NUMBER) and HubSpot's hang-up
// (END_CALL) go to the remote, where the user is; HubSpot answers a message
// (engagement created, caller-ID match) on the iframe that sent it; each
// iframe has its own handshake (SYNC) and visibility. "Navigate in HubSpot"
// reloads the remote's iframe, as a HubSpot page change does, and leaves the
// calling window alone.

/** How HubSpot runs the widget. */
export const LAYOUTS = ["classic", "remoteAndWindow", "remoteOnly"] as const;
/** One of {@link LAYOUTS}. */
export type Layout = (typeof LAYOUTS)[number];

/** What the layout picker says. */
export const LAYOUT_NAMES: Record<Layout, string> = {
  classic: "Classic widget",
  remoteAndWindow: "Remote + calling window",
  remoteOnly: "Remote, no calling window",
};

/** The layout asked for in the page's address (`?layout=`), classic by default. */
export function readLayout(search: string = location.search): Layout {
  const asked = new URLSearchParams(search).get("layout");
  return (LAYOUTS as readonly string[]).includes(asked ?? "") ? (asked as Layout) : "classic";
}

/** HubSpot's calling window address on this page's origin. */
export function callingWindowUrl(portalId: number, usesCallingWindow: boolean): string {
  const url = new URL(`/calling-integration-popup-ui/${portalId}`, location.origin);
  if (!usesCallingWindow) url.searchParams.set("usesCallingWindow", "false");
  return url.href;
}

/** The host context HubSpot sends each surface in SYNC, for a layout. */
export function contextFor(layout: Layout, surface: "widget" | "remote" | "window") {
  return {
    portalId: 987_654_321,
    userId: 4_444_444,
    ownerId: 55_555_555,
    iframeLocation: layout === "classic" ? "widget" : surface,
    usesCallingWindow: layout === "remoteAndWindow",
  } as const;
}
