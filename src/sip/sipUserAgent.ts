// The sip.js pieces of one connection: a UserAgent over the WebSocket and
// its Registerer, created for each start() (a stopped UserAgent is not
// reused), with the provider's options mapped onto sip.js's.
import { type Invitation, Registerer, UserAgent } from "sip.js";
import { isSilent, type Logger } from "../logging/logger";
import { redactPhoneNumbers } from "../logging/redactPhoneNumbers";
import { sipCause } from "./sipCauses";
import { SipError } from "./sipError";
import type { SipCredentials, SipProviderOptions } from "./sipProviderOptions";

/** What the connection reports to the provider. @internal */
export interface UserAgentEvents {
  onInvite(invitation: Invitation): void;
  /** The WebSocket dropped (not by `stop()`). */
  onDisconnect(error: Error): void;
  /** A registration that was accepted is no longer (refresh refused, expired). */
  onUnregistered(): void;
}

/** One UserAgent + Registerer. @internal */
export interface SipUserAgent {
  readonly userAgent: UserAgent;
  connect(): Promise<void>;
  reconnect(): Promise<void>;
  /** Sends REGISTER; resolves with the granted expiry once the server accepted it. */
  register(credentials: SipCredentials | undefined): Promise<number>;
  /** Unregisters (best effort, bounded) and closes the WebSocket. */
  stop(): Promise<void>;
}

const WS_CONNECT_TIMEOUT_S = 5;
const UNREGISTER_WAIT_MS = 2_000;

/** Creates the UserAgent for the options; nothing is sent until `connect()`. @internal */
export function createSipUserAgent(
  options: SipProviderOptions,
  credentials: SipCredentials | undefined,
  logger: Logger,
  events: UserAgentEvents,
): SipUserAgent {
  const uri = UserAgent.makeURI(options.uri);
  if (!uri) throw new SipError("CONNECTION_FAILED", `Not a SIP URI: ${options.uri}`);
  const redact = options.logPhoneNumbers ? (text: string) => text : (text: string) => redactPhoneNumbers(text);
  let stopping = false;
  let registered = false;
  const userAgent = new UserAgent({
    uri,
    displayName: options.displayName,
    authorizationUsername: credentials?.username ?? uri.user,
    authorizationPassword: credentials?.password,
    transportOptions: { server: options.server, connectionTimeout: WS_CONNECT_TIMEOUT_S },
    sessionDescriptionHandlerFactoryOptions: {
      // Never a public STUN server unless the app asks for one.
      peerConnectionConfiguration: { iceServers: options.iceServers ?? [] },
    },
    userAgentString: "hubspot-calling-kit",
    logBuiltinEnabled: false,
    logLevel: isSilent(logger.debug) ? "warn" : "debug",
    logConnector: (level, category, label, content) => {
      const line = `sip.js ${category}${label ? ` ${label}` : ""}: ${redact(content)}`;
      if (level === "error") logger.error(line);
      else if (level === "warn") logger.warn(line);
      else logger.debug(line);
    },
    delegate: {
      onInvite: (invitation) => events.onInvite(invitation),
      onDisconnect: (error) => {
        registered = false;
        if (!stopping && error) events.onDisconnect(error);
      },
    },
  });
  const registerer = new Registerer(userAgent, { expires: options.registerExpires ?? 600 });
  registerer.stateChange.addListener((state) => {
    if (state !== "Unregistered" || stopping || !registered) return;
    registered = false;
    events.onUnregistered();
  });

  const setCredentials = (fresh: SipCredentials | undefined) => {
    if (!fresh) return;
    userAgent.configuration.authorizationUsername = fresh.username;
    userAgent.configuration.authorizationPassword = fresh.password;
  };

  return {
    userAgent,
    async connect() {
      try {
        await userAgent.start();
      } catch (error) {
        throw new SipError("CONNECTION_FAILED", `Could not connect to the SIP server at ${options.server}`, { cause: error });
      }
    },
    async reconnect() {
      try {
        await userAgent.reconnect();
      } catch (error) {
        throw new SipError("CONNECTION_FAILED", `Could not reconnect to the SIP server at ${options.server}`, { cause: error });
      }
    },
    register(fresh) {
      setCredentials(fresh);
      return new Promise<number>((resolve, reject) => {
        let settled = false;
        const settle = (work: () => void) => {
          if (settled) return;
          settled = true;
          off();
          work();
        };
        // A REGISTER that times out (no answer from the server) unregisters without a response.
        const off = () => registerer.stateChange.removeListener(onState);
        const onState = (state: string) => {
          if (state !== "Unregistered" && state !== "Terminated") return;
          // A refusal reports this state just before its response: let onReject settle with the status.
          queueMicrotask(() => settle(() => reject(new SipError("REGISTRATION_FAILED", "The SIP server did not accept the registration"))));
        };
        registerer.stateChange.addListener(onState);
        registerer
          .register({
            requestDelegate: {
              onAccept: (response) => {
                registered = true;
                const expires = Number(response.message.getHeader("Expires")) || (options.registerExpires ?? 600);
                settle(() => resolve(expires));
              },
              onReject: (response) => {
                const { statusCode, reasonPhrase } = response.message;
                const cause = sipCause(statusCode ?? 0, reasonPhrase);
                settle(() =>
                  reject(
                    new SipError("REGISTRATION_FAILED", `The SIP server refused the registration: ${cause.code} ${cause.text}`.trim(), { sipCause: cause }),
                  ),
                );
              },
            },
          })
          .catch((error: unknown) =>
            settle(() => reject(new SipError("REGISTRATION_FAILED", "Could not send the REGISTER", { cause: error }))),
          );
      });
    },
    async stop() {
      stopping = true;
      if (registered) {
        // Best effort: a server that does not answer must not hold stop().
        await Promise.race([
          registerer.unregister().catch(() => undefined),
          new Promise((resolve) => setTimeout(resolve, UNREGISTER_WAIT_MS)),
        ]);
      }
      registered = false;
      await userAgent.stop().catch((error: unknown) => logger.warn("sip.js did not stop cleanly", error));
    },
  };
}
