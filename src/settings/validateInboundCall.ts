import { ValidationError, type ValidationIssue } from "../errors/validationError";
import { isRecord } from "./checks";
import { INBOUND_CALL_STATUSES, type InboundCallStatus } from "./inboundCallStatuses";
import type { InboundCall, PhoneNumberDetails } from "./types";

/**
 * The body `submitInboundCall` sends: an {@link InboundCall} with phone
 * numbers as objects and the start time as ISO 8601.
 *
 * @example
 * ```ts
 * const body: InboundCallBody = validateInboundCall(call);
 * ```
 */
export interface InboundCallBody {
  /** Your id for the call. */
  externalCallId: string;
  /** Ask HubSpot to log a call engagement. */
  createEngagement: boolean;
  /** Call engagement properties to set. */
  engagementProperties: Record<string, string>;
  /** How the call ended. */
  finalCallStatus: InboundCallStatus;
  /** Who called. */
  fromNumber: PhoneNumberDetails;
  /** The number that was called. */
  toNumber: PhoneNumberDetails;
  /** HubSpot user ids the call may be routed to. */
  potentialRecipientUserIds: number[];
  /** When the call started, ISO 8601. */
  callStartedTimestamp?: string;
  /** How long the call lasted, in whole seconds. */
  durationSeconds?: number;
  /** The HubSpot user who answered. */
  userId?: number;
}

const INBOUND_CALL_FIELDS = [
  "externalCallId",
  "createEngagement",
  "engagementProperties",
  "finalCallStatus",
  "fromNumber",
  "toNumber",
  "potentialRecipientUserIds",
  "callStartedTimestamp",
  "durationSeconds",
  "userId",
] as const satisfies readonly (keyof InboundCall)[];

const E164 = /^\+[1-9]\d{1,14}$/;

function phoneNumber(
  value: unknown,
  path: string,
  issues: ValidationIssue[],
): PhoneNumberDetails | undefined {
  const details = typeof value === "string" ? { e164Number: value } : value;
  if (
    !isRecord(details) ||
    typeof details.e164Number !== "string" ||
    !E164.test(details.e164Number)
  ) {
    issues.push({ path, message: "must be an E.164 number like +14155550100 (or { e164Number })" });
    return undefined;
  }
  const result: PhoneNumberDetails = { e164Number: details.e164Number };
  if (details.extension !== undefined) {
    if (typeof details.extension === "string" && /^\d{1,10}$/.test(details.extension)) {
      result.extension = details.extension;
    } else issues.push({ path: `${path}.extension`, message: "must be 1 to 10 digits" });
  }
  if (details.phoneNumberType !== undefined) {
    if (typeof details.phoneNumberType === "string" && details.phoneNumberType !== "") {
      result.phoneNumberType = details.phoneNumberType;
    } else issues.push({ path: `${path}.phoneNumberType`, message: "must be a non-empty string" });
  }
  return result;
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}

function startTime(value: unknown, issues: ValidationIssue[]): string | undefined {
  const time =
    value instanceof Date
      ? value.getTime()
      : typeof value === "string"
      ? Date.parse(value)
      : Number.NaN;
  if (Number.isNaN(time)) {
    issues.push({
      path: "callStartedTimestamp",
      message: "must be a Date or an ISO 8601 date string",
    });
    return undefined;
  }
  return new Date(time).toISOString();
}

/**
 * Checks an inbound call before it is sent and returns the wire body. Throws
 * a `ValidationError` listing every problem.
 *
 * @example
 * ```ts
 * validateInboundCall({ ...call, fromNumber: "+14155550100" }).fromNumber; // { e164Number: "+14155550100" }
 * ```
 */
export function validateInboundCall(input: unknown): InboundCallBody {
  if (!isRecord(input)) {
    throw new ValidationError("inbound call", [{ path: "(input)", message: "must be an object" }]);
  }
  const issues: ValidationIssue[] = [];
  const fail = (path: string, message: string) => issues.push({ path, message });
  const call = input as Partial<Record<keyof InboundCall, unknown>>;
  for (const key of Object.keys(input)) {
    if (!(INBOUND_CALL_FIELDS as readonly string[]).includes(key))
      fail(key, "is not a known field");
  }

  if (typeof call.externalCallId !== "string" || call.externalCallId.trim() === "") {
    fail("externalCallId", "must be a non-empty string");
  }
  if (typeof call.createEngagement !== "boolean") fail("createEngagement", "must be true or false");
  const properties = call.engagementProperties;
  if (!isRecord(properties) || !Object.values(properties).every((v) => typeof v === "string")) {
    fail("engagementProperties", "must be an object of string values");
  }
  if (!(INBOUND_CALL_STATUSES as readonly unknown[]).includes(call.finalCallStatus)) {
    fail("finalCallStatus", `must be one of ${INBOUND_CALL_STATUSES.join(", ")}`);
  }
  const fromNumber = phoneNumber(call.fromNumber, "fromNumber", issues);
  const toNumber = phoneNumber(call.toNumber, "toNumber", issues);
  const recipients = call.potentialRecipientUserIds;
  if (!Array.isArray(recipients) || !recipients.every(isPositiveInteger)) {
    fail("potentialRecipientUserIds", "must be an array of HubSpot user ids");
  }
  const started =
    call.callStartedTimestamp === undefined
      ? undefined
      : startTime(call.callStartedTimestamp, issues);
  const duration = call.durationSeconds;
  if (
    duration !== undefined &&
    !(typeof duration === "number" && Number.isSafeInteger(duration) && duration >= 0)
  ) {
    fail("durationSeconds", "must be a whole number of seconds, 0 or more");
  }
  if (call.userId !== undefined && !isPositiveInteger(call.userId))
    fail("userId", "must be a HubSpot user id");
  if (issues.length > 0 || !fromNumber || !toNumber)
    throw new ValidationError("inbound call", issues);

  const body: InboundCallBody = {
    externalCallId: call.externalCallId as string,
    createEngagement: call.createEngagement as boolean,
    engagementProperties: { ...(properties as Record<string, string>) },
    finalCallStatus: call.finalCallStatus as InboundCallStatus,
    fromNumber,
    toNumber,
    potentialRecipientUserIds: [...(recipients as number[])],
  };
  if (started !== undefined) body.callStartedTimestamp = started;
  if (duration !== undefined) body.durationSeconds = duration as number;
  if (call.userId !== undefined) body.userId = call.userId as number;
  return body;
}
