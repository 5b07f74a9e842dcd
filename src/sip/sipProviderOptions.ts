import type { Logger } from "../logging/logger";
import { ValidationError, type ValidationIssue } from "../errors/validationError";

/**
 * Digest credentials for the SIP server (RFC 8760/2617).
 *
 * @example
 * ```ts
 * const credentials: SipCredentials = { username: "alice", password: await fetchSipPassword() };
 * ```
 */
export interface SipCredentials {
  /** The authorization user name (often the SIP user). */
  username: string;
  /** The password. Fetch it from your backend at run time; never ship it in the bundle. */
  password: string;
}

/**
 * Why the credentials callback is asked: the first `start()`, a reconnect
 * after the WebSocket dropped, or a REGISTER the server refused (the
 * password may have been rotated).
 *
 * @example
 * ```ts
 * const credentials = async ({ reason }: SipCredentialsContext) => fetchSipCredentials({ fresh: reason !== "start" });
 * ```
 */
export interface SipCredentialsContext {
  /** What asks for them. */
  reason: "start" | "reconnect" | "refresh";
}

/**
 * Where the remote audio goes: an `<audio>` element (the provider sets its
 * `srcObject`, its output device and plays it), or a function that gets the
 * remote stream and may return a function that detaches it when the call
 * ends.
 *
 * @example
 * ```ts
 * const audio: SipAudioOutput = (stream) => {
 *   player.srcObject = stream;
 *   return () => (player.srcObject = null);
 * };
 * ```
 */
export type SipAudioOutput = HTMLAudioElement | ((stream: MediaStream) => void | (() => void));

/**
 * Rewrites a local or remote session description before it is used (sip.js
 * "modifiers"), e.g. to keep media on one network.
 *
 * @example
 * ```ts
 * const onlyLoopback: SdpModifier = async (description) => ({
 *   type: description.type,
 *   sdp: description.sdp?.split("\r\n").filter((line) => !line.startsWith("a=candidate") || line.includes(" 127.0.0.1 ")).join("\r\n"),
 * });
 * ```
 */
export type SdpModifier = (description: RTCSessionDescriptionInit) => Promise<RTCSessionDescriptionInit>;

/**
 * Reconnection after the WebSocket dropped: up to `attempts` tries, waiting
 * `delayMs` before the first and doubling up to `maxDelayMs`.
 *
 * @example
 * ```ts
 * createSipProvider({ ...options, reconnect: { attempts: 20, delayMs: 500, maxDelayMs: 15_000 } });
 * ```
 */
export interface SipReconnectOptions {
  /** Tries before the provider gives up and reports `failed` (default 10). */
  attempts?: number;
  /** The first wait (default 1 000 ms). */
  delayMs?: number;
  /** The longest wait (default 30 000 ms). */
  maxDelayMs?: number;
}

/**
 * Options of {@link createSipProvider}.
 *
 * @example
 * ```ts
 * createSipProvider({
 *   server: "wss://sip.example.com/ws",
 *   uri: "sip:alice@example.com",
 *   credentials: () => fetch("/api/sip-credentials").then((response) => response.json()),
 *   audio: document.querySelector("audio")!,
 * });
 * ```
 */
export interface SipProviderOptions {
  /** The SIP server's WebSocket URL (`wss://`, or `ws://` for a server on this machine). */
  server: string;
  /** Your address of record, e.g. `sip:alice@example.com`. */
  uri: string;
  /** Digest credentials, or a function asked for them at each start, reconnect and refused REGISTER. Omit for a server without authentication. */
  credentials?: SipCredentials | ((context: SipCredentialsContext) => SipCredentials | Promise<SipCredentials>);
  /** The display name in your From header. */
  displayName?: string;
  /** ICE servers (STUN/TURN) for the media. Default none: never a public STUN server unless you add one. */
  iceServers?: RTCIceServer[];
  /** Where the remote audio plays (default: a new `<audio>` element per call, outside the page's DOM). */
  audio?: SipAudioOutput;
  /** The microphone to use (`MediaDeviceInfo.deviceId`; default the system's). */
  inputDeviceId?: string;
  /** The speaker for the remote audio (`setSinkId`, where the browser has it; default the system's). */
  outputDeviceId?: string;
  /** Outbound calls not answered within this time are canceled and end with reason `noAnswer` (default: the server decides). */
  ringTimeoutMs?: number;
  /**
   * The SIP URI to INVITE for a number (default `sip:<number>@<your domain>`,
   * the number stripped of spaces, dots, dashes and parentheses). Only
   * numbers and plain user names are accepted by default: a SIP URI handed
   * in as the number is refused, so a dial request cannot route a call
   * elsewhere.
   */
  target?: (to: string) => string;
  /** How DTMF is sent: RFC 4733 telephone-events in the media when negotiated, else SIP INFO (`auto`, the default); or always one of them. */
  dtmf?: "auto" | "rfc4733" | "info";
  /** Reconnect after the WebSocket dropped (default: 10 attempts from 1 s); `false` never reconnects. */
  reconnect?: SipReconnectOptions | false;
  /** The registration's lifetime asked of the server, in seconds (default 600); sip.js refreshes it. */
  registerExpires?: number;
  /** Numbers offered by `listCallerNumbers()` (the server decides what callers see). */
  callerNumbers?: string[];
  /** Session description modifiers, applied to every offer and answer. */
  sdpModifiers?: SdpModifier[];
  /** Diagnostics; phone numbers are redacted unless `logPhoneNumbers`. sip.js's own log goes to `debug` when that level is on. */
  logger?: Logger;
  /** Log phone numbers as they are (default false: redacted). */
  logPhoneNumbers?: boolean;
}

