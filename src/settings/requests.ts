// What each settings client method takes. Types only.
import type { AbortOptions } from "../internal/abortOptions";
import type {
  CallingSettingsInput,
  CallingSettingsPatch,
  ChannelConnectionInput,
  ChannelConnectionPatch,
  InboundCall,
  RecordingSettings,
} from "./types";

/**
 * A request about one app's settings.
 *
 * @example
 * ```ts
 * await client.getSettings({ appId: 1234, timeout: 10_000 });
 * ```
 */
export interface AppRequest extends AbortOptions {
  /** The app's id, from the app's page in your developer account. */
  appId: number | string;
}

/**
 * What `createSettings` takes.
 *
 * @example
 * ```ts
 * await client.createSettings({ appId, settings: { name: "Acme Phone", url: "https://phone.acme.example/" } });
 * ```
 */
export interface CreateSettingsRequest extends AppRequest {
  /** The settings; `name` and `url` are required, the rest has defaults. */
  settings: CallingSettingsInput;
}

/**
 * What `updateSettings` takes.
 *
 * @example
 * ```ts
 * await client.updateSettings({ appId, settings: { isReady: true } });
 * ```
 */
export interface UpdateSettingsRequest extends AppRequest {
  /** The fields to change; only these are sent. */
  settings: CallingSettingsPatch;
}

/**
 * What `createRecordingSettings` and `updateRecordingSettings` take.
 *
 * @example
 * ```ts
 * await client.createRecordingSettings({
 *   appId, settings: { urlToRetrieveAuthedRecording: "https://api.acme.example/recordings/%s" },
 * });
 * ```
 */
export interface RecordingSettingsRequest extends AppRequest {
  /** The recording settings. */
  settings: RecordingSettings;
}

/**
 * What `createChannelConnection` takes.
 *
 * @example
 * ```ts
 * await client.createChannelConnection({ appId, settings: { url: "https://api.acme.example/channel" } });
 * ```
 */
export interface CreateChannelConnectionRequest extends AppRequest {
  /** The settings; `isReady` defaults to false. */
  settings: ChannelConnectionInput;
}

/**
 * What `updateChannelConnection` takes.
 *
 * @example
 * ```ts
 * await client.updateChannelConnection({ appId, settings: { isReady: true } });
 * ```
 */
export interface UpdateChannelConnectionRequest extends AppRequest {
  /** The fields to change; only these are sent. */
  settings: ChannelConnectionPatch;
}

/**
 * What `markRecordingReady` takes.
 *
 * @example
 * ```ts
 * await client.markRecordingReady({ engagementId: 987654 });
 * ```
 */
export interface RecordingReadyRequest extends AbortOptions {
  /** The call engagement whose recording can now be fetched. */
  engagementId: number | string;
}

/**
 * What `submitInboundCall` takes.
 *
 * @example
 * ```ts
 * await client.submitInboundCall({ call });
 * ```
 */
export interface InboundCallRequest extends AbortOptions {
  /** The inbound call. */
  call: InboundCall;
}
