import type { EndCause } from "../providers/telephonyProvider";
import type {
  CallerIdMatch,
  DialNumberPayload,
  EndStatus,
  EngagementProperties,
  HostContext,
  HubSpotId,
} from "../sdk/messages";

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
 * States of a call. Outbound: `dialing -> ringing -> connected (<-> onHold)
 * -> ended -> wrappingUp -> completed`; inbound starts at `incoming`. No call
 * at all is "idle" (`snapshot.call === null`); a pending request from HubSpot
 * is `snapshot.dialRequest`.
 *
 * @example
 * ```ts
 * CALL_STATES.includes("onHold"); // true
 * ```
 */
export const CALL_STATES = [
  "dialing",
  "ringing",
  "connected",
  "onHold",
  "incoming",
  "ended",
  "wrappingUp",
  "completed",
] as const;

/**
 * One of {@link CALL_STATES}.
 *
 * @example
 * ```ts
 * await call.waitFor("connected" satisfies CallStatus);
 * ```
 */
export type CallStatus = (typeof CALL_STATES)[number];

/**
 * The call states in which the call is live (media may flow).
 *
 * @example
 * ```ts
 * ACTIVE_CALL_STATES.includes(snapshot.call.status);
 * ```
 */
export const ACTIVE_CALL_STATES = ["dialing", "ringing", "connected", "onHold", "incoming"] as const;

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
 * An error kept in a snapshot: plain data, so snapshots stay serializable.
 *
 * @example
 * ```ts
 * const error: ErrorInfo = { code: "CREATE_ENGAGEMENT_FAILED", message: "HubSpot reported …" };
 * ```
 */
export interface ErrorInfo {
  /** The error's code (see `ERROR_CODES`). */
  readonly code: string;
  /** A human-readable explanation. */
  readonly message: string;
}

/**
 * A request from HubSpot to call a number (from `DIAL_NUMBER`), normalised:
 * one phone number, and the record to call taken from `calleeInfo` (or a
 * non-zero `objectId`).
 *
 * @example
 * ```ts
 * client.on("dialRequested", ({ request }) => showDialPrompt(request.phoneNumber, request.callee));
 * ```
 */
export interface DialRequest {
  /** The number to call. */
  readonly phoneNumber: string;
  /** The CRM record being called, when HubSpot said which. */
  readonly callee: {
    /** The record id. */
    readonly objectId: HubSpotId;
    /** The object type id, e.g. `0-1` (contact). */
    readonly objectTypeId: string;
  } | null;
  /** When the request arrived (ms since the epoch). */
  readonly receivedAt: number;
  /** Identifies the request, to ignore HubSpot sending it twice. */
  readonly key: string;
  /** The validated payload, all fields as HubSpot sent them. */
  readonly payload: Readonly<DialNumberPayload>;
}

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

/**
 * What the user entered when completing a call.
 *
 * @example
 * ```ts
 * const details: CompleteDetails = { notes: "Wants a demo", outcome: "connected" };
 * await call.complete(details);
 * ```
 */
export interface CompleteDetails {
  /** Call notes (`hs_call_body`). */
  readonly notes?: string;
  /** A default outcome name (`"connected"`, `"busy"`, ...) or an account outcome GUID. */
  readonly outcome?: string;
  /** A title for the call on the timeline. */
  readonly title?: string;
  /** An HTTPS recording URL (other URLs are left out; HubSpot refuses them). */
  readonly recordingUrl?: string;
  /** Extra or overriding engagement properties. */
  readonly properties?: Readonly<EngagementProperties>;
  /** Whether HubSpot hides the widget after completion (HubSpot's default: true). */
  readonly hideWidget?: boolean;
}

/**
 * One call, as plain immutable data.
 *
 * @example
 * ```ts
 * const call = client.getSnapshot().call;
 * if (call?.status === "connected") startTimer(call.answeredAt!);
 * ```
 */
