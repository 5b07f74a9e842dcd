import type { CallingErrorJSON } from "../errors/callingError";
import type { CallingSnapshot } from "../machine/snapshot";
import type { HubSpotId, InboundMessage } from "../sdk/messages";
import { parseInboundMessage } from "../sdk/parseInboundMessage";
import { isObject, isString } from "../sdk/validate";
import { type WireEvent, parseWireEvent } from "./eventRelay";
import { parseSnapshot } from "./snapshotShape";

/** The protocol every message between surfaces names; another version's messages are dropped. @internal */
export const SURFACE_PROTOCOL = "hubspot-calling-kit/surfaces/1";

/** The call methods a mirror can run on the owner's call. @internal */
export const CALL_METHODS = [
  "hangUp",
  "answer",
  "reject",
  "mute",
  "hold",
  "sendDigits",
  "transfer",
  "discard",
  "complete",
  "finalize",
] as const;
/** One of {@link CALL_METHODS}. @internal */
export type CallMethod = (typeof CALL_METHODS)[number];

/** The client commands a mirror forwards to the owner. @internal */
export const CLIENT_COMMANDS = ["logIn", "logOut", "setAvailable", "dial", "listCallerNumbers", "sendCallData", "call"] as const;
/** One of {@link CLIENT_COMMANDS}. @internal */
export type ClientCommand = (typeof CLIENT_COMMANDS)[number];

/** What one surface says to the others. @internal */
export type SurfaceBody =
  /** A surface started (or lost its owner): the owner answers with its state. */
  | { kind: "hello" }
  /**
   * The owner's snapshot after every change (`owner: true`), or the snapshot
   * a mirror left after reporting a lost call (`owner: false`); `seq` grows
   * across owners.
   */
  | { kind: "state"; seq: number; snapshot: CallingSnapshot; owner: boolean }
  /** The owner is still there (when no Web Locks: a heartbeat). */
  | { kind: "alive" }
  /** The owner gives up (when no Web Locks). */
  | { kind: "bye" }
  /** A surface asks to hold calls (`owner`) or to report a lost call (`report`); the lowest rank wins (when no Web Locks). */
  | { kind: "claim"; purpose: "owner" | "report"; rank: number }
  /** A surface's answer to a claim: the last state it knows. */
  | { kind: "last"; to: string; seq: number; snapshot: CallingSnapshot | null }
  /** One of the owner's events, after the state it belongs to. */
  | { kind: "event"; event: WireEvent }
  /** A command for the owner; `args` are checked by the owner's own API. */
  | { kind: "command"; id: string; command: ClientCommand; callId?: string; method?: CallMethod; args: unknown[]; timeout?: number }
  /** The owner's answer to a command. */
  | { kind: "result"; id: string; to: string; ok: true; value: unknown }
  | { kind: "result"; id: string; to: string; ok: false; error: CallingErrorJSON }
  /** A message HubSpot sent to a mirror, for the owner. */
  | { kind: "host"; id: string; message: InboundMessage };

/** A message between surfaces as it crosses the channel. @internal */
export interface SurfaceEnvelope {
  protocol: typeof SURFACE_PROTOCOL;
  portalId: HubSpotId | null;
  userId: HubSpotId | null;
  /** The sending surface's id (random, one per instance). */
  from: string;
  body: SurfaceBody;
}

/** Why a message from the channel was dropped. @internal */
export type Dropped = { reason: "otherAccount" | "malformed"; issues: string[] };

const MAX_ARGS = 2;
const isId = (value: unknown): value is string => isString(value, 128) && value !== "";
/** An argument is data: a primitive or a plain object (the owner's own API checks it further). */
const isPlain = (value: unknown): boolean =>
  value === undefined || value === null || ["string", "number", "boolean"].includes(typeof value) || isObject(value);

