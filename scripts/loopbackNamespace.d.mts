// Types of loopbackNamespace.mjs, for the tests written in TypeScript.

/** Whether a loopback-only network namespace can be opened on this machine, and why not. */
export type NamespaceProbe = { ok: true } | { ok: false; reason: string };
export declare function probeLoopbackNamespace(): NamespaceProbe;

/** An open network namespace with only `lo` up (127.0.0.1). */
export interface LoopbackNamespace {
  /** The pid of the process that holds it. */
  pid: number;
  /** /proc/PID/ns/net */
  netns: string;
  /** The command and arguments that run `exe args` inside it (nsenter, which execs). */
  command(exe: string, args?: string[]): [string, string[]];
  /** An executable script that runs `exe` with its arguments inside it. */
  wrapper(exe: string): string;
  /** A port on the namespace's 127.0.0.1 that reaches 127.0.0.1:hostPort outside (TCP). */
  expose(hostPort: number): Promise<number>;
  /** A port on the outside 127.0.0.1 that reaches 127.0.0.1:nsPort inside (TCP). */
  reach(nsPort: number): Promise<number>;
  close(): Promise<void>;
}
export declare function openLoopbackNamespace(): Promise<LoopbackNamespace>;
