// 10,000 calls through one client: dial, ring, answer, hang up, complete
// (HubSpot writes the engagement). Reports throughput, live provider
// subscriptions and heap after forced GC at 1,000 and at 10,000 calls: a
// leak of listeners or waiters per call would show as growth.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createCallingClient } from "../src/client/createCallingClient";
import type { HostTransport, TransportSink } from "../src/sdk/hostTransport";
import type { OutboundMessage } from "../src/sdk/messages";
import { parseInboundMessage } from "../src/sdk/parseInboundMessage";
import type { ProviderCallEvent, TelephonyProvider } from "../src/providers/telephonyProvider";
import type { Bench, BenchRow } from "./bench";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const CALLS = Number(process.env.BENCH_CALLS ?? 10_000);

/** HubSpot in-process, answering like the real page, keeping no history. */
function quietHost(): HostTransport & { sync(): void } {
  let sink: TransportSink | undefined;
  let id = 1;
  const deliver = (raw: unknown) =>
    queueMicrotask(() => {
      const parsed = parseInboundMessage(raw);
      if (parsed.ok) sink?.receive(parsed.message);
    });
  return {
    async start(target) {
      sink = target;
    },
    stop() {
      sink = undefined;
    },
    sync: () => deliver({ type: "SYNC", messageId: "s", portalId: 1, hostUrl: "https://app.hubspot.com" }),
    send(message: OutboundMessage) {
      if (message.type === "OUTGOING_CALL_STARTED") {
        deliver({ type: "CREATE_ENGAGEMENT_SUCCEEDED", messageId: `h${id}`, data: { engagementId: id++ } });
      } else if (message.type === "CALL_COMPLETED") {
        deliver({ type: "UPDATE_ENGAGEMENT_SUCCEEDED", messageId: `u${id}`, data: { engagementId: message.data.engagementId } });
      }
    },
  };
}

/** A provider whose calls answer when told; counts live subscriptions. */
function countingProvider() {
  let live = 0;
  let current: ((event: ProviderCallEvent) => void) | undefined;
  const provider: TelephonyProvider = {
    async dial() {
      return {
        subscribe(listener) {
          live++;
          current = listener;
          return () => {
            live--;
            current = undefined;
          };
        },
        hangUp() {},
      };
    },
  };
  return { provider, live: () => live, report: (event: ProviderCallEvent) => current?.(event) };
}

const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

const bench: Bench = {
  name: "client-10k-calls",
  description: `${CALLS.toLocaleString("en")} calls through one client, end to end with an in-process HubSpot`,
  async run(): Promise<BenchRow[]> {
    const host = quietHost();
    const counting = countingProvider();
    const client = createCallingClient({ provider: counting.provider, transport: host });
    host.sync();
    await client.ready();
    await client.logIn();
    const rows: BenchRow[] = [];
    let heapAt1k = 0;
    const started = performance.now();
    for (let i = 1; i <= CALLS; i++) {
      const call = await client.dial({ toNumber: "+16175550100" });
      await call.engagementId;
      await new Promise((resolve) => setImmediate(resolve)); // let dial() resolve and subscribe
      counting.report({ type: "ringing" });
      counting.report({ type: "answered" });
      await call.hangUp();
      await call.complete({ notes: `call ${i}` });
      if (i === 1_000) heapAt1k = heapMb();
    }
    const seconds = (performance.now() - started) / 1000;
    const heapAtEnd = heapMb();
    rows.push({ metric: "throughput", value: Math.round(CALLS / seconds), unit: "calls/s", note: "dial → answered → hang up → complete, HubSpot writes" });
    rows.push({ metric: "live provider subscriptions after", value: counting.live(), unit: "", note: "0 = every call's listener released" });
    rows.push({ metric: "heap after 1,000 calls", value: heapAt1k.toFixed(1), unit: "MB", note: "after forced GC" });
    rows.push({ metric: `heap after ${CALLS.toLocaleString("en")} calls`, value: heapAtEnd.toFixed(1), unit: "MB", note: "after forced GC; flat = bounded" });
    rows.push({ metric: "heap growth per 1,000 calls", value: (((heapAtEnd - heapAt1k) / (CALLS - 1_000)) * 1_000 * 1024).toFixed(1), unit: "kB", note: "after the first 1,000" });
    client.destroy();
    return rows;
  },
};
export default bench;
