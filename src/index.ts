// The public surface of hubspot-calling-kit, listed by name (STYLE.md #1).
// Held back on purpose: the state machine itself (transition, its event and
// effect unions) and the SDK loader and validator internals. The client is
// the public face; the machine's event shapes may change in any release.

export type { CallingClient } from "./client/callingClient";
export { createCallingClient } from "./client/createCallingClient";
export type { CallingClientOptions, DialOptions, InitializeOptions } from "./client/options";
export type { Call, CallEndInfo, CompleteResult } from "./client/call";
export type { CallingEventListener, CallingEvents, CallingEventType } from "./client/callingEvents";

export type {
  SurfaceChannel,
  SurfaceCoordination,
  SurfaceOptions,
} from "./surfaces/coordinateSurfaces";
export { coordinateSurfaces } from "./surfaces/coordinateSurfaces";
export type { SurfaceLocks } from "./surfaces/ownership";
export type { SurfaceStorage } from "./surfaces/snapshotStore";

export type { SessionSnapshot, SessionStatus } from "./machine/sessionSnapshot";
export { SESSION_STATES } from "./machine/sessionSnapshot";
export type { CallSnapshot, CallStatus, CompleteDetails } from "./machine/callSnapshot";
export { ACTIVE_CALL_STATES, CALL_STATES } from "./machine/callSnapshot";
export type { EngagementSnapshot, EngagementStatus } from "./machine/engagementSnapshot";
export { ENGAGEMENT_STATES } from "./machine/engagementSnapshot";
export type { ErrorInfo } from "./machine/errorInfo";
export type { DialRequest } from "./machine/dialRequest";
export type { SurfaceRole, SurfaceSnapshot } from "./machine/surfaceSnapshot";
export { SURFACE_ROLES } from "./machine/surfaceSnapshot";
export type { CallingSnapshot } from "./machine/snapshot";
export { initialSnapshot, isCallActive } from "./machine/snapshot";
export type { WarningCode } from "./machine/effect";
export { WARNING_CODES } from "./machine/effect";

export type { HostTransport, SecurityWarning, SecurityWarningReason, TransportSink } from "./sdk/hostTransport";
export { SECURITY_WARNING_REASONS } from "./sdk/hostTransport";
export type { SdkTransportOptions } from "./sdk/createSdkTransport";
export { createSdkTransport } from "./sdk/createSdkTransport";
export type { OriginMatcher } from "./sdk/origins";
export { HUBSPOT_ORIGINS, HUBSPOT_QA_ORIGINS, isAllowedOrigin } from "./sdk/origins";
export type { ParsedInbound } from "./sdk/parseInboundMessage";
export { parseInboundMessage } from "./sdk/parseInboundMessage";

export type { Logger, LogLevel } from "./logging/logger";
export { LOG_LEVELS, consoleLogger, silentLogger } from "./logging/logger";
export { redactPhoneNumbers } from "./logging/redactPhoneNumbers";
export type { Clock } from "./internal/clock";
export { systemClock } from "./internal/clock";

export type { CallingErrorCode } from "./errors/codes";
export { ERROR_CODES } from "./errors/codes";
export type { CallingErrorJSON, CallingErrorOptions } from "./errors/callingError";
export { CallingError, isCallingError, toCallingError } from "./errors/callingError";
export { InvalidStateError } from "./errors/invalidStateError";
export { TimeoutError } from "./errors/timeoutError";
export { AbortError } from "./errors/abortError";
export { CallEndedError } from "./errors/callEndedError";
export type { HostFailureCode } from "./errors/hostRequestError";
export { HostRequestError } from "./errors/hostRequestError";
export { ProviderError } from "./errors/providerError";
export { ProtocolError } from "./errors/protocolError";
export type { ValidationIssue } from "./errors/validationError";
export { ValidationError } from "./errors/validationError";

export type { AbortOptions } from "./internal/abortOptions";

export {
  END_STATUSES,
  INBOUND_MESSAGE_TYPES,
  OUTBOUND_MESSAGE_TYPES,
  SDK_INTERNAL_MESSAGE_TYPES,
} from "./sdk/messageTypes";
export type {
  InboundMessageType,
  OutboundMessageType,
  WireMessageType,
} from "./sdk/messageTypes";
export type * from "./sdk/messages";

export type {
  EndCause,
  IncomingProviderCall,
  ProviderCall,
  ProviderCallEvent,
  ProviderDialRequest,
  ProviderEndReason,
  TelephonyProvider,
} from "./providers/telephonyProvider";
export { PROVIDER_END_REASONS } from "./providers/telephonyProvider";

export type { CallOutcome } from "./engagements/callOutcomes";
export { CALL_OUTCOMES } from "./engagements/callOutcomes";
export type { CallRecord } from "./engagements/callRecord";
export type {
  EngagementWriteRequest,
  EngagementWriteResult,
  EngagementWriter,
  EngagementWriterContext,
  EngagementWriterEvent,
  HostChannel,
  HostChannelNextOptions,
} from "./engagements/engagementWriter";
export type { HostWriterOptions } from "./engagements/hostWriter";
export { hostWriter } from "./engagements/hostWriter";
export { buildEngagementProperties, isHttpsUrl } from "./engagements/engagementProperties";

// Call logging that loses nothing: the relay writer and the durable outbox.
// Tree-shakable: nothing here runs or touches storage at import.
export type { RelayHeadersContext, RelayWriterOptions } from "./engagements/relayWriter";
export { relayWriter } from "./engagements/relayWriter";
export type { RelayErrorDetails } from "./errors/relayError";
export { RelayError } from "./errors/relayError";
export type { RelayAcceptedBody, RelayErrorBody, RelayRecord } from "./engagements/relayRecord";
export { RELAY_RECORD_VERSION } from "./engagements/relayRecord";
export type { Outbox, OutboxOptions } from "./engagements/outbox/outbox";
export { withOutbox } from "./engagements/outbox/withOutbox";
export type { OutboxEntry, OutboxStorage } from "./engagements/outbox/outboxStorage";
export { memoryOutboxStorage } from "./engagements/outbox/memoryOutboxStorage";
export type { LocalStorageOutboxOptions } from "./engagements/outbox/localStorageOutboxStorage";
export { localStorageOutboxStorage } from "./engagements/outbox/localStorageOutboxStorage";
export type { IndexedDbOutboxOptions } from "./engagements/outbox/indexedDbOutboxStorage";
export { indexedDbOutboxStorage } from "./engagements/outbox/indexedDbOutboxStorage";
export type { SelectOutboxStorageOptions } from "./engagements/outbox/selectOutboxStorage";
export { selectOutboxStorage } from "./engagements/outbox/selectOutboxStorage";
export type { RetryOptions } from "./engagements/outbox/retryPolicy";
export { backoffDelay, isRetryableError } from "./engagements/outbox/retryPolicy";
export type { OutboxLock } from "./engagements/outbox/outboxLock";
export { webLocksLock } from "./engagements/outbox/outboxLock";