const isString = (value: unknown): value is string => typeof value === "string";
const isPositiveNumber = (value: unknown) => typeof value === "number" && Number.isFinite(value) && value > 0;

/** Every problem with the options, or none. @internal */
export function validateSipProviderOptions(options: SipProviderOptions): void {
  const issues: ValidationIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  if (typeof options !== "object" || options === null) throw new ValidationError("SIP provider options", [{ path: "options", message: "must be an object" }]);
  const server = parseUrl(options.server);
  if (!server) issue("server", "must be a WebSocket URL (wss://host/path)");
  else if (server.protocol !== "wss:" && !(server.protocol === "ws:" && isLoopback(server.hostname))) {
    issue("server", "must use wss:// (ws:// only for a server on this machine)");
  }
  if (!isString(options.uri) || !/^sips?:[^@\s]+@[^@\s]+$/.test(options.uri)) issue("uri", "must be a SIP URI such as sip:alice@example.com");
  const credentials = options.credentials;
  if (credentials !== undefined && typeof credentials !== "function" && !isCredentials(credentials)) {
    issue("credentials", "must be { username, password } (non-empty strings) or a function returning them");
  }
  if (options.iceServers !== undefined && !Array.isArray(options.iceServers)) issue("iceServers", "must be an array of RTCIceServer");
  const audio = options.audio;
  if (audio !== undefined && typeof audio !== "function" && !(typeof audio === "object" && audio !== null && "srcObject" in audio)) {
    issue("audio", "must be an <audio> element or a function receiving the remote MediaStream");
  }
  for (const key of ["inputDeviceId", "outputDeviceId", "displayName"] as const) {
    if (options[key] !== undefined && !isString(options[key])) issue(key, "must be a string");
  }
  if (options.ringTimeoutMs !== undefined && !isPositiveNumber(options.ringTimeoutMs)) issue("ringTimeoutMs", "must be a positive number of milliseconds");
  if (options.registerExpires !== undefined && !(Number.isInteger(options.registerExpires) && options.registerExpires >= 10)) {
    issue("registerExpires", "must be an integer number of seconds, at least 10");
  }
  if (options.target !== undefined && typeof options.target !== "function") issue("target", "must be a function");
  if (options.dtmf !== undefined && !["auto", "rfc4733", "info"].includes(options.dtmf)) issue("dtmf", 'must be "auto", "rfc4733" or "info"');
  const reconnect = options.reconnect;
  if (reconnect !== undefined && reconnect !== false) {
    if (typeof reconnect !== "object" || reconnect === null) issue("reconnect", "must be false or { attempts, delayMs, maxDelayMs }");
    else {
      if (reconnect.attempts !== undefined && !(Number.isInteger(reconnect.attempts) && reconnect.attempts >= 0)) issue("reconnect.attempts", "must be an integer >= 0");
      for (const key of ["delayMs", "maxDelayMs"] as const) {
        if (reconnect[key] !== undefined && !isPositiveNumber(reconnect[key])) issue(`reconnect.${key}`, "must be a positive number of milliseconds");
      }
    }
  }
  if (options.callerNumbers !== undefined && !(Array.isArray(options.callerNumbers) && options.callerNumbers.every(isString))) {
    issue("callerNumbers", "must be an array of strings");
  }
  if (options.sdpModifiers !== undefined && !(Array.isArray(options.sdpModifiers) && options.sdpModifiers.every((m) => typeof m === "function"))) {
    issue("sdpModifiers", "must be an array of functions");
  }
  if (issues.length > 0) throw new ValidationError("SIP provider options", issues);
}

/** True for `{ username, password }` with non-empty strings. @internal */
export function isCredentials(value: unknown): value is SipCredentials {
  if (typeof value !== "object" || value === null) return false;
  const { username, password } = value as Partial<SipCredentials>;
  return isString(username) && username.length > 0 && isString(password) && password.length > 0;
}

function parseUrl(value: unknown): URL | undefined {
  if (!isString(value)) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "ws:" || url.protocol === "wss:" ? url : undefined;
  } catch {
    return undefined;
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
