import { ValidationError } from "../errors/validationError";
import { settingsPaths } from "./apiVersions";
import { isRecord, validateId } from "./checks";
import {
  type ResponseParser,
  parseCallingSettings,
  parseChannelConnection,
  parseInboundCallResult,
  parseRecordingSettings,
} from "./parseResponses";
import type {
  AppRequest,
  CreateChannelConnectionRequest,
  CreateSettingsRequest,
  InboundCallRequest,
  RecordingReadyRequest,
  RecordingSettingsRequest,
  UpdateChannelConnectionRequest,
  UpdateSettingsRequest,
} from "./requests";
import { resolveClientOptions, type SettingsClientOptions } from "./settingsClientOptions";
import { createRequester } from "./settingsRequest";
import type {
  CallingSettings,
  ChannelConnectionSettings,
  InboundCallResult,
  RecordingSettings,
} from "./types";
import { validateInboundCall } from "./validateInboundCall";
import {
  validateCallingSettings,
  validateCallingSettingsPatch,
  validateChannelConnection,
  validateChannelConnectionPatch,
  validateRecordingSettings,
} from "./validateSettings";

/**
 * A typed client for HubSpot's calling extension settings endpoints. Every
 * method checks its input first and rejects with `ValidationError` without
 * sending anything; HubSpot's errors reject with `HubSpotApiError`
 * (`status`, `correlationId`, `category`); `timeout` and `signal` reject with
 * `TimeoutError` and `AbortError`.
 *
 * @example
 * ```ts
 * const client = createSettingsClient({ apiKey });
 * const settings = await client.getSettings({ appId: 1234 });
 * if (!settings.isReady) await client.updateSettings({ appId: 1234, settings: { isReady: true } });
 * ```
 */
export interface SettingsClient {
  /** Reads an app's calling settings (404 when there are none). */
  getSettings(request: AppRequest): Promise<CallingSettings>;
  /** Creates an app's calling settings, sending all nine fields (defaults filled in). */
  createSettings(request: CreateSettingsRequest): Promise<CallingSettings>;
  /** Changes some of an app's calling settings; sends only the fields given. */
  updateSettings(request: UpdateSettingsRequest): Promise<CallingSettings>;
  /** Deletes an app's calling settings. */
  deleteSettings(request: AppRequest): Promise<void>;
  /** Reads an app's recording settings. */
  getRecordingSettings(request: AppRequest): Promise<RecordingSettings>;
  /** Creates an app's recording settings. */
  createRecordingSettings(request: RecordingSettingsRequest): Promise<RecordingSettings>;
  /** Changes an app's recording settings. */
  updateRecordingSettings(request: RecordingSettingsRequest): Promise<RecordingSettings>;
  /** Reads an app's channel-connection settings. */
  getChannelConnection(request: AppRequest): Promise<ChannelConnectionSettings>;
  /** Creates an app's channel-connection settings (`isReady` defaults to false). */
  createChannelConnection(
    request: CreateChannelConnectionRequest,
  ): Promise<ChannelConnectionSettings>;
  /** Changes an app's channel-connection settings; sends only the fields given. */
  updateChannelConnection(
    request: UpdateChannelConnectionRequest,
  ): Promise<ChannelConnectionSettings>;
  /** Deletes an app's channel-connection settings. */
  deleteChannelConnection(request: AppRequest): Promise<void>;
  /** Tells HubSpot a call's recording can now be fetched. */
  markRecordingReady(request: RecordingReadyRequest): Promise<void>;
  /** Reports an inbound call; HubSpot answers with the records matching the caller. */
  submitInboundCall(request: InboundCallRequest): Promise<InboundCallResult>;
}

// Request objects come from callers (maybe plain JS): read fields safely.
function fields(request: unknown): Record<string, unknown> {
  if (isRecord(request)) return request;
  throw new ValidationError("request", [{ path: "(request)", message: "must be an object" }]);
}

interface AppEndpoint<T> {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: (appId: string) => string;
  /** Starts the error messages, e.g. "Reading calling settings". */
  what: string;
  validate?: (settings: unknown) => unknown;
  parse?: ResponseParser<T>;
}

function abortOptions(request: Record<string, unknown>): {
  signal?: AbortSignal;
  timeout?: number;
} {
  return {
    signal: request.signal as AbortSignal | undefined,
    timeout: request.timeout as number | undefined,
  };
}

