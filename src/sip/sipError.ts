import type { EndCause } from "../providers/telephonyProvider";
import { ProviderError } from "../errors/providerError";

/**
 * What went wrong in the SIP provider, one of {@link SIP_ERROR_REASONS}
 * (the error's `code` is always `PROVIDER_ERROR`; `reason` says which).
 *
 * - `NOT_STARTED`: `dial()` before `start()`, or after `stop()`.
 * - `CONNECTION_FAILED`: the WebSocket to the SIP server could not be opened.
 * - `CONNECTION_LOST`: the WebSocket dropped; calls in progress end with it.
 * - `REGISTRATION_FAILED`: the server refused the REGISTER (bad credentials, 403, ...).
 * - `CREDENTIALS_FAILED`: the credentials callback threw or returned something unusable.
 * - `CALL_FAILED`: the server or the far end refused the call (a 4xx-6xx other than busy/no answer/decline).
 * - `MEDIA_FAILED`: no microphone, permission refused, or the SDP could not be negotiated.
 * - `REQUEST_FAILED`: a mid-call request (hold, DTMF over SIP INFO) was refused.
 * - `CALL_OVER`: the call already ended (or is not connected yet) for this command.
 *
 * @example
 * ```ts
 * SIP_ERROR_REASONS.includes("CONNECTION_LOST"); // true
 * ```
 */
export const SIP_ERROR_REASONS = [
  "NOT_STARTED",
  "CONNECTION_FAILED",
  "CONNECTION_LOST",
  "REGISTRATION_FAILED",
  "CREDENTIALS_FAILED",
  "CALL_FAILED",
  "MEDIA_FAILED",
  "REQUEST_FAILED",
  "CALL_OVER",
] as const;

/**
 * One of {@link SIP_ERROR_REASONS}.
 *
 * @example
 * ```ts
 * const reason: SipErrorReason = "REGISTRATION_FAILED";
 * ```
 */
export type SipErrorReason = (typeof SIP_ERROR_REASONS)[number];

/**
 * An error of the SIP provider: a {@link ProviderError} (code
 * `PROVIDER_ERROR`) with a `reason` and, when the server answered, the SIP
 * status as `sipCause` (e.g. `{ protocol: "SIP", code: 403, text: "Forbidden" }`).
 *
 * @example
 * ```ts
 * try {
 *   await provider.start();
 * } catch (error) {
 *   if (isSipError(error) && error.reason === "REGISTRATION_FAILED") askForPassword();
 * }
 * ```
 */
export class SipError extends ProviderError {
  /** Which failure this is. */
  declare readonly reason: SipErrorReason;
  /** The SIP status the server or the far end answered, when there was one. */
  declare readonly sipCause: EndCause | undefined;

  /** @internal */
  constructor(reason: SipErrorReason, message: string, options: { cause?: unknown; sipCause?: EndCause } = {}) {
    super(message, "cause" in options ? { cause: options.cause } : {});
    this.name = "SipError";
    this.reason = reason;
    this.sipCause = options.sipCause;
  }
}

/**
 * True when `value` is a {@link SipError}, optionally with one of the given
 * reasons; works across iframes and bundles (checks `name` and `reason`).
 *
 * @example
 * ```ts
 * call.connected.catch((error) => {
 *   if (isSipError(error.cause, "CONNECTION_LOST")) showBanner("Connection to the phone system lost");
 * });
 * ```
 */
export function isSipError(value: unknown, ...reasons: SipErrorReason[]): value is SipError {
  if (typeof value !== "object" || value === null) return false;
  const { name, reason } = value as { name?: unknown; reason?: unknown };
  if (name !== "SipError" || !(SIP_ERROR_REASONS as readonly unknown[]).includes(reason)) return false;
  return reasons.length === 0 || (reasons as unknown[]).includes(reason);
}
