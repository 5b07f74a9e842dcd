// Runs Kamailio (Debian's `kamailio` + `kamailio-websocket-modules`) in the
// foreground as a child process, on a loopback port, with the configuration
// in test/sip/kamailio.cfg: the SIP server behind the tests of
// hubspot-calling-kit/sip, the SIP benchmark and `npm run dev:sip`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// Next to this script, or from the repository root when this file was
// bundled elsewhere (npm run bench bundles its benches).
const CONFIG = [resolve(import.meta.dirname, "../test/sip/kamailio.cfg"), resolve(process.cwd(), "test/sip/kamailio.cfg")].find((file) => existsSync(file)) ?? "test/sip/kamailio.cfg";
const HOST = "127.0.0.1";
/** The SIP domain (realm) the configuration serves. */
export const SIP_DOMAIN = "sip.test";
/** The password the configuration expects for a user. */
export const passwordOf = (user) => `secret-${user}`;

/** The kamailio executable, or undefined when it is not installed. */
export function kamailioPath() {
  const fromEnv = process.env.KAMAILIO_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const candidate of ["/usr/sbin/kamailio", "/usr/local/sbin/kamailio"]) {
    if (existsSync(candidate)) return candidate;
  }
  const found = spawnSync("sh", ["-c", "command -v kamailio"], { encoding: "utf8" }).stdout.trim();
  return found || undefined;
}

/** A free TCP port on the loopback address. */
export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Resolves once an HTTP GET on the port is answered by Kamailio's xhttp route. */
function answersHttp(port) {
  if (typeof port !== "number") return port().then(answersHttp);
  return new Promise((done) => {
    const req = request({ host: HOST, port, path: "/", timeout: 1_000 }, (res) => {
      res.resume();
      done(res.statusCode === 404);
    });
    req.on("error", () => done(false));
    req.on("timeout", () => req.destroy());
    req.end();
  });
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * Starts Kamailio on `port` (default: a free one) and resolves once it
 * answers on its WebSocket port. The returned handle stops it (SIGTERM),
 * kills it (SIGKILL, as a crash), and restarts it on the same port.
 */
export async function startKamailio(options = {}) {
  const executable = kamailioPath();
  if (!executable) {
    throw new Error("kamailio is not installed: apt-get install -y kamailio kamailio-websocket-modules (.ci/run does it)");
  }
  // Inside a network namespace (scripts/loopbackNamespace.mjs) every port is
  // free; a free one outside is as good a pick as any.
  const namespace = options.namespace;
  const port = options.port ?? (await freePort());
  const sipArgs = [];
  if (options.udp) sipArgs.push("-l", `udp:${HOST}:${port}`);
  if (options.rtpengine) sipArgs.push("-A", "WITH_RTPENGINE", "-A", `RTPENGINE_SOCK="udp:${HOST}:${options.rtpengine}"`);
  // Where this process reaches the WebSocket port (through the namespace's agent when inside one).
  let outsidePort;
  const probePort = async () => (namespace ? (outsidePort ??= await namespace.reach(port)) : port);
  const output = [];
  let child;
  let runtimeDir;

  const launch = async () => {
    runtimeDir = mkdtempSync(join(tmpdir(), "hubspot-calling-kit-kamailio-"));
    const args = ["-DD", "-E", "-f", CONFIG, "-l", `tcp:${HOST}:${port}`, ...sipArgs, "-Y", runtimeDir, "-m", "32", "-M", "8", "-w", runtimeDir];
    const [file, argv] = namespace ? namespace.command(executable, args) : [executable, args];
    child = spawn(
      file,
      argv,
      // Its own process group: Kamailio forks its workers, and a crash (SIGKILL)
      // must take them down with the main process, as a real crash would.
      { stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    process.once("exit", killGroupNow);
    const exited = new Promise((done) => child.once("exit", (code, signal) => done({ code, signal })));
    child.exited = exited;
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding("utf8");
      stream.on("data", (text) => {
        output.push(text);
        if (output.length > 500) output.splice(0, output.length - 500);
        if (options.log) process.stderr.write(text);
      });
    }
    const deadline = Date.now() + (options.timeout ?? 15_000);
    for (;;) {
      const gone = await Promise.race([exited, sleep(0).then(() => undefined)]);
      if (gone) throw new Error(`kamailio exited (${gone.signal ?? gone.code}) before it answered:\n${output.join("")}`);
      if (await answersHttp(probePort)) return;
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`kamailio did not answer on ${HOST}:${port}:\n${output.join("")}`);
      }
      await sleep(50);
    }
  };

  /** Signals the process group this helper started (the main process and its workers). */
  const signalGroup = (running, signal) => {
    try {
      process.kill(-running.pid, signal);
    } catch {
      // already gone
    }
  };
  // A test process that exits without stopping it leaves no Kamailio behind.
  const killGroupNow = () => child && signalGroup(child, "SIGKILL");

  const end = async (signal) => {
    const running = child;
    if (!running) return;
    process.removeListener("exit", killGroupNow);
    if (running.exitCode === null && running.signalCode === null) {
      signalGroup(running, signal);
      const timer = setTimeout(() => signalGroup(running, "SIGKILL"), 5_000);
      await running.exited;
      clearTimeout(timer);
    }
    // Workers still finishing after the main process left.
    signalGroup(running, "SIGKILL");
    rmSync(runtimeDir, { recursive: true, force: true });
  };

  await launch();
  return {
    port,
    host: HOST,
    url: `ws://${HOST}:${port}`,
    domain: SIP_DOMAIN,
    output: () => output.join(""),
    stop: () => end("SIGTERM"),
    kill: () => end("SIGKILL"),
    async restart() {
      await end("SIGTERM");
      await launch();
    },
  };
}
