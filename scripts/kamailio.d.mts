// Types of kamailio.mjs, for the tests and benches written in TypeScript.
import type { LoopbackNamespace } from "./loopbackNamespace.mjs";

/** The SIP domain (realm) test/sip/kamailio.cfg serves. */
export declare const SIP_DOMAIN: string;
/** The digest password the configuration expects for `user`. */
export declare function passwordOf(user: string): string;
/** The kamailio executable, or undefined when it is not installed. */
export declare function kamailioPath(): string | undefined;
/** A free TCP port on 127.0.0.1. */
export declare function freePort(): Promise<number>;

/** Options of {@link startKamailio}. */
export interface StartKamailioOptions {
  /** The WebSocket port on 127.0.0.1 (default: a free one). */
  port?: number;
  /** Copy Kamailio's output to stderr. */
  log?: boolean;
  /** How long to wait for it to answer (default 15 s). */
  timeout?: number;
  /** Run it inside this network namespace (scripts/loopbackNamespace.mjs); its ports are the namespace's. */
  namespace?: LoopbackNamespace;
  /** Also listen for SIP over UDP on the same port (plain SIP user agents). */
  udp?: boolean;
  /** Relay media of WebRTC-to-plain-SIP calls through rtpengine, whose NG control port (UDP, 127.0.0.1) this is. */
  rtpengine?: number;
}

/** A running Kamailio. */
export interface RunningKamailio {
  port: number;
  host: string;
  /** e.g. ws://127.0.0.1:41234 */
  url: string;
  /** The SIP domain, sip.test. */
  domain: string;
  /** The last lines it wrote. */
  output(): string;
  /** SIGTERM, and waits for it to exit. */
  stop(): Promise<void>;
  /** SIGKILL (a crash), and waits for it to exit. */
  kill(): Promise<void>;
  /** Stops it and starts it again on the same port. */
  restart(): Promise<void>;
}

/** Starts Kamailio with test/sip/kamailio.cfg; resolves once it answers. */
export declare function startKamailio(options?: StartKamailioOptions): Promise<RunningKamailio>;
