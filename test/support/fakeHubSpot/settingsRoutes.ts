// HubSpot's calling settings endpoints (protocol reference, section 8) for the
// loopback stand-in in ./server.ts: stateful per app id, HubSpot-shaped
// bodies, 400 VALIDATION_ERROR for missing or mistyped fields, 404 when
// absent, 204 on delete. Served under both the v3 and the 2026-03 paths.
import { hubspotError, type FakeRequest, type FakeResponse, type Route } from "./server";

type FieldType = "string" | "number" | "boolean";
type Schema = Record<string, FieldType>;
type Stored = Record<string, unknown> & { createdAt: string; updatedAt: string };

const CALLING_SCHEMA: Schema = {
  name: "string",
  url: "string",
  width: "number",
  height: "number",
  isReady: "boolean",
  supportsCustomObjects: "boolean",
  supportsInboundCalling: "boolean",
  usesCallingWindow: "boolean",
  usesRemote: "boolean",
};
const RECORDING_SCHEMA: Schema = { urlToRetrieveAuthedRecording: "string" };
const CHANNEL_SCHEMA: Schema = { url: "string", isReady: "boolean" };

const PREFIXES = ["/crm/v3/extensions/calling", "/crm/extensions/calling/2026-03"] as const;

/** A CRM record the fake matches to an inbound caller's number. */
export interface FakeCallerRecord {
  callerIdType: string;
  objectCoordinates: { objectId: number; objectTypeId: string; portalId: number };
  firstName?: string;
}

/** Everything the fake settings endpoints hold, for assertions and seeding. */
export interface FakeSettingsStore {
  calling: Map<string, Stored>;
  recording: Map<string, Stored>;
  channelConnection: Map<string, Stored>;
  /** Engagement ids posted to recordings/ready, in order. */
  readyRecordings: number[];
  /** Inbound call bodies accepted, in order. */
  inboundCalls: Record<string, unknown>[];
  /** Caller-id matches by E.164 number, returned by inbound-call. */
  callers: Map<string, FakeCallerRecord[]>;
}

type Issue = { message: string; in: string; code: string };

function validationError(issues: Issue[]): FakeResponse {
  return hubspotError(
    400,
    `Invalid input JSON: ${issues.map((issue) => issue.message).join(", ")}`,
    "VALIDATION_ERROR",
    { errors: issues },
  );
}

/** Checks a body the way HubSpot does: JSON object, known fields, types, required ones. */
function check(request: FakeRequest, schema: Schema, requireAll: boolean): Issue[] {
  const body = request.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return [{ message: "body must be a JSON object", in: "body", code: "INVALID_JSON" }];
  }
  const issues: Issue[] = [];
  const record = body as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    const type = schema[key];
    if (!type)
      issues.push({ message: `Unrecognized field "${key}"`, in: key, code: "UNRECOGNIZED" });
    else if (typeof value !== type || (type === "number" && !Number.isInteger(value))) {
      issues.push({
        message: `${key} must be a ${type === "number" ? "integer" : type}`,
        in: key,
        code: "INVALID_TYPE",
      });
    }
  }
  if (requireAll) {
    for (const key of Object.keys(schema)) {
      if (record[key] === undefined)
        issues.push({ message: `${key} is required`, in: key, code: "REQUIRED" });
    }
  }
  return issues;
}

function badAppId(appId: string): FakeResponse | undefined {
  return /^\d+$/.test(appId)
    ? undefined
    : hubspotError(400, `Invalid appId "${appId}"`, "VALIDATION_ERROR");
}

/** A route under `<prefix>/:appId`. */
interface AppRoute {
  method: string;
  suffix: string;
  handle: Route["handle"];
}

