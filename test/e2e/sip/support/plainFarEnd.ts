// Runs plainSipFarEnd.mjs (a plain SIP/UDP + RTP user agent) as a child
// process of the test, inside the tests' network namespace when there is
// one, and collects what it reports.
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import type { LoopbackNamespace } from "../../../../scripts/loopbackNamespace.mjs";

const SCRIPT = resolve(import.meta.dirname, "plainSipFarEnd.mjs");

export interface FarEndLine {
  user: string;
  password: string;
  /** Answer with telephone-event/8000 (RFC 4733) when offered. */
  telephoneEvent: boolean;
}
export interface FarEndReport {
  type: "registered" | "invite" | "answered" | "info" | "bye" | "dtmf" | "stats" | "error";
  user?: string;
  [key: string]: unknown;
}
export interface PlainFarEnd {
  reports: FarEndReport[];
  /** Resolves with the first report (from `from` on) that matches; gives up after `timeout`. */
  next(match: (report: FarEndReport) => boolean, from?: number, timeout?: number): Promise<FarEndReport>;
  /** Packet counts of each line, all its calls. */
  stats(user: string): Promise<{ audioPackets: number; eventPackets: number; otherPackets: number }>;
  close(): Promise<void>;
}

export async function startPlainFarEnd(
  setup: { server: { host: string; port: number }; domain: string; lines: FarEndLine[] },
  namespace?: LoopbackNamespace,
): Promise<PlainFarEnd> {
  const [file, args] = namespace ? namespace.command(process.execPath, [SCRIPT, JSON.stringify(setup)]) : [process.execPath, [SCRIPT, JSON.stringify(setup)]];
  const child: ChildProcess = spawn(file, args, { stdio: ["pipe", "pipe", "inherit"] });
  const reports: FarEndReport[] = [];
  const waiting = new Set<() => void>();
  createInterface({ input: child.stdout! }).on("line", (line) => {
    reports.push(JSON.parse(line) as FarEndReport);
    for (const wake of waiting) wake();
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const far: PlainFarEnd = {
    reports,
    next(match, from = 0, timeout = 15_000) {
      return new Promise((done, fail) => {
        const check = () => {
          const found = reports.slice(from).find(match);
          if (!found) return;
          waiting.delete(check);
          clearTimeout(timer);
          done(found);
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          fail(new Error(`the plain far end did not report it; it reported ${JSON.stringify(reports.slice(from))}`));
        }, timeout);
        waiting.add(check);
        check();
      });
    },
    async stats(user) {
      const from = reports.length;
      child.stdin!.write("stats\n");
      const report = await far.next((r) => r.type === "stats" && r.user === user, from);
      return report as unknown as { audioPackets: number; eventPackets: number; otherPackets: number };
    },
    async close() {
      child.stdin!.end();
      await exited;
    },
  };
  for (const line of setup.lines) await far.next((report) => report.user === line.user && (report.type === "registered" || report.type === "error"));
  const failed = reports.find((report) => report.type === "error");
  if (failed) throw new Error(`the plain far end could not register: ${JSON.stringify(failed)}`);
  return far;
}
