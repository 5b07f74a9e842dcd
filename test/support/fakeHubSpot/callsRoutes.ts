// HubSpot's CRM calls API, as far as the calls writer uses it: a stateful
// store of call objects with HubSpot's validation and error bodies.
import { hubspotError, type FakeRequest, type FakeResponse, type Route } from "./server";

export interface FakeCall {
  id: string;
  properties: Record<string, string>;
  associations: { toObjectId: string; associationTypeId: number }[];
  createdAt: string;
  updatedAt: string;
}

export interface CallsStore {
  calls: Map<string, FakeCall>;
  /** Engagement ids passed to recordings/ready, in order. */
  recordingsReady: number[];
  /** Successful creates and updates, in order (what the CRM actually changed). */
  writes: { kind: "create" | "update"; id: string; at: number }[];
  /** Adds a call as if HubSpot had created it (e.g. the placeholder engagement). */
  seed(properties?: Record<string, string>): FakeCall;
  /** Calls whose hs_call_external_id is `externalCallId`. */
  byExternalId(externalCallId: string): FakeCall[];
  /** Lets the search index catch up at once with every call created so far. */
  reindex(): void;
}

export interface CallsRoutesOptions {
  /**
   * Milliseconds before a call created through the API shows up in search
   * results, as HubSpot's search index lags behind writes (default 0).
   */
  searchLagMs?: number;
}

// Every property the writer may send; HubSpot refuses unknown names.
const KNOWN_PROPERTIES = new Set([
  "hs_timestamp",
  "hs_call_body",
  "hs_call_title",
  "hs_call_direction",
  "hs_call_duration",
  "hs_call_from_number",
  "hs_call_to_number",
  "hs_call_recording_url",
  "hs_call_status",
  "hs_call_disposition",
  "hubspot_owner_id",
  "hs_activity_type",
  "hs_attachment_ids",
  "hs_call_callee_object_id",
  "hs_call_callee_object_type",
  "hs_call_external_id",
  "hs_call_external_account_id",
  "hs_call_app_id",
  "hs_call_source",
]);
const STATUSES = new Set([
  "BUSY",
  "CALLING_CRM_USER",
  "CANCELED",
  "COMPLETED",
  "CONNECTING",
  "FAILED",
  "IN_PROGRESS",
  "NO_ANSWER",
  "QUEUED",
  "RINGING",
]);
const ASSOCIATION_TYPES = new Set([194, 182, 206, 220]);

type Problem = { message: string; code: string; name?: string };

function validationError(problems: Problem[]): FakeResponse {
  return hubspotError(
    400,
    `Property values were not valid: ${JSON.stringify(problems.map((p) => ({ isValid: false, message: p.message, error: p.code, name: p.name })))}`,
    "VALIDATION_ERROR",
    {
      errors: problems.map((p) => ({
        message: p.message,
        code: p.code,
        ...(p.name ? { context: { propertyName: [p.name] } } : {}),
      })),
    },
  );
}

function checkProperties(value: unknown, creating: boolean): Problem[] | Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [{ message: "Invalid input JSON: properties must be an object", code: "INVALID_INPUT" }];
  }
  const problems: Problem[] = [];
  const properties: Record<string, string> = {};
  for (const [name, raw] of Object.entries(value)) {
    if (!KNOWN_PROPERTIES.has(name)) {
      problems.push({ name, code: "PROPERTY_DOESNT_EXIST", message: `Property "${name}" does not exist` });
      continue;
    }
    if (typeof raw !== "string" && typeof raw !== "number" && typeof raw !== "boolean") {
      problems.push({ name, code: "INVALID_OPTION", message: `${JSON.stringify(raw)} is not a valid value for ${name}` });
      continue;
    }
    properties[name] = String(raw);
  }
  const check = (name: string, ok: (v: string) => boolean, message: string) => {
    const v = properties[name];
    if (v !== undefined && !ok(v)) problems.push({ name, code: "INVALID_OPTION", message });
  };
  check("hs_timestamp", (v) => /^\d+$/.test(v) || !Number.isNaN(Date.parse(v)), "hs_timestamp must be ms or an ISO date");
  check("hs_call_recording_url", (v) => /^https:\/\/\S+$/.test(v), "hs_call_recording_url must be an https URL");
  check("hs_call_direction", (v) => v === "INBOUND" || v === "OUTBOUND", "hs_call_direction must be INBOUND or OUTBOUND");
  check("hs_call_status", (v) => STATUSES.has(v), "hs_call_status is not a valid status");
  check("hs_call_duration", (v) => /^\d+$/.test(v), "hs_call_duration must be an integer");
  if (creating && properties.hs_timestamp === undefined) {
    problems.push({ name: "hs_timestamp", code: "REQUIRED_PROPERTY", message: "hs_timestamp is required" });
  }
  return problems.length > 0 ? problems : properties;
}

