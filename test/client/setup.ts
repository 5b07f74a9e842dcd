import { afterEach, expect } from "vitest";
import {
  type CallingClientOptions,
  type CallingEvents,
  type CallingEventType,
  createCallingClient,
} from "../../src/index";
import {
  createMemoryTransport,
  type MemoryTransportOptions,
  simulatedProvider,
  type SimulatedProviderOptions,
} from "../../src/testing/index";

export interface SetupOptions {
  host?: MemoryTransportOptions;
  provider?: SimulatedProviderOptions;
  client?: Partial<CallingClientOptions>;
  login?: boolean;
}

/** A client wired to an in-memory HubSpot and a scriptable provider, synced and logged in. */
export async function setup(options: SetupOptions = {}) {
  const host = createMemoryTransport(options.host);
  const provider = simulatedProvider({ outcome: "manual", ...options.provider });
  const client = createCallingClient({ provider, transport: host.transport, ...options.client });
  const events: { type: CallingEventType; payload: unknown }[] = [];
  const types: CallingEventType[] = [
    "ready", "dialRequested", "callStarted", "incomingCall", "callRinging", "callConnected", "callEnded",
    "endCallRequested", "callCompleted", "callDiscarded", "engagementCreated", "engagementCreateFailed", "engagementWritten",
    "engagementWriteFailed", "callerIdMatched", "visibilityChanged", "hostError", "warning", "protocolError",
    "securityWarning",
  ];
  for (const type of types) client.on(type, (payload: CallingEvents[typeof type]) => events.push({ type, payload }));
  host.sync();
  await client.ready({ timeout: 2_000 });
  if (options.login !== false) await client.logIn();
  const eventTypes = () => events.map((event) => event.type);
  return { host, provider, client, events, eventTypes };
}

/** Lets queued microtasks and zero-delay work run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Fails each test of the calling file that leaves an unhandled promise
 * rejection behind: every promise the client hands out must be safe to ignore.
 */
export function failOnUnhandledRejections(): void {
  const unhandled: unknown[] = [];
  process.on("unhandledRejection", (reason: unknown) => unhandled.push(reason));
  afterEach(() => {
    expect(unhandled.splice(0)).toEqual([]);
  });
}