function parseBody(body: Record<string, unknown>, issues: string[]): SurfaceBody | undefined {
  switch (body.kind) {
    case "hello":
    case "alive":
    case "bye":
      return { kind: body.kind };
    case "state":
    case "last": {
      const seq = body.seq;
      if (typeof seq !== "number" || !Number.isSafeInteger(seq) || seq < -1) return void issues.push("seq: expected a count");
      if (body.kind === "last" && body.snapshot === null) {
        return isId(body.to) ? { kind: "last", to: body.to, seq, snapshot: null } : void issues.push("to: expected a surface id");
      }
      const parsed = parseSnapshot(body.snapshot);
      if (!parsed.ok) return void issues.push(...parsed.issues);
      if (body.kind === "state") return { kind: "state", seq, snapshot: parsed.snapshot, owner: body.owner === true };
      return isId(body.to) ? { kind: "last", to: body.to, seq, snapshot: parsed.snapshot } : void issues.push("to: expected a surface id");
    }
    case "claim": {
      const { purpose, rank } = body;
      if ((purpose !== "owner" && purpose !== "report") || typeof rank !== "number" || !Number.isFinite(rank)) {
        return void issues.push("claim: expected a purpose (owner, report) and a rank");
      }
      return { kind: "claim", purpose, rank };
    }
    case "event": {
      const event = parseWireEvent(body.event, issues);
      return event && { kind: "event", event };
    }
    case "command": {
      const { id, command, callId, method, args, timeout } = body;
      if (!isId(id)) issues.push("id: expected a request id");
      if (!(CLIENT_COMMANDS as readonly unknown[]).includes(command)) issues.push("command: unknown");
      if (command === "call" && (!isId(callId) || !(CALL_METHODS as readonly unknown[]).includes(method))) {
        issues.push("call: expected a callId and a known method");
      }
      if (!Array.isArray(args) || args.length > MAX_ARGS || !args.every(isPlain)) {
        issues.push(`args: expected at most ${MAX_ARGS} plain values`);
      }
      if (timeout !== undefined && (typeof timeout !== "number" || !(timeout >= 0))) issues.push("timeout: expected a number of ms");
      if (issues.length > 0) return undefined;
      return {
        kind: "command",
        id: id as string,
        command: command as ClientCommand,
        ...(command === "call" ? { callId: callId as string, method: method as CallMethod } : {}),
        args: args as unknown[],
        ...(timeout === undefined ? {} : { timeout: timeout as number }),
      };
    }
    case "result": {
      const { id, to, ok } = body;
      if (!isId(id) || !isId(to) || typeof ok !== "boolean") return void issues.push("result: expected id, to and ok");
      if (ok) return { kind: "result", id, to, ok, value: body.value };
      const error = body.error as Record<string, unknown> | undefined;
      if (!isObject(error) || !isString(error.code) || !isString(error.message, 65_536) || !isString(error.name)) {
        return void issues.push("result.error: expected { name, code, message }");
      }
      return { kind: "result", id, to, ok, error: { name: error.name, code: error.code, message: error.message } as CallingErrorJSON };
    }
    case "host": {
      const message = body.message as Record<string, unknown> | undefined;
      if (!isId(body.id) || !isObject(message) || message.type === "SYNC") return void issues.push("host: expected an id and a message");
      const parsed = parseInboundMessage({ data: message.data, type: message.type, messageId: body.id });
      if (!parsed.ok) return void issues.push(...parsed.issues);
      return { kind: "host", id: body.id, message: parsed.message };
    }
    default:
      return void issues.push(`kind: unknown ${JSON.stringify(String(body.kind)).slice(0, 40)}`);
  }
}

/**
 * Checks a message from the channel: this protocol, this portal and user
 * (a message of another HubSpot account is never acted on), a known kind
 * with well-formed fields. Never throws, whatever arrives. Returns the
 * message, `null` for a message of another protocol (another library on the
 * same channel: ignored silently), or why it was dropped. @internal
 */
export function parseSurfaceMessage(
  raw: unknown,
  account: { portalId: HubSpotId | null; userId: HubSpotId | null },
): SurfaceEnvelope | Dropped | null {
  try {
    if (!isObject(raw) || raw.protocol !== SURFACE_PROTOCOL) {
      // Another version of this library says so in its protocol string: worth reporting.
      const other = isObject(raw) && isString(raw.protocol) && raw.protocol.startsWith("hubspot-calling-kit/surfaces/");
      return other ? { reason: "malformed", issues: [`protocol: ${String(raw.protocol).slice(0, 60)} (another version of the widget)`] } : null;
    }
    if (raw.portalId !== account.portalId || raw.userId !== account.userId) {
      return { reason: "otherAccount", issues: [`portal ${String(raw.portalId)}, user ${String(raw.userId)}`] };
    }
    const issues: string[] = [];
    if (!isId(raw.from)) issues.push("from: expected a surface id");
    const body = isObject(raw.body) ? parseBody(raw.body, issues) : void issues.push("body: expected an object");
    if (!body || issues.length > 0) return { reason: "malformed", issues };
    return { protocol: SURFACE_PROTOCOL, portalId: account.portalId, userId: account.userId, from: raw.from as string, body };
  } catch (error) {
    return { reason: "malformed", issues: [`message: unreadable (${String(error).slice(0, 120)})`] };
  }
}
