// The public surface of hubspot-calling-kit, listed by name (STYLE.md #1).

export type { CallingErrorCode } from "./errors/codes";
export { ERROR_CODES } from "./errors/codes";
export type { CallingErrorOptions } from "./errors/callingError";
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
} from "./engagements/engagementWriter";
export { buildEngagementProperties, isHttpsUrl } from "./engagements/engagementProperties";
