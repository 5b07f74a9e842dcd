import type { AbortOptions } from "../internal/abortOptions";

/**
 * Why a provider call ended, in the provider's words. The client maps these to
 * HubSpot's `callEndStatus`.
 *
 * @example
 * ```ts
 * PROVIDER_END_REASONS.includes("busy"); // true
 * ```
 */
export const PROVIDER_END_REASONS = [
  "completed",
  "busy",
  "noAnswer",
  "canceled",
  "rejected",
  "missed",
  "failed",
] as const;

/**
 * One of {@link PROVIDER_END_REASONS}.
 *
 * @example
 * ```ts
 * const reason: ProviderEndReason = "noAnswer";
 * ```
 */
export type ProviderEndReason = (typeof PROVIDER_END_REASONS)[number];

/**
 * The backend's own code for why a call ended or failed, for support and
 * logs: a SIP status (`{ protocol: "SIP", code: 486, text: "Busy Here" }`),
 * a Q.850 cause, or a cloud API's error code. Providers report it when they
 * know it; the client keeps it in `call.snapshot.endCause`, `callEnded` and
 * `call.ended`. Never shown to HubSpot.
 *
 * @example
 * ```ts
 * listener({ type: "ended", reason: "busy", cause: { protocol: "SIP", code: 486, text: "Busy Here" } });
 * ```
 */
export interface EndCause {
  /** Whose code it is: `"SIP"` (RFC 3261 status codes), `"Q.850"`, or the backend's name (at most 32 characters). */
  readonly protocol: string;
  /** The code, a non-negative integer (e.g. 486). */
  readonly code: number;
  /** The reason phrase as the backend gave it (e.g. `"Busy Here"`; at most 200 characters), or `""`. */
  readonly text: string;
}

/**
 * What a provider call reports, one object per event.
 *
 * - `ringing`: the far end is ringing (outbound only).
 * - `answered`: media is connected.
 * - `ended`: the call is over, with a reason.
 * - `failed`: the call broke (network, media, backend); it is over.
 *
 * `ended` and `failed` may carry the backend's {@link EndCause} (optional;
 * a malformed one is dropped with a warning, the event still counts).
 *
 * @example
 * ```ts
 * providerCall.subscribe((event) => {
 *   if (event.type === "ended") console.log(event.reason);
 * });
 * ```
 */
export type ProviderCallEvent =
  | {
      /** The far end is ringing. */
      type: "ringing";
    }
  | {
      /** Media is connected. */
      type: "answered";
    }
  | {
      /** The call is over. */
      type: "ended";
      /** Why it ended. */
      reason: ProviderEndReason;
      /** The backend's code for it, when known (e.g. SIP 486). */
      cause?: EndCause;
    }
  | {
      /** The call broke and is over. */
      type: "failed";
      /** The provider's error. */
      error: unknown;
      /** The backend's code for it, when known (e.g. SIP 503). */
      cause?: EndCause;
    };

/**
 * A live call in the voice backend. Only `subscribe` and `hangUp` are required;
 * the client reports `NOT_SUPPORTED` for optional features that are missing.
 *
 * Rule for implementers: do not report events before `dial()` has resolved
 * (queue them), and report `ended` or `failed` exactly once. Replaying the
 * queued events inside `subscribe()`, before it returns, is fine: the client
 * handles them in order once `subscribe()` returned (for an incoming call,
 * after it announced the call).
 *
 * @example
 * ```ts
 * const call: ProviderCall = {
 *   subscribe: (listener) => backend.onEvent(listener),
 *   hangUp: () => backend.hangUp(),
 *   mute: (muted) => backend.setMuted(muted),
 * };
 * ```
 */
export interface ProviderCall {
  /**
   * Listens to this call's events; returns the unsubscribe function. If
   * `subscribe()` throws, the call is unusable: an outbound call is hung up
   * and ends `FAILED`; an incoming one is declined before HubSpot hears of it.
   */
  subscribe(listener: (event: ProviderCallEvent) => void): () => void;
  /** Ends the call from this side. Must be safe to call after the call ended. */
  hangUp(): Promise<void> | void;
  /** Answers an incoming call. */
  answer?(): Promise<void> | void;
  /** Declines an incoming call. */
  reject?(): Promise<void> | void;
  /** Mutes or unmutes the local microphone. */
  mute?(muted: boolean): Promise<void> | void;
  /** Puts the call on hold or resumes it. */
  hold?(held: boolean): Promise<void> | void;
  /** Sends DTMF digits (`0-9 * # A-D`, `w` or `,` for a pause). */
  sendDigits?(digits: string): Promise<void> | void;
}

/**
 * What the client asks a provider to dial.
 *
 * @example
 * ```ts
 * const request: ProviderDialRequest = {
 *   to: "+16175550100", from: "+16175550199", externalCallId: "…",
 *   signal: new AbortController().signal,
 * };
 * ```
 */
export interface ProviderDialRequest {
  /** The number to call, as HubSpot or the user gave it. */
  to: string;
  /** The caller id to present, when the user chose one. */
  from?: string;
  /** The id HubSpot knows this call by; useful for the backend's own records. */
  externalCallId: string;
  /** Aborted when the user hangs up before `dial()` resolved. */
  signal: AbortSignal;
}

/**
 * An incoming call reported by a provider.
 *
 * @example
 * ```ts
 * provider.onIncoming?.(({ call, from }) => console.log("call from", from));
 * ```
 */
export interface IncomingProviderCall {
  /** The provider's call. */
  call: ProviderCall;
  /** The caller's number. */
  from: string;
  /** The number that was called. */
  to: string;
}

/**
 * The voice backend seam: WebRTC, SIP over WebSocket, a cloud voice API.
 * Implement `dial`; add `onIncoming` for inbound calls and `listCallerNumbers`
 * to offer a from-number choice. Check an implementation with
 * `providerConformance()` from `hubspot-calling-kit/testing`.
 *
 * @example
 * ```ts
 * const provider: TelephonyProvider = {
 *   async dial({ to, from, signal }) {
 *     const session = await myVoiceApi.call({ to, from, signal });
 *     return {
 *       subscribe: (listener) => session.on("event", listener),
 *       hangUp: () => session.end(),
 *     };
 *   },
 * };
 * ```
 */
export interface TelephonyProvider {
  /** Places an outbound call; resolves once the backend accepted it. */
  dial(request: ProviderDialRequest): Promise<ProviderCall>;
  /** Listens for incoming calls; returns the unsubscribe function. */
  onIncoming?(listener: (incoming: IncomingProviderCall) => void): () => void;
  /** The numbers the user may call from. */
  listCallerNumbers?(options?: AbortOptions): Promise<string[]>;
}
