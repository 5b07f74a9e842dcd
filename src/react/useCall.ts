import { useMemo } from "react";
import type { Call, CompleteResult } from "../client/call";
import type { CallingClient } from "../client/callingClient";
import { InvalidStateError } from "../errors/invalidStateError";
import type { AbortOptions } from "../internal/abortOptions";
import type { CallSnapshot, CompleteDetails } from "../machine/callSnapshot";
import { useCallingClient } from "./useCallingClient";
import { useCallingSnapshot } from "./useCallingSnapshot";

/**
 * What {@link useCall} returns: the current (or last) call as data, its
 * {@link Call} handle, and its commands as stable functions (the same
 * functions on every render, safe in dependency arrays and for memoised
 * children). Every command acts on the client's current call at the moment
 * it runs, and rejects with `InvalidStateError` when there is none or when the
 * call's state does not allow it.
 *
 * @example
 * ```tsx
 * const { call, hangUp, mute } = useCall();
 * if (call?.status === "connected") {
 *   return (
 *     <>
 *       <button onClick={() => void mute(!call.muted)}>{call.muted ? "Unmute" : "Mute"}</button>
 *       <button onClick={() => void hangUp()}>Hang up</button>
 *     </>
 *   );
 * }
 * ```
 */
export interface UseCallResult {
  /**
   * The current (or last) call as plain data; `null` before the first call.
   * Check `call.status` (or `isCallActive(call)`) for whether it is live.
   *
   * @example
   * ```ts
   * const { call } = useCall();
   * const label = call ? `${call.direction} ${call.status}` : "No call yet";
   * ```
   */
  readonly call: CallSnapshot | null;
  /**
   * The {@link Call} handle of `call`, for its promises (`connected`,
   * `ended`, `engagementId`) and `waitFor`; `null` when there is no call, or
   * for a moment while a newer call replaces it.
   *
   * @example
   * ```ts
   * const { handle } = useCall();
   * useEffect(() => {
   *   if (!handle) return;
   *   void handle.engagementId.then((id) => console.log("engagement", id)).catch(() => {});
   * }, [handle]);
   * ```
   */
  readonly handle: Call | null;
  /**
   * Hangs up the current call (or declines it while incoming).
   *
   * @example
   * ```tsx
   * <button onClick={() => void hangUp()}>Hang up</button>
   * ```
   */
  readonly hangUp: () => Promise<void>;
  /**
   * Answers the incoming call.
   *
   * @example
   * ```tsx
   * <button onClick={() => void answer()}>Answer</button>
   * ```
   */
  readonly answer: () => Promise<void>;
  /**
   * Declines the incoming call.
   *
   * @example
   * ```tsx
   * <button onClick={() => void reject()}>Decline</button>
   * ```
   */
  readonly reject: () => Promise<void>;
  /**
   * Mutes (`true`) or unmutes (`false`) the microphone; the provider must support it.
   *
   * @example
   * ```tsx
   * <button onClick={() => void mute(!call.muted)}>{call.muted ? "Unmute" : "Mute"}</button>
   * ```
   */
  readonly mute: (muted: boolean) => Promise<void>;
  /**
   * Holds (`true`) or resumes (`false`) the call; the provider must support it.
   *
   * @example
   * ```tsx
   * <button onClick={() => void hold(call.status !== "onHold")}>Hold</button>
   * ```
   */
  readonly hold: (held: boolean) => Promise<void>;
  /**
   * Sends DTMF digits (`0-9 * # A-D`) on the connected call.
   *
   * @example
   * ```tsx
   * <button onClick={() => void sendDigits("5")}>5</button>
   * ```
   */
  readonly sendDigits: (digits: string) => Promise<void>;
  /**
   * Logs the ended call with the user's notes and outcome (see `Call.complete`).
   *
   * @example
   * ```ts
   * const { engagementId } = await complete({ notes: "Wants a demo", outcome: "connected" });
   * ```
   */
  readonly complete: (details?: CompleteDetails, options?: AbortOptions) => Promise<CompleteResult>;
  /**
   * Closes the ended call without logging it (see `Call.discard`): for a
   * dial that failed before it connected (no microphone, the provider
   * refused), or a save that keeps failing. Nothing more is sent to HubSpot.
   *
   * @example
   * ```tsx
   * const neverConnected = call?.endStatus === "FAILED" && call.answeredAt === null;
   * {neverConnected && <button onClick={() => void discard()}>Discard</button>}
   * ```
   */
  readonly discard: () => Promise<void>;
  /**
   * Tells HubSpot the connected call was transferred (`CALL_TRANSFERRED`,
   * see `Call.transfer`); the transfer itself is the provider's business.
   *
   * @example
   * ```tsx
   * <button onClick={() => void myBackend.transfer(to).then(() => transfer())}>Transfer</button>
   * ```
   */
  readonly transfer: () => Promise<void>;
  /**
   * Sends `FINALIZE_ENGAGEMENT` for the call's engagement and waits for
   * HubSpot's answer (see `Call.finalize`); waits for the engagement id first.
   *
   * @example
   * ```ts
   * await finalize({ timeout: 10_000 });
   * ```
   */
  readonly finalize: (options?: AbortOptions) => Promise<void>;
}

type Commands = Omit<UseCallResult, "call" | "handle">;

function commandsFor(client: CallingClient): Commands {
  const current = (command: string): Call => {
    const handle = client.getCall();
    if (handle === null) throw new InvalidStateError(command, "idle", "there is no call");
    return handle;
  };
  return {
    hangUp: async () => current("hangUp").hangUp(),
    answer: async () => current("answer").answer(),
    reject: async () => current("reject").reject(),
    mute: async (muted) => current("mute").mute(muted),
    hold: async (held) => current("hold").hold(held),
    sendDigits: async (digits) => current("sendDigits").sendDigits(digits),
    complete: async (details, options) => current("complete").complete(details, options),
    discard: async () => current("discard").discard(),
    transfer: async () => current("transfer").transfer(),
    finalize: async (options) => current("finalize").finalize(options),
  };
}

const selectCall = (snapshot: { call: CallSnapshot | null }) => snapshot.call;

/**
 * The current (or last) call with its commands: re-renders only when the
 * call changes, not on session changes. See {@link UseCallResult}.
 *
 * @example
 * ```tsx
 * function InCall() {
 *   const { call, hangUp, sendDigits } = useCall();
 *   if (!call || call.status !== "connected") return null;
 *   return (
 *     <section>
 *       <p>Talking to {call.toNumber}</p>
 *       <button onClick={() => void sendDigits("1")}>1</button>
 *       <button data-testid="hang-up" onClick={() => void hangUp()}>Hang up</button>
 *     </section>
 *   );
 * }
 * ```
 */
export function useCall(): UseCallResult {
  const client = useCallingClient();
  const call = useCallingSnapshot(selectCall);
  const commands = useMemo(() => commandsFor(client), [client]);
  const callId = call?.id;
  // The handle is per call: look it up again only when the call changes. It
  // may belong to a newer call than this render shows; then there is none.
  const handle = useMemo(() => {
    const current = callId === undefined ? null : client.getCall();
    return current !== null && current.id === callId ? current : null;
  }, [client, callId]);
  return useMemo(() => ({ call, handle, ...commands }), [call, handle, commands]);
}
