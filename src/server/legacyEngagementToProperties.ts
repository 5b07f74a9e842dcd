import { isHttpsUrl } from "../engagements/engagementProperties";
import { ValidationError, type ValidationIssue } from "../errors/validationError";
import type { EngagementProperties } from "../sdk/messages";

/**
 * The body of the legacy engagements API update
 * (`PATCH /engagements/v1/engagements/{id}`) for a call, as older calling
 * integrations send it.
 *
 * @example
 * ```ts
 * const legacy: LegacyEngagementUpdate = {
 *   engagement: { timestamp: 1_700_000_000_000 },
 *   metadata: { toNumber: "+16175550100", durationMilliseconds: 42_000, body: "Left a voicemail" },
 * };
 * ```
 */
export interface LegacyEngagementUpdate {
  /** Engagement-level fields. */
  engagement?: {
    /** When the call happened (ms since the epoch). */
    timestamp?: number;
    /** The HubSpot owner. */
    ownerId?: number;
    /** Must be `"CALL"` when present. */
    type?: "CALL";
  };
  /** Call details. */
  metadata?: {
    /** The number called. */
    toNumber?: string;
    /** The number called from. */
    fromNumber?: string;
    /** Talk time in milliseconds. */
    durationMilliseconds?: number;
    /** An HTTPS recording URL. */
    recordingUrl?: string;
    /** The notes. */
    body?: string;
    /** Call status, e.g. `COMPLETED`. */
    status?: string;
    /** Outcome GUID. */
    disposition?: string;
    /** Timeline title. */
    title?: string;
    /** The vendor's call id. */
    externalId?: string;
    /** The vendor's account id. */
    externalAccountId?: string;
  };
}

// Legacy field -> current call property, and the JSON type expected.
const ENGAGEMENT_FIELDS = {
  timestamp: ["hs_timestamp", "time"],
  ownerId: ["hubspot_owner_id", "id"],
} as const;
const METADATA_FIELDS = {
  toNumber: ["hs_call_to_number", "string"],
  fromNumber: ["hs_call_from_number", "string"],
  durationMilliseconds: ["hs_call_duration", "time"],
  recordingUrl: ["hs_call_recording_url", "url"],
  body: ["hs_call_body", "string"],
  status: ["hs_call_status", "string"],
  disposition: ["hs_call_disposition", "string"],
  title: ["hs_call_title", "string"],
  externalId: ["hs_call_external_id", "string"],
  externalAccountId: ["hs_call_external_account_id", "string"],
} as const;
type Kind = "time" | "id" | "string" | "url";

function convert(value: unknown, kind: Kind): string | undefined {
  switch (kind) {
    case "time":
    case "id":
      return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
    case "url":
      return typeof value === "string" && isHttpsUrl(value) ? value : undefined;
    case "string":
      return typeof value === "string" && value.length <= 65_536 ? value : undefined;
  }
}

const EXPECTED: Record<Kind, string> = {
  time: "must be a non-negative integer (milliseconds)",
  id: "must be a non-negative integer",
  string: "must be a string",
  url: "must be an https:// URL",
};

function mapSection(
  section: unknown,
  name: "engagement" | "metadata",
  fields: Record<string, readonly [string, Kind]>,
  properties: Record<string, string>,
  issues: ValidationIssue[],
): void {
  if (section === undefined) return;
  if (typeof section !== "object" || section === null || Array.isArray(section)) {
    issues.push({ path: name, message: "must be an object" });
    return;
  }
  for (const [key, value] of Object.entries(section)) {
    const path = `${name}.${key}`;
    if (name === "engagement" && key === "type") {
      if (value !== "CALL") issues.push({ path, message: 'must be "CALL"' });
      continue;
    }
    const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (!field) {
      issues.push({ path, message: "is not a legacy call field this library maps" });
      continue;
    }
    const converted = convert(value, field[1]);
    if (converted === undefined) issues.push({ path, message: EXPECTED[field[1]] });
    else properties[field[0]] = converted;
  }
}

/**
 * Maps the legacy engagement update body (`{ engagement: { timestamp },
 * metadata: { toNumber, durationMilliseconds, recordingUrl, body } }`, plus
 * `fromNumber`, `status`, `disposition`, `title`, `externalId`,
 * `externalAccountId`, `ownerId`) to current call properties (`hs_timestamp`,
 * `hs_call_to_number`, `hs_call_duration`, `hs_call_recording_url`,
 * `hs_call_body`, ...). The input is checked at run time; anything it cannot
 * map faithfully (unknown fields, `associations`, wrong types, a non-HTTPS
 * recording URL) throws `ValidationError` listing every problem, rather than
 * being dropped.
 *
 * @example
 * ```ts
 * await writer.update(engagementId, legacyEngagementToProperties({
 *   engagement: { timestamp: Date.now() },
 *   metadata: { toNumber: "+16175550100", durationMilliseconds: 42_000, body: "Left a voicemail" },
 * }));
 * ```
 */
export function legacyEngagementToProperties(body: LegacyEngagementUpdate): EngagementProperties {
  const issues: ValidationIssue[] = [];
  const properties: Record<string, string> = {};
  const input: unknown = body;
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new ValidationError("legacy engagement update", [{ path: "", message: "must be an object" }]);
  }
  for (const key of Object.keys(input)) {
    if (key !== "engagement" && key !== "metadata") {
      issues.push({
        path: key,
        message:
          key === "associations"
            ? "is not mapped: create associations with the CRM associations API"
            : "is not a legacy engagement field this library maps",
      });
    }
  }
  const record = input as Record<string, unknown>;
  mapSection(record.engagement, "engagement", ENGAGEMENT_FIELDS, properties, issues);
  mapSection(record.metadata, "metadata", METADATA_FIELDS, properties, issues);
  if (issues.length > 0) throw new ValidationError("legacy engagement update", issues);
  return properties as EngagementProperties;
}
