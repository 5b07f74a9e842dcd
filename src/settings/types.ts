// Shapes of the calling settings endpoints' bodies (protocol reference,
// section 8). Types only, so index.ts may re-export it with `export type *`.
import type { InboundCallStatus } from "./inboundCallStatuses";

/**
 * The nine fields HubSpot keeps for an app's calling extension: how the
 * widget appears and what it supports.
 *
 * @example
 * ```ts
 * const fields: CallingSettingsFields = {
 *   name: "Acme Phone", url: "https://phone.acme.example/hubspot",
 *   width: 400, height: 600, isReady: false, supportsCustomObjects: false,
 *   supportsInboundCalling: false, usesCallingWindow: false, usesRemote: false,
 * };
 * ```
 */
export interface CallingSettingsFields {
  /** The name users see as the calling provider. */
  name: string;
  /** The widget's address; HubSpot loads it in an iframe. */
  url: string;
  /** Iframe width in pixels. */
  width: number;
  /** Iframe height in pixels. */
  height: number;
  /** False keeps the app hidden from users while it is being tested. */
  isReady: boolean;
  /** The widget can be opened from custom object records. */
  supportsCustomObjects: boolean;
  /** The widget receives inbound calls. */
  supportsInboundCalling: boolean;
  /** The widget runs in HubSpot's separate calling window. */
  usesCallingWindow: boolean;
  /** The widget is opened from the calling remote in HubSpot's navigation bar. */
  usesRemote: boolean;
}

/**
 * Calling settings as HubSpot returns them.
 *
 * @example
 * ```ts
 * const settings: CallingSettings = await client.getSettings({ appId: 1234 });
 * console.log(settings.url, settings.updatedAt);
 * ```
 */
export interface CallingSettings extends CallingSettingsFields {
  /** When the settings were created (ISO 8601), when HubSpot says. */
  createdAt?: string;
  /** When the settings last changed (ISO 8601), when HubSpot says. */
  updatedAt?: string;
}

/**
 * What `createSettings` takes: `name` and `url` are required; every other
 * field has a default (width 400, height 600, every flag false).
 *
 * @example
 * ```ts
 * const input: CallingSettingsInput = { name: "Acme Phone", url: "https://phone.acme.example/" };
 * ```
 */
export interface CallingSettingsInput {
  /** The name users see as the calling provider; not empty. */
  name: string;
  /** The widget's address: `https:` (or `http:` on localhost). */
  url: string;
  /** Iframe width in pixels, a positive integer. Default 400. */
  width?: number;
  /** Iframe height in pixels, a positive integer. Default 600. */
  height?: number;
  /** Show the app to users. Default false (hidden while testing). */
  isReady?: boolean;
  /** Open from custom object records. Default false. */
  supportsCustomObjects?: boolean;
  /** Receive inbound calls. Default false. */
  supportsInboundCalling?: boolean;
  /** Run in HubSpot's separate calling window. Default false. */
  usesCallingWindow?: boolean;
  /** Open from the calling remote. Default false. */
  usesRemote?: boolean;
}

/**
 * What `updateSettings` takes: any non-empty subset of the nine fields; only
 * those are sent.
 *
 * @example
 * ```ts
 * const patch: CallingSettingsPatch = { isReady: true };
 * ```
 */
export type CallingSettingsPatch = Partial<CallingSettingsFields>;

/**
 * Recording settings: where HubSpot fetches a call's recording. HubSpot
 * replaces `%s` with the external call id and expects `{ authenticatedUrl }`
 * back.
 *
 * @example
 * ```ts
 * const recording: RecordingSettings = {
 *   urlToRetrieveAuthedRecording: "https://api.acme.example/recordings/%s",
 * };
 * ```
 */
export interface RecordingSettings {
  /** An `https:` URL template containing `%s`. */
  urlToRetrieveAuthedRecording: string;
}

/**
 * Channel-connection settings as HubSpot returns them.
 *
 * @example
 * ```ts
 * const channel: ChannelConnectionSettings = await client.getChannelConnection({ appId });
 * ```
 */
export interface ChannelConnectionSettings {
  /** The address HubSpot calls for the channel connection. */
  url: string;
  /** False keeps the connection hidden from users while testing. */
  isReady: boolean;
  /** When the settings were created (ISO 8601), when HubSpot says. */
  createdAt?: string;
  /** When the settings last changed (ISO 8601), when HubSpot says. */
  updatedAt?: string;
}

