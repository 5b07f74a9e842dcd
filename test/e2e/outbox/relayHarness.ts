// A same-origin backend for the outbox end-to-end tests: serves the page and
// its bundle (esbuild, from the source) and a relay whose behaviour the test
// switches: fail (503), hang (no answer), accept (the real relay handler).
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "../support/browser";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { EngagementWriter } from "../../../src/engagements/engagementWriter";
import type { OutboxStorage } from "../../../src/engagements/outbox/outboxStorage";
import { createRelayHandler } from "../../../src/server/relayHandler";
import { toNodeListener } from "../../../src/server/toNodeListener";

export type RelayMode = "fail" | "hang" | "accept" | "flaky";

/** Share of requests `flaky` fails: half answered 503, half written and then their answer lost. */
export const FLAKY_RATE = 0.3;

/** What page.ts puts on `window.kit`. */
export interface Kit {
  write(ids: string[]): Promise<void>;
  pending(): Promise<string[]>;
  storageKind(): Promise<string>;
  /** A new IndexedDB outbox storage (its own connection) in the page. */
  indexedDb(name: string): OutboxStorage;
  events: { type: string; id: string; attempt: number }[];
}

export interface RelayHarness {
  origin: string;
  mode: RelayMode;
  /** Milliseconds the relay waits before handling an accepted request. */
  delayMs: number;
  /** Every POST to /relay: the call id (Idempotency-Key) and the mode it met. */
  posts: { id: string; mode: RelayMode }[];
  /** Calls the writer behind the relay logged, in order. */
  written: string[];
  /** Cuts the connections of hanging requests (the browser sees a network error). */
  releaseHanging(): void;
  close(): Promise<void>;
}

export async function startRelayHarness(): Promise<RelayHarness> {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL("./page.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
  });
  const script = bundle.outputFiles[0]?.text ?? "";
  const html = '<!doctype html><meta charset="utf-8"><title>loading</title><script type="module" src="/bundle.js"></script>';

  const written: string[] = [];
  const writer: EngagementWriter = {
    write: async ({ call }) => {
      written.push(call.externalCallId);
      return { engagementId: written.length };
    },
  };
  const relay = toNodeListener(
    createRelayHandler({ writer, authenticate: (request) => request.headers.get("authorization") === "Bearer e2e-secret" }),
  );
  const hanging = new Set<IncomingMessage>();
  // mulberry32, seeded: the same faults every run.
  let seed = 0x5eed;
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };

  const harness: RelayHarness = {
    origin: "",
    mode: "fail",
    delayMs: 0,
    posts: [],
    written,
    releaseHanging() {
      for (const req of hanging) req.socket.destroy();
      hanging.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/bundle.js") {
      res.writeHead(200, { "content-type": "text/javascript", "cache-control": "no-store" }).end(script);
    } else if (path === "/relay" && req.method === "POST") {
      const mode = harness.mode;
      harness.posts.push({ id: String(req.headers["idempotency-key"]), mode });
      if (mode === "fail") {
        req.resume();
        res.writeHead(503, { "content-type": "application/json", "retry-after": "0" }).end('{"message":"down"}');
      } else if (mode === "hang") {
        hanging.add(req);
      } else if (mode === "flaky" && random() < FLAKY_RATE) {
        if (random() < 0.5) {
          req.resume();
          res.writeHead(503, { "content-type": "application/json", "retry-after": "0" }).end('{"message":"flaky"}');
        } else {
          // The relay writes the record; the connection drops before the answer.
          relay(req, {
            statusCode: 200,
            setHeader: () => undefined,
            write: () => true,
            end: () => req.socket.destroy(),
            on: (event, handler) => res.on(event, handler),
            off: (event, handler) => res.off(event, handler),
            get writableEnded() {
              return res.writableEnded;
            },
          });
        }
      } else {
        setTimeout(() => relay(req, res), harness.delayMs);
      }
    } else {
      res.writeHead(200, { "content-type": "text/html", "cache-control": "no-store" }).end(html);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  harness.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return harness;
}

/** How often each id occurs in a list. */
export function counts(ids: string[]): Record<string, number> {
  const result: Record<string, number> = {};
  for (const id of ids) result[id] = (result[id] ?? 0) + 1;
  return result;
}

/** The relay harness and Chromium, for the tests of one file (closed after them). */
export function relayPerFile(): { readonly browser: Browser; readonly relay: RelayHarness } {
  const env = {} as { browser: Browser; relay: RelayHarness };
  beforeAll(async () => {
    [env.browser, env.relay] = await Promise.all([launchChromium(), startRelayHarness()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.relay?.close();
  });
  return env;
}