export interface CallSnapshot {
  /** The `externalCallId` every message about this call carries (a UUID). */
  readonly id: string;
  /** Outbound (the user called) or inbound (the user was called). */
  readonly direction: "OUTBOUND" | "INBOUND";
  /** Where the call is in its life. */
  readonly status: CallStatus;
  /** The number called. */
  readonly toNumber: string;
  /** The number calling (the caller id), or `""` when the provider chose it. */
  readonly fromNumber: string;
  /** HubSpot's request this call answers, for outbound calls HubSpot asked for. */
  readonly request: DialRequest | null;
  /** When the call started (ms since the epoch). */
  readonly startedAt: number;
  /**
   * Inbound: `answer()` was called and the provider has not confirmed yet
   * (its `answer()` has not resolved and it has not reported `answered`).
   * The call stays `incoming` meanwhile; HubSpot gets `CALL_ANSWERED` only
   * once the provider confirms. Always `false` for outbound calls.
   */
  readonly answering: boolean;
  /** When it connected (when the provider confirmed the answer, for inbound calls). */
  readonly answeredAt: number | null;
  /** When it ended. */
  readonly endedAt: number | null;
  /** How it ended. */
  readonly endStatus: EndStatus | null;
  /** Why it failed, when the provider reported a failure. */
  readonly error: ErrorInfo | null;
  /**
   * The voice backend's code for how the call ended (e.g. SIP 486 Busy
   * Here), when the provider reported one; `null` otherwise, and when this
   * side hung up.
   */
  readonly endCause: EndCause | null;
  /** Whether the microphone is muted. */
  readonly muted: boolean;
  /**
   * Whether the call has been `onHold` at some point, even if it was resumed
   * (or the hold undone) since: what `call.waitFor("onHold")` checks.
   */
  readonly hasBeenOnHold: boolean;
  /** Whether HubSpot was asked to create the engagement. */
  readonly createEngagement: boolean;
  /** The engagement (HubSpot's record of this call). */
  readonly engagement: EngagementSnapshot;
  /**
   * Caller-ID matches HubSpot found (inbound calls): `null` while HubSpot has
   * not answered, an empty list when it found nobody or the lookup failed.
   */
  readonly callerIdMatches: readonly CallerIdMatch[] | null;
  /** What the user entered in `complete()`. */
  readonly details: CompleteDetails | null;
}

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

/**
 * Everything the client knows, as plain immutable data: equal snapshots are
 * the same object, so `useSyncExternalStore` and selectors re-render only on
 * change.
 *
 * @example
 * ```ts
 * const unsubscribe = client.subscribe(() => render(client.getSnapshot()));
 * ```
 */
export interface CallingSnapshot {
  /** The session with HubSpot. */
  readonly session: SessionSnapshot;
  /** HubSpot's pending request to call a number, if any. */
  readonly dialRequest: DialRequest | null;
  /** The current (or last) call; `null` when there has been none. */
  readonly call: CallSnapshot | null;
  /**
   * The `externalCallId`s of calls whose engagement HubSpot was asked to
   * create (`createEngagement: true`) and has not answered yet, oldest
   * first; at most the last 20. HubSpot answers creates in
   * the order they were sent, so an answer that names no call
   * (`CREATE_ENGAGEMENT_SUCCEEDED` / `_FAILED` as documented) belongs to the
   * first entry, which is not always the current call.
   */
  readonly pendingCreates: readonly string[];
  /**
   * The last engagement ids HubSpot gave (at most 20), so that the same id
   * sent twice (`ENGAGEMENT_CREATED` and `CREATE_ENGAGEMENT_SUCCEEDED`) is
   * taken once, even when the second copy arrives after the next call started.
   */
  readonly recentEngagementIds: readonly HubSpotId[];
  /** This instance's part among the places HubSpot runs the widget (`standalone` unless coordinated). */
  readonly surface: SurfaceSnapshot;
}

/** How many unanswered creates `pendingCreates` keeps; older ones are forgotten. @internal */
export const MAX_PENDING_CREATES = 20;


/**
 * The snapshot before anything happened.
 *
 * @example
 * ```ts
 * initialSnapshot().session.status; // "connecting"
 * ```
 */
export function initialSnapshot(): CallingSnapshot {
  return Object.freeze({
    session: Object.freeze({
      status: "connecting" as const,
      available: false,
      host: null,
      visibility: Object.freeze({ isMinimized: false, isHidden: false }),
    }),
    dialRequest: null,
    call: null,
    pendingCreates: Object.freeze([]),
    recentEngagementIds: Object.freeze([]),
    surface: Object.freeze({ role: "standalone" as const, ownerPresent: true }),
  });
}

/**
 * True while the call is live (dialing, ringing, connected, on hold or incoming).
 *
 * @example
 * ```ts
 * if (isCallActive(client.getSnapshot().call)) disableLogOut();
 * ```
 */
export function isCallActive(call: CallSnapshot | null): boolean {
  return call !== null && (ACTIVE_CALL_STATES as readonly string[]).includes(call.status);
}
