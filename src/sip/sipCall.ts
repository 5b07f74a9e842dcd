import type { Invitation, Inviter, Session } from "sip.js";
import type { EndCause, ProviderCall, ProviderCallEvent, ProviderEndReason } from "../providers/telephonyProvider";
import { endReasonOf, sipCause } from "./sipCauses";
import { SipError } from "./sipError";
import { attachRemoteAudio, audioConstraints, mediaHandlerOf } from "./sipMedia";
import { rfc4733Sender, sendInfo, sendRfc4733, validateDigits } from "./sipDtmf";
import type { SipAudioOutput, SdpModifier } from "./sipProviderOptions";

/**
 * A call of the SIP provider: the {@link ProviderCall} the client drives,
 * plus what a widget may want to show or measure.
 *
 * @example
 * ```ts
 * const [call] = provider.activeCalls();
 * const stats = await call?.peerConnection?.getStats();
 * ```
 */
export interface SipCall extends ProviderCall {
  /** `OUTBOUND` from `dial()`, `INBOUND` from an INVITE the server delivered. */
  readonly direction: "OUTBOUND" | "INBOUND";
  /** The far end's number or user. */
  readonly remote: string;
  /** Whether the microphone is muted. */
  readonly muted: boolean;
  /** Whether the call is on hold (the far end accepted the re-INVITE). */
  readonly held: boolean;
  /** Whether `ended` or `failed` was reported. */
  readonly over: boolean;
  /** The call's WebRTC connection, once the media is being negotiated (for `getStats()`). */
  readonly peerConnection: RTCPeerConnection | undefined;
  /** The remote audio, once the call is connected. */
  readonly remoteStream: MediaStream | undefined;
}

/** What a call needs from its provider. @internal */
export interface SipCallContext {
  direction: "OUTBOUND" | "INBOUND";
  remote: string;
  audio: SipAudioOutput | undefined;
  inputDeviceId: string | undefined;
  outputDeviceId: string | undefined;
  ringTimeoutMs: number | undefined;
  dtmf: "auto" | "rfc4733" | "info";
  sdpModifiers: SdpModifier[];
  warn(message: string, details?: unknown): void;
  /** Called once, when the call reported its end. */
  onOver(call: SipCallImpl): void;
}

type Listener = (event: ProviderCallEvent) => void;

