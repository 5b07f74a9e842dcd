// Several surfaces of one widget in one Node process, as in one browser:
// each surface has its own HubSpot page (a memory transport), they share a
// BroadcastChannel name (Node has BroadcastChannel), a lock manager and a
// storage. `unload()` is what a page going away (pagehide) does.
import { afterEach } from "vitest";
import { type CallingClient, coordinateSurfaces, createCallingClient, type HostContext } from "../../src/index";
import {
  createMemoryLocks,
  createMemoryTransport,
  type MemoryHost,
  type MemoryLocks,
  type SimulatedProvider,
  simulatedProvider,
} from "../../src/testing/index";

let browsers = 0;
const live: CallingClient[] = [];

afterEach(() => {
  for (const client of live.splice(0)) client.destroy();
});

export interface Surface {
  name: string;
  host: MemoryHost;
  /** Every message the surface handed its transport, at once (even one a closing page never delivers). */
  handed: string[];
  /** The same messages, whole. */
  messages: { type: string; data?: unknown }[];
  client: CallingClient;
  provider: SimulatedProvider;
  /** What pagehide does: the page goes away. */
  unload(): void;
}

export interface Browser {
  locks: MemoryLocks;
  storage: Map<string, string>;
  /** Opens a surface (synced at once, as HubSpot does once the iframe loaded). */
  open(
    name: string,
    context: Partial<HostContext>,
    options?: { provider?: SimulatedProvider; portalId?: number; userId?: number; ownerTimeout?: number },
  ): Surface;
}

/** How the owner is elected: Web Locks (in memory here), or over the channel (browsers that refuse locks to iframes). */
export type Election = "locks" | "channel";
export const ELECTIONS: Election[] = ["locks", "channel"];

/** A browser with one HubSpot account (portal 123, user 7). */
export function browser(election: Election = "locks"): Browser {
  const name = `test-${process.pid}-${++browsers}`;
  const locks = createMemoryLocks();
  const storage = new Map<string, string>();
  return {
    locks,
    storage,
    open(surfaceName, context, options = {}) {
      const host = createMemoryTransport({
        host: { portalId: options.portalId ?? 123, userId: options.userId ?? 7, ownerId: 8, ...context },
      });
      const provider = options.provider ?? simulatedProvider({ outcome: "manual" });
      const handed: string[] = [];
      const messages: { type: string; data?: unknown }[] = [];
      const transport = {
        start: host.transport.start.bind(host.transport),
        stop: host.transport.stop.bind(host.transport),
        send: (message: Parameters<typeof host.transport.send>[0]) => {
          handed.push(message.type);
          messages.push(message);
          host.transport.send(message);
        },
      };
      let unload = () => {};
      const client = createCallingClient({
        provider,
        transport,
        initialize: { isLoggedIn: false },
        surfaces: coordinateSurfaces({
          name,
          locks: election === "locks" ? locks : null,
          heartbeat: 50,
          storage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) },
          ownerTimeout: options.ownerTimeout ?? 1_000,
          onUnload: (fn) => {
            unload = fn;
            return () => {};
          },
        }),
      });
      live.push(client);
      host.sync();
      return { name: surfaceName, host, handed, messages, client, provider, unload: () => unload() };
    },
  };
}

export const REMOTE = { iframeLocation: "remote", usesCallingWindow: true } as const;
export const WINDOW = { iframeLocation: "window", usesCallingWindow: true } as const;
export const REMOTE_ONLY = { iframeLocation: "remote", usesCallingWindow: false } as const;
export const POPUP = { iframeLocation: "window", usesCallingWindow: false } as const;

/** Waits until `check` holds (the channel and locks are asynchronous). */
export async function until(check: () => boolean, what: string, timeout = 2_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * The types of the messages a surface sent to its HubSpot page: what it
 * handed its transport (stricter than what arrived: a message handed over
 * just before the page went away counts too).
 */
export const sent = (surface: Surface) => [...surface.handed];
