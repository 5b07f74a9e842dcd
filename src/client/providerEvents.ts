import {
  PROVIDER_END_REASONS,
  type ProviderCallEvent,
  type ProviderEndReason,
} from "../providers/telephonyProvider";

/**
 * Validates an event reported by a provider; providers are outside code too.
 * Returns the event as a fresh object, or undefined when unusable. A
 * malformed `cause` is left out (the event still counts) and reported to
 * `onProblem`.
 */
export function parseProviderEvent(value: unknown, onProblem?: (message: string) => void): ProviderCallEvent | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { type, reason, error, cause } = value as Record<string, unknown>;
  if (type === "ringing" || type === "answered") return { type };
  let event: ProviderCallEvent;
  if (type === "failed") event = { type, error };
  else if (type === "ended" && (PROVIDER_END_REASONS as readonly unknown[]).includes(reason)) {
    event = { type, reason: reason as ProviderEndReason };
  } else return undefined;
  if (cause !== undefined) {
    const { protocol: p, code: c, text: t = "" } = (cause ?? {}) as Record<string, unknown>;
    // A protocol of 1-32 characters, a code >= 0, a text of at most 200 characters.
    if (typeof p === "string" && /^.{1,32}$/.test(p) && Number.isSafeInteger(c) && (c as number) >= 0 && typeof t === "string" && t.length <= 200) {
      event.cause = Object.freeze({ protocol: p, code: c as number, text: t });
    } else onProblem?.(`Ignored a malformed cause on ${type}`);
  }
  return event;
}