/**
 * Creates a {@link SettingsClient}. Works in Node 18+ and browsers (it uses
 * only `fetch`). Throws `ValidationError` for missing or conflicting
 * credentials, a `baseUrl` that is not `https:` (or `http:` on localhost), or
 * an unknown `apiVersion`.
 *
 * @example
 * ```ts
 * import { createSettingsClient } from "hubspot-calling-kit/settings";
 *
 * const client = createSettingsClient({ apiKey: process.env.HUBSPOT_DEVELOPER_API_KEY! });
 * await client.createSettings({
 *   appId: 1234,
 *   settings: { name: "Acme Phone", url: "https://phone.acme.example/hubspot" },
 * });
 * ```
 */
export function createSettingsClient(options: SettingsClientOptions): SettingsClient {
  const { credentials, baseUrl, fetch, apiVersion } = resolveClientOptions(options);
  const send = createRequester({ credentials, baseUrl, fetch });
  const paths = settingsPaths(apiVersion);

  // One app-scoped endpoint: validate the id and the body, then send.
  const appEndpoint =
    <T = undefined>(spec: AppEndpoint<T>) =>
    async (request: unknown): Promise<T> => {
      const r = fields(request);
      const id = String(validateId(r.appId, "appId"));
      return send({
        method: spec.method,
        path: spec.path(id),
        what: `${spec.what} of app ${id}`,
        ...(spec.validate ? { body: spec.validate(r.settings) } : {}),
        ...(spec.parse ? { parse: spec.parse } : {}),
        ...abortOptions(r),
      });
    };

  return {
    getSettings: appEndpoint({
      method: "GET",
      path: paths.calling,
      what: "Reading calling settings",
      parse: parseCallingSettings,
    }),
    createSettings: appEndpoint({
      method: "POST",
      path: paths.calling,
      what: "Creating calling settings",
      validate: validateCallingSettings,
      parse: parseCallingSettings,
    }),
    updateSettings: appEndpoint({
      method: "PATCH",
      path: paths.calling,
      what: "Updating calling settings",
      validate: validateCallingSettingsPatch,
      parse: parseCallingSettings,
    }),
    deleteSettings: appEndpoint({
      method: "DELETE",
      path: paths.calling,
      what: "Deleting calling settings",
    }),
    getRecordingSettings: appEndpoint({
      method: "GET",
      path: paths.recording,
      what: "Reading recording settings",
      parse: parseRecordingSettings,
    }),
    createRecordingSettings: appEndpoint({
      method: "POST",
      path: paths.recording,
      what: "Creating recording settings",
      validate: validateRecordingSettings,
      parse: parseRecordingSettings,
    }),
    updateRecordingSettings: appEndpoint({
      method: "PATCH",
      path: paths.recording,
      what: "Updating recording settings",
      validate: validateRecordingSettings,
      parse: parseRecordingSettings,
    }),
    getChannelConnection: appEndpoint({
      method: "GET",
      path: paths.channelConnection,
      what: "Reading channel-connection settings",
      parse: parseChannelConnection,
    }),
    createChannelConnection: appEndpoint({
      method: "POST",
      path: paths.channelConnection,
      what: "Creating channel-connection settings",
      validate: validateChannelConnection,
      parse: parseChannelConnection,
    }),
    updateChannelConnection: appEndpoint({
      method: "PATCH",
      path: paths.channelConnection,
      what: "Updating channel-connection settings",
      validate: validateChannelConnectionPatch,
      parse: parseChannelConnection,
    }),
    deleteChannelConnection: appEndpoint({
      method: "DELETE",
      path: paths.channelConnection,
      what: "Deleting channel-connection settings",
    }),
    async markRecordingReady(request) {
      const r = fields(request);
      const engagementId = validateId(r.engagementId, "engagementId");
      await send({
        method: "POST",
        path: paths.recordingReady(),
        body: { engagementId },
        what: `Marking the recording of engagement ${engagementId} ready`,
        ...abortOptions(r),
      });
    },
    async submitInboundCall(request) {
      const r = fields(request);
      const body = validateInboundCall(r.call);
      return send({
        method: "POST",
        path: paths.inboundCall(),
        body,
        what: `Submitting inbound call ${body.externalCallId}`,
        parse: parseInboundCallResult,
        ...abortOptions(r),
      });
    },
  };
}
