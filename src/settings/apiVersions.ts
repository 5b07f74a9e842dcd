/**
 * HubSpot's versions of the calling extension endpoints, each with the path
 * prefix its URLs start with: `v3` (`/crm/v3/extensions/calling/...`) and the
 * date-versioned `2026-03` (`/crm/extensions/calling/2026-03/...`).
 *
 * @example
 * ```ts
 * Object.keys(SETTINGS_API_VERSIONS); // ["v3", "2026-03"]
 * ```
 */
export const SETTINGS_API_VERSIONS = {
  /** The `v3` paths, the default. */
  v3: "/crm/v3/extensions/calling",
  /** The date-versioned paths of March 2026. */
  "2026-03": "/crm/extensions/calling/2026-03",
} as const;

/**
 * A key of {@link SETTINGS_API_VERSIONS}; `createSettingsClient` defaults to `"v3"`.
 *
 * @example
 * ```ts
 * const client = createSettingsClient({ apiKey, apiVersion: "2026-03" });
 * ```
 */
export type SettingsApiVersion = keyof typeof SETTINGS_API_VERSIONS;

/** @internal Paths of every endpoint, for one version. */
export interface SettingsPaths {
  calling(appId: string): string;
  recording(appId: string): string;
  channelConnection(appId: string): string;
  recordingReady(): string;
  inboundCall(): string;
}

/** @internal */
export function settingsPaths(version: SettingsApiVersion): SettingsPaths {
  const prefix = SETTINGS_API_VERSIONS[version];
  const app = (appId: string) => `${prefix}/${encodeURIComponent(appId)}/settings`;
  return {
    calling: app,
    recording: (appId) => `${app(appId)}/recording`,
    channelConnection: (appId) => `${app(appId)}/channel-connection`,
    recordingReady: () => `${prefix}/recordings/ready`,
    inboundCall: () => `${prefix}/inbound-call`,
  };
}

/** @internal True when `value` names a known API version. */
export function isSettingsApiVersion(value: unknown): value is SettingsApiVersion {
  return typeof value === "string" && Object.hasOwn(SETTINGS_API_VERSIONS, value);
}
