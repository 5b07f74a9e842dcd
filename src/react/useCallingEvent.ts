import { useEffect, useInsertionEffect, useRef } from "react";
import type { CallingEventListener, CallingEventType } from "../client/callingEvents";
import { useCallingClient } from "./useCallingClient";

/**
 * Listens to one client event while the component is mounted, with the
 * latest `handler` (an inline function is fine: it does not re-subscribe on
 * every render). Subscribes once per event type and client, and unsubscribes
 * on unmount. Events are for things that happen (HubSpot asked to dial, a call
 * ended); for what the widget shows, read state with {@link useCallingSnapshot}.
 *
 * @example
 * ```tsx
 * function AutoDial() {
 *   const client = useCallingClient();
 *   useCallingEvent("dialRequested", ({ request }) => {
 *     void client.dial({ toNumber: request.phoneNumber });
 *   });
 *   useCallingEvent("callEnded", ({ endStatus, error }) => {
 *     if (error) console.warn(`Call ended with ${endStatus}: ${error.message}`);
 *   });
 *   return null;
 * }
 * ```
 */
export function useCallingEvent<K extends CallingEventType>(type: K, handler: CallingEventListener<K>): void {
  const client = useCallingClient();
  const latest = useRef(handler);
  // Insertion effects run before any other effect and do not warn during
  // server rendering (unlike layout effects in React 18).
  useInsertionEffect(() => {
    latest.current = handler;
  });
  useEffect(() => client.on(type, (payload) => latest.current(payload)), [client, type]);
}
