// A plain static file server on 127.0.0.1 (a free port): what a vendor runs
// for a widget that needs no build (`npx http-server`, `python -m http.server`).
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
};

export interface StaticServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  close(): Promise<void>;
}

/** The SDK's UMD build, as HubSpot's demos load it from a CDN. */
export const SDK_UMD = resolve("node_modules/@hubspot/calling-extensions-sdk/dist/main.js");
/** The raw-SDK widget fixture (HubSpot's demo-minimal-js, in our own words). */
export const RAW_SDK_WIDGET = resolve("test/e2e/fixtures/raw-sdk-widget");

/**
 * Serves `routes`: URL path prefix to a folder (or a file). `/` maps to
 * `index.html`. Nothing outside the mapped paths is reachable.
 */
export async function startStaticServer(routes: Record<string, string>): Promise<StaticServer> {
  const prefixes = Object.keys(routes).sort((a, b) => b.length - a.length);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    const prefix = prefixes.find((candidate) => path.startsWith(candidate));
    let file: string | undefined;
    if (prefix !== undefined) {
      const base = routes[prefix] as string;
      const rest = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, "");
      file = statSync(base, { throwIfNoEntry: false })?.isFile() ? base : join(base, rest);
      if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) file = join(file, "index.html");
      if (!file.startsWith(base)) file = undefined;
    }
    if (!file || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** The raw-SDK widget on its own origin, with the SDK at /calling-extensions-sdk/main.js. */
export function startRawSdkWidget(): Promise<StaticServer> {
  return startStaticServer({ "/calling-extensions-sdk/main.js": SDK_UMD, "/": RAW_SDK_WIDGET });
}
