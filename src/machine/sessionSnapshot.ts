import type { HostContext } from "../sdk/messages";

/**
 * Session states: waiting for HubSpot's SYNC, synced but not yet
 * initialized, then logged out or in (the vendor's own login).
 *
 * @example
 * ```ts
 * SESSION_STATES; // ["connecting", "ready", "loggedOut", "loggedIn"]
 * ```
 */
export const SESSION_STATES = ["connecting", "ready", "loggedOut", "loggedIn"] as const;

/**
 * One of {@link SESSION_STATES}.
 *
 * @example
 * ```ts
 * if (client.getSnapshot().session.status === "loggedIn") showKeypad();
 * ```
 */
export type SessionStatus = (typeof SESSION_STATES)[number];

/**
 * The session with HubSpot's page.
 *
 * @example
 * ```ts
 * const { status, available, host } = client.getSnapshot().session;
 * ```
 */
export interface SessionSnapshot {
  /** Where the session is in its life. */
  readonly status: SessionStatus;
  /** Whether the user is available for inbound calls. */
  readonly available: boolean;
  /** HubSpot's context from SYNC, once synced. */
  readonly host: Readonly<HostContext> | null;
  /** Whether HubSpot minimised or hid the widget. */
  readonly visibility: {
    /** Whether HubSpot minimised the widget. */
    readonly isMinimized: boolean;
    /** Whether HubSpot hid the widget. */
    readonly isHidden: boolean;
  };
}
