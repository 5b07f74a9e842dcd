// A network namespace with only `lo` (127.0.0.1), for the SIP end-to-end
// tests: Chromium, Kamailio, rtpengine and the test's own SIP far end run
// inside it, so WebRTC media can only ever use 127.0.0.1 (no candidate
// filtering needed, nothing can leave through another interface). The test
// process stays outside; scripts/namespaceAgent.mjs holds the namespace and
// carries TCP in and out (fixture HTTP server in, Kamailio's port out).
//
// Needs `unshare --net` (root, or user namespaces) and `ip` (iproute2).
// probeLoopbackNamespace() says whether this machine has them and why not.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

// Next to this script, or from the repository root when this file was bundled elsewhere (npm run bench).
const AGENT = [resolve(import.meta.dirname, "namespaceAgent.mjs"), resolve(process.cwd(), "scripts/namespaceAgent.mjs")].find((file) => existsSync(file)) ?? "scripts/namespaceAgent.mjs";
const UNSHARE = ["unshare", "--net", "--", "sh", "-c"];
const LO_UP = "ip link set lo up";

let probed;
/**
 * Whether a loopback-only network namespace can be opened here:
 * `{ ok: true }` or `{ ok: false, reason }`. `SIP_TEST_NETNS=0` turns it off
 * (to exercise the fallback). Cached; a synchronous check of a few ms.
 */
export function probeLoopbackNamespace() {
  if (probed) return probed;
  if (process.env.SIP_TEST_NETNS === "0") return (probed = { ok: false, reason: "SIP_TEST_NETNS=0" });
  if (process.platform !== "linux") return (probed = { ok: false, reason: `not Linux (${process.platform})` });
  const run = spawnSync(UNSHARE[0], [...UNSHARE.slice(1), `${LO_UP} && ip -o -4 addr show`], { encoding: "utf8" });
  if (run.error) return (probed = { ok: false, reason: `unshare: ${run.error.message}` });
  if (run.status !== 0) return (probed = { ok: false, reason: `unshare --net failed: ${(run.stderr || "").trim() || run.status}` });
  if (!/\blo\b.*127\.0\.0\.1/.test(run.stdout)) return (probed = { ok: false, reason: `no 127.0.0.1 on lo in a new namespace: ${run.stdout.trim()}` });
  return (probed = { ok: true });
}

/** Joins two sockets both ways. */
function join2(a, b) {
  a.on("error", () => b.destroy());
  b.on("error", () => a.destroy());
  a.pipe(b);
  b.pipe(a);
}

const listening = (server, ...args) =>
  new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(...args, () => done(server));
  });

/**
 * Opens the namespace. Resolves to a handle:
 * - `pid`, `netns` (the /proc path of the namespace)
 * - `command(exe, args)`: `[exe, args]` that run a program inside it (nsenter;
 *   it execs, so the pid is the program's own)
 * - `wrapper(exe)`: the path of an executable script that runs `exe` inside
 *   it with its arguments (for launchers that take an executable path)
 * - `expose(hostPort)`: a port on the namespace's 127.0.0.1 that reaches
 *   127.0.0.1:hostPort outside
 * - `reach(nsPort)`: a port on the outside 127.0.0.1 that reaches
 *   127.0.0.1:nsPort inside
 * - `close()`
 */
export async function openLoopbackNamespace() {
  const probe = probeLoopbackNamespace();
  if (!probe.ok) throw new Error(`no network namespace: ${probe.reason}`);
  const dir = mkdtempSync(join(tmpdir(), "hubspot-calling-kit-netns-"));
  const agent = spawn(UNSHARE[0], [...UNSHARE.slice(1), `${LO_UP} && exec "$0" "$1" "$2"`, process.execPath, AGENT, dir], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const replies = new Map();
  let ready;
  const isReady = new Promise((done, fail) => {
    ready = done;
    agent.once("exit", (code, signal) => fail(new Error(`the namespace agent exited (${signal ?? code})`)));
    agent.once("error", fail);
  });
  createInterface({ input: agent.stdout }).on("line", (line) => {
    const message = JSON.parse(line);
    if (message.ready) ready();
    replies.get(message.id)?.(message.port);
    replies.delete(message.id);
  });
  await isReady;
  const netns = `/proc/${agent.pid}/ns/net`;
  const servers = [];
  const sockets = new Set();
  const track = (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  };
  let ids = 0;

  const command = (exe, args = []) => ["nsenter", [`--net=${netns}`, "--", exe, ...args]];
  return {
    pid: agent.pid,
    netns,
    command,
    wrapper(exe) {
      const file = join(dir, `run-${ids++}`);
      writeFileSync(file, `#!/bin/sh\nexec nsenter --net=${netns} -- ${JSON.stringify(exe)} "$@"\n`);
      chmodSync(file, 0o755);
      return file;
    },
    async expose(hostPort) {
      const id = ++ids;
      const path = join(dir, `expose-${id}.sock`);
      servers.push(await listening(createServer((inside) => {
        track(inside);
        join2(inside, createConnection({ host: "127.0.0.1", port: hostPort }));
      }), path));
      const port = new Promise((done) => replies.set(id, done));
      agent.stdin.write(JSON.stringify({ id, expose: path }) + "\n");
      return port;
    },
    async reach(nsPort) {
      const server = createServer((outside) => {
        track(outside);
        const inside = createConnection({ path: join(dir, "reach.sock") });
        inside.write(`${nsPort}\n`);
        join2(outside, inside);
      });
      servers.push(await listening(server, 0, "127.0.0.1"));
      return server.address().port;
    },
    async close() {
      const closed = servers.map((server) => new Promise((done) => server.close(() => done())));
      for (const socket of sockets) socket.destroy();
      await Promise.all(closed);
      agent.stdin.end();
      if (agent.exitCode === null && agent.signalCode === null) await new Promise((done) => agent.once("exit", done));
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
