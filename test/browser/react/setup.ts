// Shared wiring for the hook tests: a real client over the in-memory HubSpot
// and the scriptable simulated provider, rendered with React in Chromium.
import { Component, createElement, type ReactNode } from "react";
import { act } from "@testing-library/react";
import { type CallingClient, createCallingClient, type HostTransport } from "../../../src/index";
import { createMemoryTransport } from "../../../src/testing/memoryTransport";
import { simulatedProvider } from "../../../src/testing/simulatedProvider";

export const h = createElement;

/** A client that HubSpot (in memory) has synced, logged in unless told otherwise. */
export async function connectedClient(options: { login?: boolean; dialError?: Error } = {}) {
  const host = createMemoryTransport();
  const provider = simulatedProvider({ outcome: "manual", ...(options.dialError ? { dialError: options.dialError } : {}) });
  const client = createCallingClient({ provider, transport: host.transport });
  host.sync();
  await client.ready({ timeout: 2_000 });
  if (options.login !== false) await client.logIn();
  return { host, provider, client };
}

/** Wraps a transport and counts how many of its starts are not yet stopped. */
export function countingTransport(inner: HostTransport) {
  const counts = { starts: 0, stops: 0, get live() { return counts.starts - counts.stops; } };
  const transport: HostTransport = {
    async start(sink) {
      counts.starts += 1;
      await inner.start(sink);
    },
    send: (message) => inner.send(message),
    stop() {
      counts.stops += 1;
      inner.stop();
    },
  };
  return { transport, counts };
}

/** Runs client work (and the React updates it causes) inside act(). */
export async function drive(work: () => unknown): Promise<void> {
  await act(async () => {
    await work();
    // Memory messages travel as microtasks; let the replies land too.
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** Catches a render error so a test can look at it (React 19 does not rethrow from render()). */
export class Catch extends Component<{ children?: ReactNode; onError: (error: unknown) => void }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    this.props.onError(error);
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

export type { CallingClient };
