import {
  PROVIDER_END_REASONS,
  type ProviderCallEvent,
  type ProviderEndReason,
} from "../providers/telephonyProvider";

/**
 * Validates an event reported by a provider; providers are outside code too.
 * Returns the event as a fresh object, or undefined when unusable.
 */
export function parseProviderEvent(value: unknown): ProviderCallEvent | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { type, reason, error } = value as Record<string, unknown>;
  if (type === "ringing" || type === "answered") return { type };
  if (type === "failed") return { type, error };
  if (type === "ended" && (PROVIDER_END_REASONS as readonly unknown[]).includes(reason)) {
    return { type, reason: reason as ProviderEndReason };
  }
  return undefined;
}
