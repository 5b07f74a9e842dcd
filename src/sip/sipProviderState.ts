import type { SipError } from "./sipError";

/**
 * Where the SIP provider is, as a table.
 *
 * - `stopped`: not started, or `stop()` was called.
 * - `connecting`: `start()` is opening the WebSocket.
 * - `registering`: connected; the REGISTER is out.
 * - `registered`: ready: calls can be placed and received.
 * - `reconnecting`: the WebSocket dropped; the provider is trying again (calls in progress ended as failed).
 * - `failed`: it gave up (could not connect, registration refused, reconnect attempts exhausted); `start()` again to retry.
 *
 * @example
 * ```ts
 * SIP_PROVIDER_STATUSES.includes("registered"); // true
 * ```
 */
export const SIP_PROVIDER_STATUSES = ["stopped", "connecting", "registering", "registered", "reconnecting", "failed"] as const;

/**
 * One of {@link SIP_PROVIDER_STATUSES}.
 *
 * @example
 * ```ts
 * const status: SipProviderStatus = provider.getSnapshot().status;
 * ```
 */
export type SipProviderStatus = (typeof SIP_PROVIDER_STATUSES)[number];

/**
 * The SIP provider's state, from `getSnapshot()` (a new object on every change).
 *
 * @example
 * ```ts
 * provider.subscribe(() => {
 *   const { status, error } = provider.getSnapshot();
 *   badge.textContent = error ? `${status}: ${error.message}` : status;
 * });
 * ```
 */
export interface SipProviderSnapshot {
  /** Where the provider is. */
  readonly status: SipProviderStatus;
  /** Why it is `failed` or `reconnecting`. */
  readonly error: SipError | undefined;
  /** The reconnect attempt under way (0 when not reconnecting). */
  readonly reconnectAttempt: number;
  /** Calls in progress. */
  readonly activeCalls: number;
}

/**
 * The SIP provider's discrete events, one payload object each.
 *
 * @example
 * ```ts
 * provider.on("connectionLost", ({ error, callsEnded }) => showBanner(`${error.message} (${callsEnded} calls ended)`));
 * ```
 */
export interface SipProviderEvents {
  /** The status changed. */
  statusChanged: {
    /** The new status. */
    status: SipProviderStatus;
    /** The status before. */
    previous: SipProviderStatus;
    /** Why, when the new status is `failed` or `reconnecting`. */
    error: SipError | undefined;
  };
  /** The server accepted the REGISTER (after start, a reconnect or a refresh). */
  registered: {
    /** The registration's lifetime the server granted, in seconds. */
    expires: number;
  };
  /** The server refused a REGISTER. */
  registrationFailed: {
    /** A `REGISTRATION_FAILED` (with the SIP status) or `CREDENTIALS_FAILED` error. */
    error: SipError;
  };
  /** The WebSocket dropped; calls in progress ended as failed. */
  connectionLost: {
    /** A `CONNECTION_LOST` error. */
    error: SipError;
    /** How many calls ended with it. */
    callsEnded: number;
  };
  /** The provider is connected and registered again after `connectionLost`. */
  reconnected: {
    /** The attempt that succeeded (1 for the first). */
    attempts: number;
  };
}

/**
 * The name of one of {@link SipProviderEvents}.
 *
 * @example
 * ```ts
 * const type: SipProviderEventType = "reconnected";
 * ```
 */
export type SipProviderEventType = keyof SipProviderEvents;
