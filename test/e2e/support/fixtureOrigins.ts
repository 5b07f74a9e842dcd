// Serves the repository through Vite so that browser fixtures can import the
// library's source, on two ports: one reached as `localhost` (plays HubSpot)
// and as `127.0.0.1` (the widget, another origin), the other as `127.0.0.1`
// for a hostile third origin. Free of vitest, so that benches use it too
// (fixturesPerFile() in fixtureServer.ts is the tests' way).
import { createServer, type ViteDevServer } from "vite";

export interface FixtureServers {
  /** Origin that plays HubSpot, e.g. http://localhost:41234 */
  hostOrigin: string;
  /** Origin the widget is served from, e.g. http://127.0.0.1:41234 */
  widgetOrigin: string;
  /** A third origin nobody trusts. */
  hostileOrigin: string;
  close(): Promise<void>;
}

async function start(): Promise<ViteDevServer> {
  const server = await createServer({
    configFile: false,
    root: process.cwd(),
    logLevel: "error",
    clearScreen: false,
    server: { host: "127.0.0.1", port: 0, strictPort: false, hmr: false, watch: null },
    optimizeDeps: {
      include: ["@hubspot/calling-extensions-sdk"],
      entries: ["test/e2e/fixtures/*.html"],
    },
  });
  await server.listen();
  return server;
}

function portOf(server: ViteDevServer): number {
  const address = server.httpServer?.address();
  if (!address || typeof address === "string") throw new Error("fixture server has no port");
  return address.port;
}

export async function startFixtureServers(): Promise<FixtureServers> {
  const [main, hostile] = await Promise.all([start(), start()]);
  const port = portOf(main);
  return {
    hostOrigin: `http://localhost:${port}`,
    widgetOrigin: `http://127.0.0.1:${port}`,
    hostileOrigin: `http://127.0.0.1:${portOf(hostile)}`,
    async close() {
      await Promise.all([main.close(), hostile.close()]);
    },
  };
}

