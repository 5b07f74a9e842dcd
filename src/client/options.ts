import type { EngagementWriter } from "../engagements/engagementWriter";
import type { Clock } from "../internal/clock";
import type { Logger } from "../logging/logger";
import type { HostTransport } from "../sdk/hostTransport";
import type { WidgetSize } from "../sdk/messages";
import type { OriginMatcher } from "../sdk/origins";
import type { TelephonyProvider } from "../providers/telephonyProvider";
import type { SurfaceCoordination } from "../surfaces/coordinateSurfaces";

/**
 * What the widget tells HubSpot in `INITIALIZED`.
 *
 * @example
 * ```ts
 * createCallingClient({ provider, initialize: { isLoggedIn: await session.isValid(), sizeInfo: { width: 400, height: 600 } } });
 * ```
 */
export interface InitializeOptions {
  /** Whether the user is already logged in to the vendor's service (default false). */
  isLoggedIn?: boolean;
  /** Whether the user is available for inbound calls. */
  isAvailable?: boolean;
  /** The widget size to ask HubSpot for. */
  sizeInfo?: WidgetSize;
}

/**
 * Options of {@link createCallingClient}. Only `provider` is required.
 *
 * @example
 * ```ts
 * const client = createCallingClient({
 *   provider: myProvider,
 *   allowedOrigins: [...HUBSPOT_ORIGINS, "http://localhost:5173"],
 *   logger: consoleLogger({ level: "debug" }),
 * });
 * ```
 */
export interface CallingClientOptions {
  /** The voice backend. */
  provider: TelephonyProvider;
  /** How calls are logged; default {@link hostWriter} (HubSpot writes the engagement). */
  writer?: EngagementWriter;
  /** How to talk to HubSpot's page; default {@link createSdkTransport} with `allowedOrigins`. */
  transport?: HostTransport;
  /** Origins allowed to act as HubSpot (default transport only); default `HUBSPOT_ORIGINS`. */
  allowedOrigins?: readonly OriginMatcher[];
  /**
   * Sent as `INITIALIZED` right after SYNC (default `{ isLoggedIn: false }`);
   * `false` to call `client.initialize()` yourself.
   */
  initialize?: InitializeOptions | false;
  /** Ask HubSpot to create an engagement for each call (default true). */
  createEngagement?: boolean;
  /** How long `complete()` waits for a late engagement id before writing without it (default 10 s). */
  engagementIdTimeout?: number;
  /** Diagnostics; default silent. */
  logger?: Logger;
  /** Log phone numbers unredacted (default false: they are masked). */
  logPhoneNumbers?: boolean;
  /** Generates `externalCallId`s; default `crypto.randomUUID()`. */
  generateId?: () => string;
  /** Time and timers; default the system clock. */
  clock?: Clock;
  /** Start listening at creation when a window exists (default true); otherwise call `start()`. */
  autoStart?: boolean;
  /**
   * Coordinates the instances HubSpot runs when it uses the calling remote
   * and the calling window (`coordinateSurfaces()`): one of them holds calls
   * and the provider, the others mirror it and forward commands to it. Off
   * by default (every instance on its own, as for the classic widget).
   */
  surfaces?: SurfaceCoordination;
}

/**
 * Options of `client.dial()`.
 *
 * @example
 * ```ts
 * await client.dial({ toNumber: "+16175550100", fromNumber: "+16175550199" });
 * ```
 */
export interface DialOptions {
  /** The number to call; default the number of HubSpot's pending `dialRequested`. */
  toNumber?: string;
  /** The caller id to present (see `client.listCallerNumbers()`). */
  fromNumber?: string;
  /** Overrides the client's `createEngagement` for this call. */
  createEngagement?: boolean;
}
