// Validators for the settings bodies. Everything is checked before a request
// is made, and every problem is reported at once.
import {
  checkBoolean,
  checkName,
  checkPixels,
  checkUrl,
  validateFields,
  type Check,
} from "./checks";
import { CALLING_SETTINGS_DEFAULTS } from "./defaults";
import { CALLING_SETTINGS_LIMITS } from "./limits";
import type {
  CallingSettingsFields,
  CallingSettingsPatch,
  ChannelConnectionInput,
  ChannelConnectionPatch,
  RecordingSettings,
} from "./types";

const { minWidth, maxWidth, minHeight, maxHeight } = CALLING_SETTINGS_LIMITS;

const CALLING_CHECKS = {
  name: checkName,
  url: checkUrl,
  width: checkPixels(minWidth, maxWidth),
  height: checkPixels(minHeight, maxHeight),
  isReady: checkBoolean,
  supportsCustomObjects: checkBoolean,
  supportsInboundCalling: checkBoolean,
  usesCallingWindow: checkBoolean,
  usesRemote: checkBoolean,
} as const satisfies Record<keyof CallingSettingsFields, Check>;

const checkRecordingUrl: Check = (value) =>
  checkUrl(value) ??
  ((value as string).includes("%s")
    ? undefined
    : "must contain %s where HubSpot puts the external call id");

/**
 * Checks the input of `createSettings` and returns the complete body HubSpot
 * requires: all nine fields, defaults ({@link CALLING_SETTINGS_DEFAULTS})
 * filled in. Throws a `ValidationError` listing every problem: `url` not
 * `https:` (`http:` only on localhost), with credentials (`user:pass@`) or
 * longer than 2,048 characters; `width`/`height` outside
 * {@link CALLING_SETTINGS_LIMITS} (100 to 2,000 px); a `name` empty, longer
 * than 100 characters or with control characters; a field of the wrong type
 * or an unknown field.
 *
 * @example
 * ```ts
 * validateCallingSettings({ name: "Acme", url: "https://phone.acme.example/" }).width; // 400
 * ```
 */
export function validateCallingSettings(input: unknown): CallingSettingsFields {
  const fields = validateFields(input, {
    what: "calling settings",
    checks: CALLING_CHECKS,
    required: ["name", "url"],
  });
  return { ...CALLING_SETTINGS_DEFAULTS, ...fields } as CallingSettingsFields;
}

/**
 * Checks the input of `updateSettings`: at least one field, each valid by the
 * same rules as {@link validateCallingSettings}. Returns only the fields given.
 *
 * @example
 * ```ts
 * validateCallingSettingsPatch({ isReady: true }); // { isReady: true }
 * ```
 */
export function validateCallingSettingsPatch(input: unknown): CallingSettingsPatch {
  return validateFields(input, {
    what: "calling settings update",
    checks: CALLING_CHECKS,
    required: [],
    nonEmpty: true,
  }) as CallingSettingsPatch;
}

/**
 * Checks recording settings: `urlToRetrieveAuthedRecording` must be an
 * `https:` URL (`http:` only on localhost) containing `%s`.
 *
 * @example
 * ```ts
 * validateRecordingSettings({ urlToRetrieveAuthedRecording: "https://acme.example/rec/%s" });
 * ```
 */
export function validateRecordingSettings(input: unknown): RecordingSettings {
  return validateFields(input, {
    what: "recording settings",
    checks: { urlToRetrieveAuthedRecording: checkRecordingUrl },
    required: ["urlToRetrieveAuthedRecording"],
  }) as RecordingSettings;
}

const CHANNEL_CHECKS = { url: checkUrl, isReady: checkBoolean } as const;

/**
 * Checks the input of `createChannelConnection` and fills `isReady: false`
 * when it is not given.
 *
 * @example
 * ```ts
 * validateChannelConnection({ url: "https://acme.example/channel" }); // { url, isReady: false }
 * ```
 */
export function validateChannelConnection(input: unknown): Required<ChannelConnectionInput> {
  const fields = validateFields(input, {
    what: "channel-connection settings",
    checks: CHANNEL_CHECKS,
    required: ["url"],
  });
  return { isReady: false, ...fields } as Required<ChannelConnectionInput>;
}

/**
 * Checks the input of `updateChannelConnection`: `url`, `isReady` or both.
 *
 * @example
 * ```ts
 * validateChannelConnectionPatch({ isReady: true }); // { isReady: true }
 * ```
 */
export function validateChannelConnectionPatch(input: unknown): ChannelConnectionPatch {
  return validateFields(input, {
    what: "channel-connection settings update",
    checks: CHANNEL_CHECKS,
    required: [],
    nonEmpty: true,
  }) as ChannelConnectionPatch;
}
