// DTMF for a SIP call: RFC 4733 telephone-events through the audio sender
// when the far end negotiated them, else one SIP INFO per digit
// (application/dtmf-relay, the de-facto format of draft-kaplan-dispatch-info-dtmf-package).
import { ValidationError } from "../errors/validationError";
import { SipError } from "./sipError";
import { sipCause } from "./sipCauses";

const DIGITS = /^[0-9A-Da-d*#w,]+$/;
/** Each tone's length and the gap after it (RFC 4733 senders use 40-6000 ms / >= 30 ms). */
const TONE_MS = 100;
const GAP_MS = 70;
/** A pause (`,` or `w`): RTCDTMFSender's comma is two seconds. */
const PAUSE_MS = 2_000;

/** The parts of a sip.js Session used to send INFO. @internal */
export interface InfoSession {
  info(options: {
    requestOptions: { body: { contentDisposition: string; contentType: string; content: string } };
    requestDelegate: {
      onAccept?(): void;
      onReject?(response: { message: { statusCode?: number; reasonPhrase?: string } }): void;
    };
  }): Promise<unknown>;
}

/** Throws a ValidationError unless `digits` are DTMF digits. @internal */
export function validateDigits(digits: string): void {
  if (typeof digits !== "string" || !DIGITS.test(digits)) {
    throw new ValidationError("DTMF digits", [{ path: "digits", message: "must be 0-9, *, #, A-D, and w or , for a pause" }]);
  }
}

/** The audio sender's DTMF sender, when telephone-events were negotiated. @internal */
export function rfc4733Sender(peerConnection: RTCPeerConnection | undefined): RTCDTMFSender | undefined {
  const sender = peerConnection?.getSenders().find((candidate) => candidate.track?.kind === "audio" || candidate.dtmf);
  const dtmf = sender?.dtmf;
  return dtmf && dtmf.canInsertDTMF ? dtmf : undefined;
}

/** Plays the digits as RFC 4733 events; resolves once the last tone was sent. @internal */
export function sendRfc4733(dtmf: RTCDTMFSender, digits: string): Promise<void> {
  return new Promise((resolve) => {
    const done = (event: RTCDTMFToneChangeEvent) => {
      if (event.tone !== "") return;
      dtmf.removeEventListener("tonechange", done);
      resolve();
    };
    dtmf.addEventListener("tonechange", done);
    dtmf.insertDTMF(digits.toUpperCase().replace(/w/gi, ","), TONE_MS, GAP_MS);
  });
}

/** Sends the digits as SIP INFO requests, one after the other; a refused INFO rejects. @internal */
export async function sendInfo(session: InfoSession, digits: string): Promise<void> {
  for (const digit of digits.toUpperCase()) {
    if (digit === "," || digit === "W") {
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      continue;
    }
    await new Promise<void>((resolve, reject) => {
      session
        .info({
          requestOptions: {
            body: { contentDisposition: "render", contentType: "application/dtmf-relay", content: `Signal=${digit}\r\nDuration=${TONE_MS}` },
          },
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: ({ message }) =>
              reject(
                new SipError("REQUEST_FAILED", `The far end refused DTMF over SIP INFO (${message.statusCode ?? "?"} ${message.reasonPhrase ?? ""})`.trim(), {
                  sipCause: sipCause(message.statusCode ?? 0, message.reasonPhrase),
                }),
              ),
          },
        })
        .catch(reject);
    });
  }
}