/** GET, POST, PATCH and (optionally) DELETE over one per-app resource. */
function resource(
  suffix: string,
  label: string,
  schema: Schema,
  store: Map<string, Stored>,
  withDelete: boolean,
): AppRoute[] {
  const notFound = (appId: string) =>
    hubspotError(404, `${label} for app ${appId} not found`, "OBJECT_NOT_FOUND");
  const routes: Omit<AppRoute, "suffix">[] = [
    {
      method: "GET",
      handle: (_request, { appId = "" }) => {
        const bad = badAppId(appId);
        if (bad) return bad;
        const stored = store.get(appId);
        return stored ? { status: 200, body: stored } : notFound(appId);
      },
    },
    {
      method: "POST",
      handle: (request, { appId = "" }) => {
        const bad = badAppId(appId);
        if (bad) return bad;
        const issues = check(request, schema, true);
        if (issues.length > 0) return validationError(issues);
        if (store.has(appId)) {
          return hubspotError(409, `${label} for app ${appId} already exist`, "CONFLICT");
        }
        const now = new Date().toISOString();
        const stored: Stored = { ...(request.body as object), createdAt: now, updatedAt: now };
        store.set(appId, stored);
        return { status: 200, body: stored };
      },
    },
    {
      method: "PATCH",
      handle: (request, { appId = "" }) => {
        const bad = badAppId(appId);
        if (bad) return bad;
        const issues = check(request, schema, false);
        if (issues.length > 0) return validationError(issues);
        const stored = store.get(appId);
        if (!stored) return notFound(appId);
        const updated: Stored = {
          ...stored,
          ...(request.body as object),
          updatedAt: new Date().toISOString(),
        };
        store.set(appId, updated);
        return { status: 200, body: updated };
      },
    },
  ];
  if (withDelete) {
    routes.push({
      method: "DELETE",
      handle: (_request, { appId = "" }) => {
        const bad = badAppId(appId);
        if (bad) return bad;
        return store.delete(appId) ? { status: 204 } : notFound(appId);
      },
    });
  }
  return routes.map((route) => ({ ...route, suffix }));
}

const INBOUND_REQUIRED: Record<string, (value: unknown) => boolean> = {
  externalCallId: (v) => typeof v === "string" && v !== "",
  createEngagement: (v) => typeof v === "boolean",
  engagementProperties: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  finalCallStatus: (v) => typeof v === "string",
  fromNumber: (v) =>
    typeof v === "object" &&
    v !== null &&
    typeof (v as { e164Number?: unknown }).e164Number === "string",
  toNumber: (v) =>
    typeof v === "object" &&
    v !== null &&
    typeof (v as { e164Number?: unknown }).e164Number === "string",
  potentialRecipientUserIds: (v) => Array.isArray(v) && v.every((id) => Number.isInteger(id)),
};

/**
 * The settings endpoints as fake routes, plus the store they share. Pass
 * `routes` to `startFakeHubSpot`.
 */
export function createSettingsRoutes(): { routes: Route[]; store: FakeSettingsStore } {
  const store: FakeSettingsStore = {
    calling: new Map(),
    recording: new Map(),
    channelConnection: new Map(),
    readyRecordings: [],
    inboundCalls: [],
    callers: new Map(),
  };
  const perApp = [
    ...resource("/settings", "Calling settings", CALLING_SCHEMA, store.calling, true),
    ...resource(
      "/settings/recording",
      "Recording settings",
      RECORDING_SCHEMA,
      store.recording,
      false,
    ),
    ...resource(
      "/settings/channel-connection",
      "Channel-connection settings",
      CHANNEL_SCHEMA,
      store.channelConnection,
      true,
    ),
  ];

  const routes: Route[] = [];
  for (const prefix of PREFIXES) {
    for (const route of perApp) {
      routes.push({
        method: route.method,
        path: `${prefix}/:appId${route.suffix}`,
        handle: route.handle,
      });
    }
    routes.push({
      method: "POST",
      path: `${prefix}/recordings/ready`,
      handle: (request) => {
        const id = (request.body as { engagementId?: unknown } | undefined)?.engagementId;
        if (typeof id !== "number" || !Number.isInteger(id)) {
          return validationError([
            { message: "engagementId is required", in: "engagementId", code: "REQUIRED" },
          ]);
        }
        store.readyRecordings.push(id);
        return { status: 204 };
      },
    });
    routes.push({
      method: "POST",
      path: `${prefix}/inbound-call`,
      handle: (request) => {
        const body = (request.body ?? {}) as Record<string, unknown>;
        const issues = Object.entries(INBOUND_REQUIRED)
          .filter(([key, ok]) => !ok(body[key]))
          .map(([key]) => ({ message: `${key} is required or invalid`, in: key, code: "INVALID" }));
        if (issues.length > 0) return validationError(issues);
        store.inboundCalls.push(body);
        const from = (body.fromNumber as { e164Number: string }).e164Number;
        return { status: 200, body: { callerIdMatches: store.callers.get(from) ?? [] } };
      },
    });
  }
  return { routes, store };
}
