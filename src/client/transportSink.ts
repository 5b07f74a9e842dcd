import { isSilent, type Logger } from "../logging/logger";
import type { WarningCode } from "../machine/effect";
import type { TransportSink } from "../sdk/hostTransport";
import type { InboundMessage } from "../sdk/messages";
import type { CallingEvents, CallingEventType } from "./callingEvents";

/** What a transport sink reports to. @internal */
export interface SinkTarget {
  logger: Logger;
  redact: <T>(value: T) => T;
  warn(code: WarningCode, message: string): void;
  emit<K extends CallingEventType>(type: K, payload: CallingEvents[K]): void;
  receive(message: InboundMessage): void;
}

/**
 * The sink a client gives its transport: validated messages to `receive`,
 * protocol errors and security warnings logged and emitted as events.
 * Whatever the client does with a message, nothing throws back into the
 * transport: a failure is logged and becomes a `listenerError` warning. @internal
 */
export function transportSink(target: SinkTarget): TransportSink {
  const { logger } = target;
  const guard =
    <T>(what: string, fn: (value: T) => void) =>
    (value: T) => {
      try {
        fn(value);
      } catch (error) {
        logger.error(`Handling ${what} failed`, error);
        target.warn("listenerError", `Handling ${what} failed: ${String(error)}`);
      }
    };
  return {
    receive: guard("a message from HubSpot", (message) => target.receive(message)),
    protocolError: guard("a protocol error", (error) => {
      // The raw message can be anything (huge, hostile): copy it only for a logger that listens.
      if (!isSilent(logger.warn)) logger.warn(error.message, target.redact(error.raw));
      target.emit("protocolError", { error });
    }),
    securityWarning: guard("a security warning", (warning) => {
      logger.warn(`Dropped a message (${warning.reason}) from ${warning.origin}`);
      target.emit("securityWarning", warning);
    }),
  };
}