/**
 * What `createChannelConnection` takes; `isReady` defaults to false.
 *
 * @example
 * ```ts
 * const input: ChannelConnectionInput = { url: "https://api.acme.example/hubspot/channel" };
 * ```
 */
export interface ChannelConnectionInput {
  /** The address HubSpot calls: `https:` (or `http:` on localhost). */
  url: string;
  /** Show the connection to users. Default false. */
  isReady?: boolean;
}

/**
 * What `updateChannelConnection` takes: `url`, `isReady` or both.
 *
 * @example
 * ```ts
 * const patch: ChannelConnectionPatch = { isReady: true };
 * ```
 */
export type ChannelConnectionPatch = Partial<ChannelConnectionInput>;

/**
 * A phone number in an inbound call. A plain string is read as `e164Number`.
 *
 * @example
 * ```ts
 * const from: PhoneNumberDetails = { e164Number: "+14155550100", extension: "12" };
 * ```
 */
export interface PhoneNumberDetails {
  /** The number in E.164 form, e.g. `+14155550100`. */
  e164Number: string;
  /** An extension, digits only. */
  extension?: string;
  /** HubSpot's number type, e.g. `FIXED_LINE` or `MOBILE`. */
  phoneNumberType?: string;
}

/**
 * An inbound call reported to HubSpot with `submitInboundCall`.
 *
 * @example
 * ```ts
 * const call: InboundCall = {
 *   externalCallId: "call-42", createEngagement: true, engagementProperties: {},
 *   finalCallStatus: "COMPLETED", fromNumber: "+14155550100", toNumber: "+14155550199",
 *   potentialRecipientUserIds: [123],
 * };
 * ```
 */
export interface InboundCall {
  /** Your id for the call, unique per call. */
  externalCallId: string;
  /** Ask HubSpot to log a call engagement. */
  createEngagement: boolean;
  /** Call engagement properties to set (`hs_call_*`), all strings. */
  engagementProperties: Record<string, string>;
  /** How the call ended. */
  finalCallStatus: InboundCallStatus;
  /** Who called. */
  fromNumber: PhoneNumberDetails | string;
  /** The number that was called. */
  toNumber: PhoneNumberDetails | string;
  /** HubSpot user ids the call may be routed to. */
  potentialRecipientUserIds: readonly number[];
  /** When the call started; sent as ISO 8601. */
  callStartedTimestamp?: string | Date;
  /** How long the call lasted, in whole seconds. */
  durationSeconds?: number;
  /** The HubSpot user who answered. */
  userId?: number;
}

/**
 * Where a CRM record lives.
 *
 * @example
 * ```ts
 * const where: ObjectCoordinates = { objectId: 51, objectTypeId: "0-1", portalId: 62515 };
 * ```
 */
export interface ObjectCoordinates {
  /** The record id. */
  objectId: number;
  /** The object type id, e.g. `0-1` for contacts. */
  objectTypeId: string;
  /** The HubSpot account id. */
  portalId: number;
}

/**
 * A CRM record HubSpot matched to an inbound caller's number.
 *
 * @example
 * ```ts
 * for (const match of result.callerIdMatches) console.log(match.firstName, match.objectCoordinates.objectId);
 * ```
 */
export interface CallerIdMatch {
  /** The kind of record, e.g. `CONTACT` or `COMPANY`. */
  callerIdType: string;
  /** Where the record lives. */
  objectCoordinates: ObjectCoordinates;
  /** The record's email, when it has one. */
  email?: string;
  /** The record's first name, when it has one. */
  firstName?: string;
  /** The record's last name, when it has one. */
  lastName?: string;
}

/**
 * HubSpot's answer to `submitInboundCall`.
 *
 * @example
 * ```ts
 * const { callerIdMatches } = await client.submitInboundCall({ call });
 * ```
 */
export interface InboundCallResult {
  /** Records matching the caller; entries HubSpot sent in an unknown shape are left out. */
  callerIdMatches: CallerIdMatch[];
  /** The whole response body, unvalidated, for fields this version does not know. */
  raw: unknown;
}
