import type { AbortOptions } from "../internal/abortOptions";
import type { CallingSnapshot } from "../machine/snapshot";
import type {
  ErrorPayload,
  HostContext,
  NavigateToRecordPayload,
  SetWidgetUrlPayload,
  WidgetSize,
} from "../sdk/messages";
import type { Call } from "./call";
import type { CallingEventListener, CallingEventType } from "./callingEvents";
import type { DialOptions, InitializeOptions } from "./options";

/**
 * A calling client: the widget's side of HubSpot's calling extension, as a
 * state machine with a promise API and typed events. Create it with
 * {@link createCallingClient}.
 *
 * @example
 * ```ts
 * const client = createCallingClient({ provider });
 * const host = await client.ready({ timeout: 30_000 });
 * await client.logIn();
 * client.on("dialRequested", async ({ request }) => {
 *   const call = await client.dial({ toNumber: request.phoneNumber });
 *   await call.ended;
 *   await call.complete({ notes: "Spoke about pricing", outcome: "connected" });
 * });
 * ```
 */
export interface CallingClient {
  /** Starts listening to HubSpot (automatic in browsers unless `autoStart: false`). Idempotent. */
  start(): Promise<void>;
  /** Resolves with HubSpot's context once SYNC was accepted. */
  ready(options?: AbortOptions): Promise<HostContext>;
  /** Sends `INITIALIZED` yourself (only with `initialize: false` in the options). */
  initialize(options?: InitializeOptions): Promise<void>;
  /** Tells HubSpot the user logged in to the vendor's service. */
  logIn(): Promise<void>;
  /** Tells HubSpot the user logged out (not during a call). */
  logOut(): Promise<void>;
  /** Tells HubSpot whether the user takes inbound calls. */
  setAvailable(available: boolean): Promise<void>;
  /** Starts an outbound call; resolves once it is dialing. */
  dial(options?: DialOptions): Promise<Call>;
  /** The current (or last) call, or null. */
  getCall(): Call | null;
  /** The numbers the user may call from (provider must support it). */
  listCallerNumbers(options?: AbortOptions): Promise<string[]>;
  /** Asks HubSpot to resize the widget (`RESIZE_WIDGET`). */
  resizeWidget(size: WidgetSize): void;
  /** Shows an error in HubSpot (`ERROR`). */
  sendError(payload: ErrorPayload): void;
  /** Opens a CRM record in HubSpot (`NAVIGATE_TO_RECORD`); failures arrive as `hostError`. */
  navigateToRecord(payload: NavigateToRecordPayload): void;
  /** Changes the widget's URL (`SET_WIDGET_URL`); failures arrive as `hostError`. */
  setWidgetUrl(payload: SetWidgetUrlPayload): void;
  /** Sends undocumented `CALL_DATA`. */
  sendCallData(data: Record<string, unknown>): void;
  /** Calls `listener` after every state change; returns the unsubscribe function. Bound. */
  subscribe(listener: () => void): () => void;
  /** The current immutable snapshot. Bound. */
  getSnapshot(): CallingSnapshot;
  /** Listens to an event; returns the unsubscribe function. */
  on<K extends CallingEventType>(type: K, listener: CallingEventListener<K>): () => void;
  /**
   * Ends a live call (the provider hangs up, HubSpot gets `CALL_ENDED`,
   * `callEnded` is emitted), then stops listening and rejects everything
   * pending with `DESTROYED`. Idempotent.
   */
  destroy(): void;
}
