import type { EndCause } from "../providers/telephonyProvider";
import type { CallerIdMatch, EndStatus, EngagementProperties } from "../sdk/messages";
import type { DialRequest } from "./dialRequest";
import type { EngagementSnapshot } from "./engagementSnapshot";
import type { ErrorInfo } from "./errorInfo";

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
