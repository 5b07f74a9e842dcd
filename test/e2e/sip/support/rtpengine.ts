// rtpengine from Debian (`rtpengine-daemon`), userspace forwarding only
// (--table=-1: no kernel module), as a child process of the SIP tests, on
// 127.0.0.1 (inside the tests' network namespace when there is one).
// Kamailio's rtpengine module drives it over the NG protocol: it bridges a
// browser's DTLS-SRTP + ICE to plain RTP/AVP for a plain SIP far end.
import { type ChildProcess, spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { existsSync } from "node:fs";
import type { LoopbackNamespace } from "../../../../scripts/loopbackNamespace.mjs";

const EXECUTABLE = ["/usr/bin/rtpengine", "/usr/sbin/rtpengine"].find((file) => existsSync(file));

export interface RunningRtpengine {
  /** Its NG control port (UDP, 127.0.0.1). */
  ngPort: number;
  output(): string;
  stop(): Promise<void>;
}

/** A free UDP port on 127.0.0.1 (outside a namespace; inside one every port is free). */
function freeUdpPort(): Promise<number> {
  return new Promise((done, fail) => {
    const socket = createSocket("udp4");
    socket.once("error", fail);
    socket.bind(0, "127.0.0.1", () => {
      const { port } = socket.address();
      socket.close(() => done(port));
    });
  });
}

/** Starts rtpengine and resolves once it reports "Startup complete". */
export async function startRtpengine(namespace?: LoopbackNamespace): Promise<RunningRtpengine> {
  if (!EXECUTABLE) throw new Error("rtpengine is not installed: apt-get install -y --no-install-recommends rtpengine-daemon (.ci/run does it)");
  const ngPort = await freeUdpPort();
  // RTP ports: a random block of 200 above 20000 (one call needs a few).
  const low = 20_000 + 2 * Math.floor(Math.random() * 20_000);
  const args = [
    "--config-file=none",
    "--foreground",
    "--log-stderr",
    "--table=-1",
    "--interface=127.0.0.1",
    `--listen-ng=127.0.0.1:${ngPort}`,
    `--port-min=${low}`,
    `--port-max=${low + 199}`,
    "--log-level=6",
    "--delete-delay=0",
  ];
  const [file, argv] = namespace ? namespace.command(EXECUTABLE, args) : [EXECUTABLE, args];
  const child: ChildProcess = spawn(file, argv, { stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`rtpengine did not start:\n${output.join("")}`)), 15_000);
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.setEncoding("utf8");
      stream.on("data", (text: string) => {
        output.push(text);
        if (output.length > 500) output.splice(0, output.length - 500);
        if (text.includes("Startup complete")) {
          clearTimeout(timer);
          done();
        }
      });
    }
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`rtpengine exited (${signal ?? code}) before it started:\n${output.join("")}`));
    });
  });
  return {
    ngPort,
    output: () => output.join(""),
    async stop() {
      process.removeListener("exit", kill);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(kill, 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
