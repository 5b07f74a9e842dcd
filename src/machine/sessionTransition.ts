import type { MachineEvent } from "./machineEvent";
import { isCallActive, type CallingSnapshot } from "./snapshot";
import { emit, refuse, type TransitionResult, warn, withSession } from "./update";

/** The events sessionTransition() answers. */
export type SessionEvent = Extract<
  MachineEvent,
  { type: "hostSynced" | "initialize" | "logIn" | "logOut" | "setAvailable" | "hostVisibilityChanged" }
>;

/** Session rules: handshake, initialization, login and availability. */
export function sessionTransition(s: CallingSnapshot, event: MachineEvent): TransitionResult | undefined {
  const { status } = s.session;
  switch (event.type) {
    case "hostSynced":
      if (status !== "connecting") return warn(s, "unexpectedHostMessage", "SYNC after the handshake");
    {
      const host = Object.freeze({ ...event.host });
      return [withSession(s, { status: "ready", host }), [emit({ type: "ready", host })]];
    }

    case "initialize": {
      if (status !== "ready") {
        return refuse(s, status, status === "connecting" ? "await client.ready() first" : "already initialized");
      }
      const available = event.isAvailable ?? false;
      const engagementId = s.session.host?.engagementId;
      return [
        withSession(s, { status: event.isLoggedIn ? "loggedIn" : "loggedOut", available }),
        [
          {
            type: "send",
            message: {
              type: "INITIALIZED",
              data: {
                isLoggedIn: event.isLoggedIn,
                ...(event.isAvailable === undefined ? {} : { isAvailable: available }),
                ...(event.sizeInfo ? { sizeInfo: event.sizeInfo } : {}),
                ...(engagementId === undefined ? {} : { engagementId }),
              },
            },
          },
        ],
      ];
    }

    case "logIn":
      if (status === "loggedIn") return [s, []];
      if (status !== "loggedOut") return refuse(s, status, "await client.ready() first");
      return [withSession(s, { status: "loggedIn" }), [{ type: "send", message: { type: "LOGGED_IN" } }]];

    case "logOut":
      if (status === "loggedOut") return [s, []];
      if (status !== "loggedIn") return refuse(s, status, "await client.ready() first");
      if (isCallActive(s.call)) return refuse(s, s.call?.status ?? status, "hang up first");
      return [
        withSession(s, { status: "loggedOut", available: false }),
        [{ type: "send", message: { type: "LOGGED_OUT" } }],
      ];

    case "setAvailable":
      if (status !== "loggedIn") return refuse(s, status, "log in first");
      return [
        withSession(s, { available: event.available }),
        [{ type: "send", message: { type: event.available ? "USER_AVAILABLE" : "USER_UNAVAILABLE" } }],
      ];

    case "hostVisibilityChanged": {
      const { isMinimized, isHidden } = event;
      const same = s.session.visibility.isMinimized === isMinimized && s.session.visibility.isHidden === isHidden;
      // The event always goes out; the snapshot only changes (and subscribers run) when something did.
      const next = same ? s : withSession(s, { visibility: Object.freeze({ isMinimized, isHidden }) });
      return [next, [emit({ type: "visibilityChanged", isMinimized, isHidden })]];
    }
    default:
      // Not one of this part's events; every SessionEvent has its case above (checked at compile time).
      event satisfies Exclude<MachineEvent, SessionEvent>;
      return undefined;
  }
}
