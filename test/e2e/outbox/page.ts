// The widget side of the outbox end-to-end tests: a relay writer in a
// durable outbox (default storage: IndexedDB; default lock: Web Locks),
// driven by the test through `window.kit`.
import { indexedDbOutboxStorage } from "../../../src/engagements/outbox/indexedDbOutboxStorage";
import { selectOutboxStorage } from "../../../src/engagements/outbox/selectOutboxStorage";
import { withOutbox } from "../../../src/engagements/outbox/withOutbox";
import { relayWriter } from "../../../src/engagements/relayWriter";
import type { Kit } from "./relayHarness";

const name = new URLSearchParams(location.search).get("outbox") ?? "e2e";
const outbox = withOutbox(
  relayWriter({ url: "/relay", headers: { authorization: "Bearer e2e-secret" }, timeout: 5_000 }),
  { name, retry: { baseDelayMs: 50, maxDelayMs: 250 } },
);
const events: { type: string; id: string; attempt: number }[] = [];
outbox.subscribe((event) => events.push({ type: event.type, id: event.call.externalCallId, attempt: event.attempt }));
outbox.start({ signal: new AbortController().signal });

const kit: Kit = {
  events,
  async write(ids: string[]) {
    for (const id of ids) {
      const startedAt = Date.now();
      await outbox.write({
        call: {
          externalCallId: id,
          direction: "OUTBOUND",
          fromNumber: "+16175550199",
          toNumber: "+16175550100",
          startedAt,
          endedAt: startedAt + 1_000,
          durationMs: 1_000,
          endStatus: "COMPLETED",
          notes: `notes for ${id}`,
        },
        engagementId: undefined,
        properties: { hs_call_body: `notes for ${id}` },
        signal: new AbortController().signal,
      });
    }
  },
  pending: async () => (await outbox.pending()).map((entry) => entry.id).sort(),
  storageKind: async () => (await selectOutboxStorage({ name })).kind,
  indexedDb: (storageName) => indexedDbOutboxStorage({ name: storageName }),
};
(globalThis as unknown as { kit: Kit }).kit = kit;
document.title = "ready";
