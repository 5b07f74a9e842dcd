// hubspot-calling-kit/sip: a TelephonyProvider over SIP on a WebSocket with
// WebRTC audio, on sip.js 0.21 (an optional peer dependency).
export type { SipProvider } from "./createSipProvider";
export { createSipProvider } from "./createSipProvider";
export type { SipCall } from "./sipCall";
export type {
  SdpModifier,
  SipAudioOutput,
  SipCredentials,
  SipCredentialsContext,
  SipProviderOptions,
  SipReconnectOptions,
} from "./sipProviderOptions";
export type { SipProviderEvents, SipProviderEventType, SipProviderSnapshot, SipProviderStatus } from "./sipProviderState";
export { SIP_PROVIDER_STATUSES } from "./sipProviderState";
export type { SipErrorReason } from "./sipError";
export { SIP_ERROR_REASONS, SipError, isSipError } from "./sipError";
export { SIP_END_REASONS, endReasonOf, sipCause } from "./sipCauses";
export { sipTargetOf } from "./sipTarget";