/** The {@link SipCall} over one sip.js session. @internal */
export class SipCallImpl implements SipCall {
  readonly direction: "OUTBOUND" | "INBOUND";
  readonly remote: string;
  #session: Session;
  #context: SipCallContext;
  #listeners = new Set<Listener>();
  // Events wait here until the first subscriber: nothing is reported before
  // dial() resolved, nor before the client announced an incoming call.
  #backlog: ProviderCallEvent[] | undefined = [];
  #over = false;
  #ringing = false;
  #answered = false;
  #muted = false;
  #held = false;
  #final: EndCause | undefined;
  #local: "hangUp" | "ringTimeout" | "reject" | undefined;
  #failure: SipError | undefined;
  #detachAudio: (() => void) | undefined;
  #ringTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(session: Session, context: SipCallContext) {
    this.#session = session;
    this.#context = context;
    this.direction = context.direction;
    this.remote = context.remote;
    session.sessionDescriptionHandlerModifiersReInvite = context.sdpModifiers;
    session.delegate = {
      onBye: (bye) => void bye.accept(),
      // DTMF or other INFO from the far end: accepted, not interpreted.
      onInfo: (info) => void info.accept(),
    };
    session.stateChange.addListener((state) => {
      if (state === "Established") this.#onEstablished();
      // sip.js reports Terminated before it hands the final response to the
      // request delegate: decide how the call ended once both are known.
      if (state === "Terminated") queueMicrotask(() => this.#finish());
    });
    if (context.direction === "OUTBOUND" && context.ringTimeoutMs !== undefined) {
      this.#ringTimer = setTimeout(() => {
        if (this.#answered || this.#over) return;
        this.#local = "ringTimeout";
        void this.#cancelOrReject();
      }, context.ringTimeoutMs);
    }
  }

  get muted() {
    return this.#muted;
  }
  get held() {
    return this.#held;
  }
  get over() {
    return this.#over;
  }
  get peerConnection() {
    return mediaHandlerOf(this.#session)?.peerConnection;
  }
  get remoteStream() {
    return this.#answered ? mediaHandlerOf(this.#session)?.remoteMediaStream : undefined;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    const backlog = this.#backlog;
    this.#backlog = undefined;
    for (const event of backlog ?? []) listener(event);
    return () => void this.#listeners.delete(listener);
  }

  /** The INVITE's request delegate of an outbound call. @internal */
  readonly inviteDelegate = {
    onProgress: (response: { message: { statusCode?: number } }) => {
      const status = response.message.statusCode ?? 0;
      if (status === 180 || status === 183) this.#ring();
    },
    onReject: (response: { message: { statusCode?: number; reasonPhrase?: string } }) => {
      this.#final = sipCause(response.message.statusCode ?? 0, response.message.reasonPhrase);
    },
  };

  /** Reports ringing (an outbound 180/183, or an incoming call being announced). @internal */
  #ring(): void {
    if (this.#ringing || this.#answered || this.#over) return;
    this.#ringing = true;
    this.#emit({ type: "ringing" });
  }

  /** Ends the call with a failure before or while it runs (transport lost, media broke). @internal */
  fail(error: SipError): void {
    if (this.#over) return;
    this.#failure ??= error;
    const state = this.#session.state;
    if (state === "Terminated") return;
    if (state === "Established") {
      // The BYE may not get out (the connection is gone): end locally either way.
      this.#session.bye().catch(() => undefined);
      if (error.reason === "CONNECTION_LOST") void this.#session.dispose().catch(() => undefined);
    } else {
      void this.#cancelOrReject();
      if (error.reason === "CONNECTION_LOST") void this.#session.dispose().catch(() => undefined);
    }
    // A session that cannot finish (no transport) is ended here.
    queueMicrotask(() => this.#finish(true));
  }

  async hangUp(): Promise<void> {
    if (this.#over) return;
    const state = this.#session.state;
    if (state === "Terminating" || state === "Terminated") return;
    this.#local ??= this.direction === "INBOUND" && !this.#answered ? "reject" : "hangUp";
    if (state === "Established") {
      await this.#session.bye().catch((error: unknown) => this.#context.warn("BYE failed", error));
    } else {
      await this.#cancelOrReject();
    }
  }

  async answer(): Promise<void> {
    if (this.direction !== "INBOUND") throw new SipError("CALL_OVER", "Only an incoming call can be answered");
    this.#assertLive("answer");
    const invitation = this.#session as Invitation;
    try {
      await invitation.accept({
        sessionDescriptionHandlerOptions: { constraints: audioConstraints(this.#context.inputDeviceId) } as object,
        sessionDescriptionHandlerModifiers: this.#context.sdpModifiers,
      });
    } catch (error) {
      throw new SipError("MEDIA_FAILED", `Could not answer: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  async reject(): Promise<void> {
    if (this.direction !== "INBOUND" || this.#answered) return this.hangUp();
    if (this.#over || this.#session.state !== "Initial") return;
    this.#local = "reject";
    await (this.#session as Invitation).reject({ statusCode: 603, reasonPhrase: "Decline" });
  }

  async mute(muted: boolean): Promise<void> {
    this.#assertLive("mute");
    this.#muted = muted;
    this.#applyTracks();
  }

  async hold(held: boolean): Promise<void> {
    this.#assertConnected("hold");
    if (this.#held === held) return;
    const session = this.#session;
    session.sessionDescriptionHandlerOptionsReInvite = { ...session.sessionDescriptionHandlerOptionsReInvite, hold: held } as object;
    await new Promise<void>((resolve, reject) => {
      session
        .invite({
          sessionDescriptionHandlerModifiers: this.#context.sdpModifiers,
          requestDelegate: {
            onAccept: () => {
              this.#held = held;
              this.#applyTracks();
              resolve();
            },
            onReject: (response) => {
              const { statusCode, reasonPhrase } = response.message;
              reject(
                new SipError("REQUEST_FAILED", `The far end refused to ${held ? "hold" : "resume"} the call (${statusCode} ${reasonPhrase})`, {
                  sipCause: sipCause(statusCode ?? 0, reasonPhrase),
                }),
              );
            },
          },
        })
        .catch((error: unknown) => reject(new SipError("REQUEST_FAILED", `Could not send the re-INVITE: ${String(error)}`, { cause: error })));
    });
  }

  async sendDigits(digits: string): Promise<void> {
    validateDigits(digits);
    this.#assertConnected("sendDigits");
    const dtmf = this.#context.dtmf === "info" ? undefined : rfc4733Sender(this.peerConnection);
    if (dtmf) return sendRfc4733(dtmf, digits);
    if (this.#context.dtmf === "rfc4733") {
      throw new SipError("REQUEST_FAILED", "The far end did not negotiate RFC 4733 telephone-events (use dtmf: \"auto\" to fall back to SIP INFO)");
    }
    return sendInfo(this.#session, digits);
  }

  #assertLive(command: string): void {
    if (this.#over || this.#session.state === "Terminating" || this.#session.state === "Terminated") {
      throw new SipError("CALL_OVER", `Cannot ${command}: the call is over`);
    }
  }

  #assertConnected(command: string): void {
    this.#assertLive(command);
    if (this.#session.state !== "Established") throw new SipError("CALL_OVER", `Cannot ${command}: the call is not connected`);
  }

  #applyTracks(): void {
    const handler = mediaHandlerOf(this.#session);
    handler?.enableSenderTracks(!this.#muted && !this.#held);
    handler?.enableReceiverTracks(!this.#held);
  }

  async #cancelOrReject(): Promise<void> {
    const session = this.#session;
    try {
      if (this.direction === "OUTBOUND") {
        if (session.state === "Initial" || session.state === "Establishing") await (session as Inviter).cancel();
      } else if (session.state === "Initial") {
        await (session as Invitation).reject({ statusCode: 486, reasonPhrase: "Busy Here" });
      }
    } catch (error) {
      this.#context.warn("could not cancel the call", error);
    }
  }

  #onEstablished(): void {
    if (this.#answered || this.#over) return;
    clearTimeout(this.#ringTimer);
    this.#answered = true;
    this.#applyTracks();
    const handler = mediaHandlerOf(this.#session);
    if (handler) {
      this.#detachAudio = attachRemoteAudio(this.#context.audio, handler.remoteMediaStream, this.#context.outputDeviceId, this.#context.warn);
      const pc = handler.peerConnection;
      pc?.addEventListener("connectionstatechange", () => {
        if (pc.connectionState === "failed") this.fail(new SipError("MEDIA_FAILED", "The media connection failed (ICE)"));
      });
    }
    this.#emit({ type: "answered" });
  }

  /** Reports the end once, from what is known about how the call ended. */
  #finish(force = false): void {
    if (this.#over) return;
    if (!force && this.#session.state !== "Terminated") return;
    this.#over = true;
    clearTimeout(this.#ringTimer);
    this.#detachAudio?.();
    this.#context.onOver(this);
    this.#emit(this.#endEvent());
  }

  #endEvent(): ProviderCallEvent {
    const cause = this.#final;
    const withCause = cause ? { cause } : {};
    if (this.#failure) {
      return { type: "failed", error: this.#failure, ...(this.#failure.sipCause ? { cause: this.#failure.sipCause } : withCause) };
    }
    if (this.#answered) return { type: "ended", reason: "completed", ...withCause };
    const local = this.#local;
    if (this.direction === "INBOUND") {
      const reason: ProviderEndReason = local === "reject" || local === "hangUp" ? "rejected" : "missed";
      return { type: "ended", reason, ...withCause };
    }
    if (local === "ringTimeout") return { type: "ended", reason: "noAnswer", ...withCause };
    if (local === "hangUp") return { type: "ended", reason: "canceled", ...withCause };
    const reason = cause ? endReasonOf(cause.code) : undefined;
    if (reason && reason !== "canceled") return { type: "ended", reason, cause: cause! };
    const text = cause ? `The call was refused: SIP ${cause.code} ${cause.text}`.trim() : "The call ended before it was answered";
    return { type: "failed", error: new SipError("CALL_FAILED", text, cause ? { sipCause: cause } : {}), ...withCause };
  }

  #emit(event: ProviderCallEvent): void {
    if (this.#backlog) {
      this.#backlog.push(event);
      return;
    }
    for (const listener of [...this.#listeners]) listener(event);
  }

  /** Announces an incoming call: 180 Ringing to the caller, `ringing` queued for the client. @internal */
  announce(): void {
    (this.#session as Invitation).progress().catch((error: unknown) => this.#context.warn("could not send 180 Ringing", error));
  }
}
