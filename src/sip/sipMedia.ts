// The media side of a SIP call: the microphone constraints, where the remote
// audio plays, and the parts of sip.js's Web SessionDescriptionHandler the
// provider uses (typed structurally, so that a custom handler factory works).
import type { SipAudioOutput } from "./sipProviderOptions";

/** What the provider uses of sip.js's Web SessionDescriptionHandler. @internal */
export interface MediaHandler {
  readonly peerConnection: RTCPeerConnection | undefined;
  readonly remoteMediaStream: MediaStream;
  enableSenderTracks(enable: boolean): void;
  enableReceiverTracks(enable: boolean): void;
}

/** The handler of a session, when it has the Web handler's shape. @internal */
export function mediaHandlerOf(session: { sessionDescriptionHandler?: unknown }): MediaHandler | undefined {
  const handler = session.sessionDescriptionHandler as Partial<MediaHandler> | undefined;
  return handler && typeof handler.enableSenderTracks === "function" ? (handler as MediaHandler) : undefined;
}

/** getUserMedia constraints for the chosen microphone. @internal */
export function audioConstraints(inputDeviceId: string | undefined): MediaStreamConstraints {
  return { audio: inputDeviceId ? { deviceId: { exact: inputDeviceId } } : true, video: false };
}

type SinkAudio = HTMLAudioElement & { setSinkId?(id: string): Promise<void> };

/**
 * Plays `stream` on the output: sets an element's `srcObject` (and its
 * speaker), or hands the stream to a callback. Returns the detach function.
 * Failures to play (autoplay policy, unknown speaker) are reported to
 * `warn`, never thrown: the call goes on.
 *
 * @internal
 */
export function attachRemoteAudio(
  output: SipAudioOutput | undefined,
  stream: MediaStream,
  outputDeviceId: string | undefined,
  warn: (message: string, error: unknown) => void,
): () => void {
  if (typeof output === "function") {
    const detach = output(stream);
    return typeof detach === "function" ? detach : () => {};
  }
  const element = (output ?? new Audio()) as SinkAudio;
  element.autoplay = true;
  element.srcObject = stream;
  if (outputDeviceId && typeof element.setSinkId === "function") {
    element.setSinkId(outputDeviceId).catch((error: unknown) => warn("could not select the speaker", error));
  }
  element.play().catch((error: unknown) => warn("the remote audio did not start playing (autoplay policy?)", error));
  return () => {
    if (element.srcObject === stream) element.srcObject = null;
  };
}
