import type { ProtocolError } from "../errors/protocolError";
import type { InboundMessage, OutboundMessage } from "./messages";

/**
 * Why the transport dropped a message without acting on it.
 *
 * @example
 * ```ts
 * SECURITY_WARNING_REASONS.includes("originNotAllowed"); // true
 * ```
 */
export const SECURITY_WARNING_REASONS = [
  /** SYNC from an origin outside the allowlist. */
  "originNotAllowed",
  /** SYNC from a window other than `window.parent`. */
  "notFromParent",
  /** SYNC whose `hostUrl` differs from the origin it came from. */
  "hostUrlMismatch",
  /** A message from another origin or window than the synced host. */
  "notFromHost",
  /** A message other than SYNC before the handshake. */
  "beforeSync",
  /**
   * One message too many while the SDK was still loading: up to 50 that
   * passed the checks above are kept and handled once it has loaded.
   */
  "bufferFull",
  /**
   * A message on the channel between the widget's instances (see
   * `coordinateSurfaces()`) from another HubSpot portal or user.
   */
  "otherAccount",
] as const;

/**
 * One of {@link SECURITY_WARNING_REASONS}.
 *
 * @example
 * ```ts
 * const reason: SecurityWarningReason = "hostUrlMismatch";
 * ```
 */
export type SecurityWarningReason = (typeof SECURITY_WARNING_REASONS)[number];

/**
 * A message that was dropped for security reasons. It never reached the SDK
 * or the state machine.
 *
 * @example
 * ```ts
 * client.on("securityWarning", ({ reason, origin, count }) => {
 *   console.warn(`dropped ${reason} from ${origin} (${count} so far)`);
 * });
 * ```
 */
export interface SecurityWarning {
  /** Why it was dropped. */
  reason: SecurityWarningReason;
  /** The origin it came from (`"null"` for sandboxed frames). */
  origin: string;
  /** Its `type` field, when it had a string one. */
  messageType: string | undefined;
  /** How many messages this transport has dropped so far, this one included. */
  count: number;
}

/**
 * Where a transport delivers what it receives; one payload object per
 * callback.
 *
 * @example
 * ```ts
 * transport.start({
 *   receive: (message) => console.log(message.type),
 *   protocolError: (error) => console.warn(error.issues),
 *   securityWarning: (warning) => console.warn(warning.reason),
 * });
 * ```
 */
export interface TransportSink {
  /** A validated message from the synced HubSpot page. */
  receive(message: InboundMessage): void;
  /** A message from the HubSpot page that failed validation; nothing acted on it. */
  protocolError(error: ProtocolError): void;
  /** A message dropped for security reasons. */
  securityWarning(warning: SecurityWarning): void;
}

/**
 * The messaging seam between the client and HubSpot's page. The default,
 * {@link createSdkTransport}, drives the real SDK over `postMessage`;
 * `createMemoryTransport()` from `hubspot-calling-kit/testing` plays HubSpot
 * in-process for tests.
 *
 * Contract: `send()` before the handshake queues (in order) and flushes once
 * SYNC was accepted; inbound messages reach the sink only once validated.
 *
 * @example
 * ```ts
 * const client = createCallingClient({ provider, transport: createSdkTransport({ allowedOrigins }) });
 * ```
 */
export interface HostTransport {
  /** Starts listening; resolves once listening (not when SYNC arrives). */
  start(sink: TransportSink): Promise<void>;
  /** Sends a message to HubSpot, queued until the handshake is done. */
  send(message: OutboundMessage): void;
  /** Stops listening and drops queued messages. */
  stop(): void;
}
