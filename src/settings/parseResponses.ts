// HubSpot's answers are outside input: each parser checks the fields this
// library relies on, accepts extra ones, and lists what is wrong instead of
// trusting a cast.
import { isRecord } from "./checks";
import type {
  CallerIdMatch,
  CallingSettings,
  ChannelConnectionSettings,
  InboundCallResult,
  RecordingSettings,
} from "./types";

/** @internal Reads a response body into `T`, pushing every problem into `problems`. */
export type ResponseParser<T> = (body: unknown, problems: string[]) => T;

const FLAGS = [
  "isReady",
  "supportsCustomObjects",
  "supportsInboundCalling",
  "usesCallingWindow",
  "usesRemote",
] as const;

function field<T>(
  record: Record<string, unknown>,
  key: string,
  type: "string" | "number" | "boolean",
  problems: string[],
): T | undefined {
  const value = record[key];
  if (typeof value === type) return value as T;
  problems.push(`${key} ${value === undefined ? "is missing" : `is not a ${type}`}`);
  return undefined;
}

function timestamps(record: Record<string, unknown>): { createdAt?: string; updatedAt?: string } {
  const result: { createdAt?: string; updatedAt?: string } = {};
  if (typeof record.createdAt === "string") result.createdAt = record.createdAt;
  if (typeof record.updatedAt === "string") result.updatedAt = record.updatedAt;
  return result;
}

function object(body: unknown, problems: string[]): Record<string, unknown> {
  if (isRecord(body)) return body;
  problems.push("the body is not a JSON object");
  return {};
}

/**
 * @internal Calling settings. A flag HubSpot leaves out reads as false (its
 * default); name, url, width and height must be there.
 */
export const parseCallingSettings: ResponseParser<CallingSettings> = (body, problems) => {
  const record = object(body, problems);
  const settings = {
    name: field<string>(record, "name", "string", problems) ?? "",
    url: field<string>(record, "url", "string", problems) ?? "",
    width: field<number>(record, "width", "number", problems) ?? 0,
    height: field<number>(record, "height", "number", problems) ?? 0,
  } as CallingSettings;
  for (const flag of FLAGS) {
    const value = record[flag];
    if (value !== undefined && typeof value !== "boolean")
      problems.push(`${flag} is not a boolean`);
    settings[flag] = value === true;
  }
  return { ...settings, ...timestamps(record) };
};

/** @internal */
export const parseRecordingSettings: ResponseParser<RecordingSettings> = (body, problems) => {
  const record = object(body, problems);
  return {
    urlToRetrieveAuthedRecording:
      field<string>(record, "urlToRetrieveAuthedRecording", "string", problems) ?? "",
  };
};

/** @internal */
export const parseChannelConnection: ResponseParser<ChannelConnectionSettings> = (
  body,
  problems,
) => {
  const record = object(body, problems);
  return {
    url: field<string>(record, "url", "string", problems) ?? "",
    isReady: field<boolean>(record, "isReady", "boolean", problems) ?? false,
    ...timestamps(record),
  };
};

function callerIdMatch(value: unknown): CallerIdMatch | undefined {
  if (!isRecord(value) || typeof value.callerIdType !== "string") return undefined;
  const where = value.objectCoordinates;
  if (
    !isRecord(where) ||
    typeof where.objectId !== "number" ||
    typeof where.objectTypeId !== "string" ||
    typeof where.portalId !== "number"
  ) {
    return undefined;
  }
  const match: CallerIdMatch = {
    callerIdType: value.callerIdType,
    objectCoordinates: {
      objectId: where.objectId,
      objectTypeId: where.objectTypeId,
      portalId: where.portalId,
    },
  };
  for (const key of ["email", "firstName", "lastName"] as const) {
    const text = value[key];
    if (typeof text === "string") match[key] = text;
  }
  return match;
}

/**
 * @internal The call is logged once HubSpot answers, so a reply in an
 * unknown shape is kept (`raw`) rather than reported as a failure.
 */
export const parseInboundCallResult: ResponseParser<InboundCallResult> = (body) => {
  const matches = isRecord(body) && Array.isArray(body.callerIdMatches) ? body.callerIdMatches : [];
  return {
    callerIdMatches: matches.map(callerIdMatch).filter((m): m is CallerIdMatch => m !== undefined),
    raw: body,
  };
};
