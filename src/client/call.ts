import type { AbortOptions } from "../internal/abortOptions";
import type { CallSnapshot, CallStatus, CompleteDetails } from "../machine/callSnapshot";
import type { EndCause } from "../providers/telephonyProvider";
import type { EndStatus, HubSpotId } from "../sdk/messages";
import type { CallingError } from "../errors/callingError";

/**
 * How a call ended: what `call.ended` resolves with.
 *
 * @example
 * ```ts
 * const { endStatus, error } = await call.ended;
 * ```
 */
export interface CallEndInfo {
  /** How the call ended, as reported to HubSpot. */
  endStatus: EndStatus;
  /** Why it failed, when it did. */
  error: CallingError | null;
  /** The voice backend's code for how it ended (e.g. SIP 486), when the provider reported one. */
  cause: EndCause | null;
}

/**
 * What `call.complete()` resolves with.
 *
 * @example
 * ```ts
 * const { engagementId, queued } = await call.complete({ notes });
 * ```
 */
export interface CompleteResult {
  /** The engagement holding the call, when known. */
  engagementId: HubSpotId | undefined;
  /** True when a durable writer stored the record and will deliver it later. */
  queued: boolean;
}

/**
 * A handle on one call. Promises settle once and are safe to ignore (they
 * never cause unhandled-rejection warnings); methods reject with
 * `InvalidStateError` when the call is not in a state that allows them, or
 * when it is no longer the current call.
 *
 * @example
 * ```ts
 * const call = await client.dial({ toNumber: "+16175550100" });
 * try {
 *   await call.waitFor("connected", { timeout: 60_000 });
 * } catch {
 *   await call.hangUp().catch(() => {});
 * }
 * await call.ended;
 * await call.complete({ notes: "Left a voicemail", outcome: "leftVoicemail" });
 * ```
 */
export interface Call {
  /** The call's `externalCallId` (a UUID), repeated in every message about it. */
  readonly id: string;
  /** Outbound or inbound. */
  readonly direction: "OUTBOUND" | "INBOUND";
  /** The latest snapshot of this call (the last one seen, once it is no longer current). */
  readonly snapshot: CallSnapshot;
  /** Resolves when the call connects; rejects with `CallEndedError` if it ends first. */
  readonly connected: Promise<void>;
  /** Resolves when the call ends, however it ends. */
  readonly ended: Promise<CallEndInfo>;
  /**
   * Resolves with HubSpot's engagement id, even when it arrives after the
   * call ended or after a write failed. Rejects with a `HostRequestError`
   * (`CREATE_ENGAGEMENT_FAILED`) when HubSpot could not create it, and with
   * `NO_ENGAGEMENT` when none will come: the call was replaced by the next
   * one first, or it was started with `createEngagement: false` and
   * completed without the writer returning an id. A failed write
   * (`UPDATE_ENGAGEMENT_FAILED`, a writer error) does not reject it.
   */
  readonly engagementId: Promise<HubSpotId>;
  /**
   * Waits until the call reaches (or has passed) a state: `"onHold"`
   * resolves once the call has been on hold, even if it was resumed since
   * (`snapshot.hasBeenOnHold`). Rejects with `CallEndedError` when the call
   * ended without reaching it, and with `InvalidStateError` for the state of
   * the other direction (`"dialing"` on an inbound call, `"incoming"` on an
   * outbound one), which the call never reaches, ended or not.
   */
  waitFor(status: CallStatus, options?: AbortOptions): Promise<CallSnapshot>;
  /** Like {@link Call.engagementId}, with a timeout or signal. */
  waitForEngagementId(options?: AbortOptions): Promise<HubSpotId>;
  /**
   * Hangs up (or declines, while incoming). The state changes at once; the
   * promise waits for the provider (at most 15 s unless `timeout` says otherwise).
   * While dialing, that is until `dial()` has resolved and the provider's call
   * it returned was hung up; a failure of that hang-up rejects the promise
   * (`PROVIDER_ERROR`), although the call has ended all the same.
   */
  hangUp(options?: AbortOptions): Promise<void>;
  /**
   * Answers an incoming call. The call stays `incoming` (with
   * `snapshot.answering` set) until the provider confirms, by its `answer()`
   * resolving or by reporting `answered`; only then does it connect (HubSpot
   * gets `CALL_ANSWERED`, `callConnected` is emitted), so a caller who hangs
   * up meanwhile is logged `MISSED`. If the provider cannot answer, the call
   * ends `FAILED`, even when this promise already gave up waiting (`timeout`,
   * at most 15 s by default, or `signal`).
   */
  answer(options?: AbortOptions): Promise<void>;
  /** Declines an incoming call. */
  reject(options?: AbortOptions): Promise<void>;
  /**
   * Mutes or unmutes the microphone (provider must support it). The
   * snapshot changes at once; if the provider refuses, `muted` is undone,
   * even when this promise already gave up waiting (`timeout`, at most 15 s
   * by default, or `signal`). Only `muted` is undone, and never over a newer
   * `mute()`.
   */
  mute(muted: boolean, options?: AbortOptions): Promise<void>;
  /**
   * Holds or resumes the call (provider must support it). The status
   * changes at once; if the provider refuses, it is undone, even when this
   * promise already gave up waiting (`timeout`, at most 15 s by default, or
   * `signal`). Only the hold is undone, and never over a newer `hold()`.
   */
  hold(held: boolean, options?: AbortOptions): Promise<void>;
  /** Sends DTMF digits (`0-9 * # A-D`, `w` or `,` to pause). */
  sendDigits(digits: string, options?: AbortOptions): Promise<void>;
  /** Tells HubSpot the call was transferred (`CALL_TRANSFERRED`). */
  transfer(): Promise<void>;
  /**
   * Gives up logging an ended call (for example after the writer failed for
   * good), so the next call can start. The call becomes `completed` with its
   * engagement as it is (usually `failed`); `callDiscarded` is emitted.
   *
   * Also the way out of a write that never settles: while `complete()` is
   * still logging the call (`wrappingUp`), `discard()` aborts the write (its
   * `signal`), the pending `complete()` rejects with `ABORTED`, the
   * engagement becomes `failed` (`ABORTED`) and whatever the writer answers
   * later is ignored.
   */
  discard(): Promise<void>;
  /**
   * Logs the call through the writer (by default HubSpot writes the
   * engagement). Only after the call ended; waits for a late engagement id.
   * On failure the call stays `ended` and `complete()` can be called again.
   */
  complete(details?: CompleteDetails, options?: AbortOptions): Promise<CompleteResult>;
  /** Sends `FINALIZE_ENGAGEMENT` and waits for HubSpot's answer. */
  finalize(options?: AbortOptions): Promise<void>;
}
