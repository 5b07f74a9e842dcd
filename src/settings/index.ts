// The public surface of hubspot-calling-kit/settings, listed by name
// (STYLE.md #1). Runs in Node and browsers: it uses only `fetch`.

export { createSettingsClient } from "./settingsClient";
export type { SettingsClient } from "./settingsClient";
export { HUBSPOT_API_BASE_URL } from "./settingsClientOptions";
export type {
  AccessTokenCredentials,
  ApiKeyCredentials,
  SettingsClientBaseOptions,
  SettingsClientOptions,
} from "./settingsClientOptions";
export type { FetchLike } from "./settingsRequest";
export { SETTINGS_API_VERSIONS } from "./apiVersions";
export type { SettingsApiVersion } from "./apiVersions";
export type * from "./requests";
export type * from "./types";
export { CALLING_SETTINGS_DEFAULTS } from "./defaults";
export { CALLING_SETTINGS_LIMITS } from "./limits";
export { INBOUND_CALL_STATUSES } from "./inboundCallStatuses";
export type { InboundCallStatus } from "./inboundCallStatuses";

export {
  validateCallingSettings,
  validateCallingSettingsPatch,
  validateChannelConnection,
  validateChannelConnectionPatch,
  validateRecordingSettings,
} from "./validateSettings";
export { validateInboundCall } from "./validateInboundCall";
export type { InboundCallBody } from "./validateInboundCall";

export { buildLocalOverride, LOCAL_OVERRIDE_KEYS } from "./localOverride";
export type {
  LocalOverride,
  LocalOverrideClearOptions,
  LocalOverrideSetOptions,
} from "./localOverride";

// The errors this subpath rejects with, so `instanceof` needs no second import.
export { HubSpotApiError } from "../errors/hubSpotApiError";
export type { HubSpotErrorBody } from "../errors/hubSpotApiError";
export { ValidationError } from "../errors/validationError";
export type { ValidationIssue } from "../errors/validationError";
export { TimeoutError } from "../errors/timeoutError";
export { AbortError } from "../errors/abortError";
export { CallingError, isCallingError } from "../errors/callingError";
export type { CallingErrorCode } from "../errors/codes";
export type { AbortOptions } from "../internal/abortOptions";
