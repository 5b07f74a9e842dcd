import type { EndCause, ProviderEndReason } from "../providers/telephonyProvider";

/**
 * How a final SIP status to an outbound INVITE ends the call (RFC 3261
 * §21): busy (486, 600), no answer (408, 480), declined (603), canceled
 * (487, after our CANCEL); any other 4xx-6xx fails the call.
 *
 * @example
 * ```ts
 * SIP_END_REASONS[486]; // "busy"
 * ```
 */
export const SIP_END_REASONS: Readonly<Record<number, ProviderEndReason>> = {
  408: "noAnswer",
  480: "noAnswer",
  486: "busy",
  487: "canceled",
  600: "busy",
  603: "rejected",
};

/**
 * The end reason for a final SIP status, or `undefined` when the status
 * fails the call (the provider then reports `failed` with a `SipError`).
 *
 * @example
 * ```ts
 * endReasonOf(486); // "busy"
 * endReasonOf(503); // undefined: failed
 * ```
 */
export function endReasonOf(statusCode: number): ProviderEndReason | undefined {
  return SIP_END_REASONS[statusCode];
}

/**
 * An {@link EndCause} from a SIP status line, with the reason phrase cut to
 * the 200 characters an EndCause allows.
 *
 * @example
 * ```ts
 * sipCause(486, "Busy Here"); // { protocol: "SIP", code: 486, text: "Busy Here" }
 * ```
 */
export function sipCause(code: number, text: string | undefined): EndCause {
  return { protocol: "SIP", code, text: (text ?? "").slice(0, 200) };
}