function checkAssociations(value: unknown): Problem[] | FakeCall["associations"] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [{ message: "associations must be an array", code: "INVALID_INPUT" }];
  const out: FakeCall["associations"] = [];
  for (const item of value) {
    const to = (item as { to?: { id?: unknown } })?.to?.id;
    const types = (item as { types?: unknown })?.types;
    if ((typeof to !== "string" && typeof to !== "number") || !/^\d+$/.test(String(to)) || !Array.isArray(types)) {
      return [{ message: "association must have to.id and types", code: "INVALID_INPUT" }];
    }
    for (const type of types as { associationCategory?: unknown; associationTypeId?: unknown }[]) {
      if (type?.associationCategory !== "HUBSPOT_DEFINED" || !ASSOCIATION_TYPES.has(type.associationTypeId as number)) {
        return [{ message: `invalid association type ${JSON.stringify(type)}`, code: "INVALID_ASSOCIATION_TYPE" }];
      }
      out.push({ toObjectId: String(to), associationTypeId: type.associationTypeId as number });
    }
  }
  return out;
}

const notFound = (id: string) => hubspotError(404, `resource not found: call ${id}`, "OBJECT_NOT_FOUND");

function view(call: FakeCall): FakeResponse["body"] {
  return {
    id: call.id,
    properties: { ...call.properties, hs_object_id: call.id },
    createdAt: call.createdAt,
    updatedAt: call.updatedAt,
    archived: false,
  };
}

export function callsRoutes(options: CallsRoutesOptions = {}): { routes: Route[]; store: CallsStore } {
  const calls = new Map<string, FakeCall>();
  // When each call created through the API becomes searchable (Date.now()).
  const searchableAt = new Map<string, number>();
  let nextId = 40_000_000_000;
  const store: CallsStore = {
    calls,
    recordingsReady: [],
    writes: [],
    seed(properties = {}) {
      const now = new Date().toISOString();
      const call: FakeCall = { id: String(nextId++), properties: { ...properties }, associations: [], createdAt: now, updatedAt: now };
      calls.set(call.id, call);
      return call;
    },
    byExternalId: (externalCallId) =>
      [...calls.values()].filter((call) => call.properties.hs_call_external_id === externalCallId),
    reindex: () => searchableAt.clear(),
  };

  const body = (request: FakeRequest) => request.body as Record<string, unknown> | undefined;

  const routes: Route[] = [
    {
      method: "POST",
      path: "/crm/v3/objects/calls",
      handle(request) {
        if (!body(request)) return validationError([{ message: "Invalid input JSON", code: "INVALID_INPUT" }]);
        const properties = checkProperties(body(request)?.properties, true);
        if (Array.isArray(properties)) return validationError(properties);
        const associations = checkAssociations(body(request)?.associations);
        if (associations.length > 0 && "code" in (associations[0] as object)) {
          return validationError(associations as Problem[]);
        }
        const call = store.seed(properties);
        call.associations = associations as FakeCall["associations"];
        if (options.searchLagMs) searchableAt.set(call.id, Date.now() + options.searchLagMs);
        store.writes.push({ kind: "create", id: call.id, at: request.at });
        return { status: 201, body: view(call) };
      },
    },
    {
      method: "PATCH",
      path: "/crm/v3/objects/calls/:id",
      handle(request, { id = "" }) {
        const call = calls.get(id);
        if (!call) return notFound(id);
        const properties = checkProperties(body(request)?.properties, false);
        if (Array.isArray(properties)) return validationError(properties);
        Object.assign(call.properties, properties);
        call.updatedAt = new Date().toISOString();
        store.writes.push({ kind: "update", id, at: request.at });
        return { status: 200, body: view(call) };
      },
    },
    {
      method: "GET",
      path: "/crm/v3/objects/calls/:id",
      handle(_request, { id = "" }) {
        const call = calls.get(id);
        return call ? { status: 200, body: view(call) } : notFound(id);
      },
    },
    {
      method: "POST",
      path: "/crm/v3/objects/calls/search",
      handle(request) {
        const groups = body(request)?.filterGroups;
        if (!Array.isArray(groups)) return validationError([{ message: "filterGroups is required", code: "INVALID_INPUT" }]);
        const now = Date.now();
        const indexed = [...calls.values()].filter((call) => (searchableAt.get(call.id) ?? 0) <= now);
        const matches = indexed.filter((call) =>
          groups.some((group: { filters?: { propertyName?: string; operator?: string; value?: string }[] }) =>
            (group.filters ?? []).every(
              (filter) => filter.operator === "EQ" && call.properties[filter.propertyName ?? ""] === String(filter.value),
            ),
          ),
        );
        const limit = Number(body(request)?.limit ?? 10);
        return { status: 200, body: { total: matches.length, results: matches.slice(0, limit).map(view) } };
      },
    },
    {
      method: "POST",
      path: "/crm/v3/extensions/calling/recordings/ready",
      handle(request) {
        const id = body(request)?.engagementId;
        if (typeof id !== "number" || !Number.isSafeInteger(id)) {
          return validationError([{ message: "engagementId must be an integer", code: "INVALID_INPUT" }]);
        }
        if (!calls.has(String(id))) return notFound(String(id));
        store.recordingsReady.push(id);
        return { status: 204 };
      },
    },
  ];
  return { routes, store };
}
