// Starts the playground: the HubSpot-like page on http://localhost:<port>/
// and every example widget on http://127.0.0.1:<port>/, another origin, as
// in production. Used by `npm run dev` (scripts/dev.mjs) and by the
// end-to-end tests (with port 0, so they never collide with a developer's
// running playground).
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "vite";
import { WIDGETS } from "./widgets.mjs";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));

/**
 * Reads a port from the environment.
 * @param {string} name
 * @param {number} fallback
 * @returns {number}
 */
export function portFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`${name} must be a port number (0-65535), got ${JSON.stringify(raw)}`);
  }
  return port;
}

/** @param {import("vite").ViteDevServer} server */
function portOf(server) {
  const address = server.httpServer?.address();
  if (!address || typeof address === "string") throw new Error("the Vite server has no port");
  return address.port;
}

/**
 * @param {number} port
 * @param {boolean} watch
 */
function serverOptions(port, watch) {
  return {
    host: "127.0.0.1",
    port,
    // A fixed port must be free: a silent move would break the widget URL
    // that people paste into HubSpot. Port 0 means any free port.
    strictPort: port !== 0,
    ...(watch ? {} : { hmr: false, watch: null }),
  };
}

/** @param {import("./server.d.mts").StartPlaygroundOptions} [options] */
export async function startPlayground(options = {}) {
  const playgroundPort = options.playgroundPort ?? portFromEnv("PLAYGROUND_PORT", 5173);
  const widgetPort = options.widgetPort ?? portFromEnv("WIDGET_PORT", 5174);
  const watch = options.watch ?? true;
  const logLevel = options.logLevel ?? "warn";
  /** @type {{ id: string; name: string; url: string }[]} */
  const widgets = [];
  /** @type {import("vite").ViteDevServer[]} */
  const servers = [];
  // The one origin the widgets trust as HubSpot (known once the page's server listens).
  let playgroundOrigin = "";

  // Free ports mean tests: Vite's dependency cache then goes to a private
  // folder, so tests never rewrite (or race with) the cache of a playground a
  // developer has open, nor with tests running elsewhere on the machine.
  const ephemeral = playgroundPort === 0 || widgetPort === 0;
  const cacheRoot = ephemeral ? await mkdtemp(join(tmpdir(), "hubspot-calling-kit-playground-")) : undefined;
  /** @param {string} name */
  const cacheDir = (name) => (cacheRoot ? { cacheDir: join(cacheRoot, name) } : {});

  const close = async () => {
    await Promise.allSettled(servers.map((server) => server.close()));
    if (cacheRoot) await rm(cacheRoot, { recursive: true, force: true });
  };

  try {
    const playground = await createServer({
      configFile: join(repoRoot, "playground/vite.config.ts"),
      logLevel,
      clearScreen: false,
      ...cacheDir("playground"),
      server: serverOptions(playgroundPort, watch),
      plugins: [
        {
          name: "playground-config",
          // The page learns the widgets' addresses, and the origin they
          // trust, when it is served: both are only known once the servers
          // listen. The page moves itself to that origin when it is opened
          // on another one (http://127.0.0.1:5173/ for http://localhost:5173/).
          transformIndexHtml: () => [
            {
              tag: "script",
              attrs: { id: "playground-config", type: "application/json" },
              children: JSON.stringify({ widgets, playgroundOrigin }).replace(/</g, "\\u003c"),
              injectTo: "head",
            },
          ],
        },
      ],
    });
    servers.push(playground);
    await playground.listen();
    playgroundOrigin = `http://localhost:${portOf(playground)}`;

    for (const [index, widget] of WIDGETS.entries()) {
      const root = join(repoRoot, widget.dir);
      if (!existsSync(join(root, "vite.config.ts"))) throw new Error(`${widget.dir}/vite.config.ts is missing`);
      const server = await createServer({
        configFile: join(root, "vite.config.ts"),
        root,
        logLevel,
        clearScreen: false,
        ...cacheDir(widget.id),
        server: serverOptions(widgetPort === 0 ? 0 : widgetPort + index, watch),
        // The widget allows this page as HubSpot and offers it the simulator control.
        define: { "import.meta.env.VITE_PLAYGROUND_ORIGIN": JSON.stringify(playgroundOrigin) },
      });
      servers.push(server);
      await server.listen();
      widgets.push({ id: widget.id, name: widget.name, url: `http://127.0.0.1:${portOf(server)}/` });
    }
    // The same pure builder the page and the CLI use (loaded through Vite: no build step).
    /** @type {typeof import("../src/settings/localOverride.ts")} */
    const { buildLocalOverride } = await playground.ssrLoadModule(join(repoRoot, "src/settings/localOverride.ts"));
    const localOverrides = widgets.map((widget) => ({
      widget: widget.id,
      current: buildLocalOverride({ name: `${widget.name} – local`, url: widget.url }).snippet,
      legacy: buildLocalOverride({ name: `${widget.name} – local`, url: widget.url, legacy: true }).snippet,
    }));
    return { playgroundUrl: `${playgroundOrigin}/`, widgets, localOverrides, close };
  } catch (error) {
    await close();
    throw error;
  }
}
