// Starts the playground: the HubSpot-like page on http://localhost:<port>/
// and every example widget on http://127.0.0.1:<port>/, another origin, as
// in production; or, given widget URLs, the page alone in front of widgets
// served elsewhere (any widget: the library's, or one on the raw SDK). Used
// by `npm run dev` (scripts/dev.mjs) and by the end-to-end tests (with port
// 0, so they never collide with a developer's running playground).
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
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

/**
 * Checks a widget address given on the command line or in the environment.
 * @param {string} raw
 * @returns {string} the normalised URL
 */
export function checkWidgetUrl(raw) {
  let url;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`--widget-url must be a full address like http://127.0.0.1:8080/, got ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`--widget-url must be an http(s) address, got ${JSON.stringify(raw)}`);
  }
  if (url.username || url.password) throw new Error("--widget-url must not carry a user name or password");
  return url.href;
}

/**
 * The widget addresses asked for: every `--widget-url <url>` (or
 * `--widget-url=<url>`) of `argv`, else `PLAYGROUND_WIDGET_URL` (several
 * separated by commas or spaces).
 * @param {readonly string[]} argv
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
export function widgetUrlsFrom(argv, env) {
  /** @type {string[]} */
  const urls = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--widget-url") {
      const value = argv[++i];
      if (value === undefined || value.startsWith("--")) throw new Error("--widget-url needs an address, e.g. --widget-url http://127.0.0.1:8080/");
      urls.push(value);
    } else if (arg.startsWith("--widget-url=")) urls.push(arg.slice("--widget-url=".length));
  }
  const fromEnv = (env.PLAYGROUND_WIDGET_URL ?? "").split(/[\s,]+/).filter(Boolean);
  return (urls.length > 0 ? urls : fromEnv).map(checkWidgetUrl);
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
  const widgetUrls = (options.widgetUrls ?? []).map(checkWidgetUrl);
  // Widgets served elsewhere replace the example widgets (whose ports they may use).
  const folders = widgetUrls.length > 0 ? [] : (options.widgets ?? WIDGETS);
  /** @type {{ id: string; name: string; url: string; external?: boolean }[]} */
  const widgets = [];
  /** @type {import("vite").ViteDevServer[]} */
  const servers = [];
  // The one origin the widgets trust as HubSpot (known once the page's server listens).
  let playgroundOrigin = "";

  // Each Vite server pre-bundles into a folder of its own: left to Vite, a
  // widget folder without its own package.json would share (and clobber) the
  // page's node_modules/.vite, and the page would get "504 Outdated Optimize
  // Dep". Free ports mean tests: the caches then go to a private folder, so
  // tests never rewrite (or race with) the cache of a playground a developer
  // has open, nor with tests running elsewhere on the machine.
  const ephemeral = playgroundPort === 0 || widgetPort === 0;
  const temporary = !options.cacheRoot && ephemeral ? await mkdtemp(join(tmpdir(), "hubspot-calling-kit-playground-")) : undefined;
  const cacheRoot = options.cacheRoot ?? temporary ?? join(repoRoot, "node_modules/.vite-playground");
  /** @param {string} name */
  const cacheDir = (name) => ({ cacheDir: join(cacheRoot, name) });

  const close = async () => {
    await Promise.allSettled(servers.map((server) => server.close()));
    if (temporary) await rm(temporary, { recursive: true, force: true });
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

    for (const [index, url] of widgetUrls.entries()) {
      if (new URL(url).origin === playgroundOrigin) {
        throw new Error(`--widget-url ${url} is the playground's own origin: serve the widget from another one (e.g. http://127.0.0.1:8080/), as HubSpot does`);
      }
      const id = index === 0 ? "custom" : `custom-${index + 1}`;
      widgets.push({ id, name: `Your widget (${new URL(url).host})`, url, external: true });
    }
    for (const [index, widget] of folders.entries()) {
      const root = resolve(repoRoot, widget.dir);
      if (!existsSync(join(root, "index.html"))) throw new Error(`${widget.dir}/index.html is missing`);
      // A folder without a Vite config is served as it is.
      const config = join(root, "vite.config.ts");
      const server = await createServer({
        configFile: existsSync(config) ? config : false,
        root,
        logLevel,
        clearScreen: false,
        ...cacheDir(`widget-${widget.id}`),
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
