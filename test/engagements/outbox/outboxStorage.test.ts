import { describe, expect, it } from "vitest";
import { isOutboxEntry, type OutboxEntry } from "../../../src/engagements/outbox/outboxStorage";
import { makeCall } from "../fixtures";

const entry = (): OutboxEntry => ({
  id: "call-1",
  call: makeCall(1),
  properties: {},
  status: "pending",
  attempts: 0,
  createdAt: 1_700_000_000_000,
  nextAttemptAt: 1_700_000_000_000,
  revision: "r1",
});

describe("isOutboxEntry", () => {
  it("accepts an entry as stored", () => {
    expect(isOutboxEntry(JSON.parse(JSON.stringify(entry())))).toBe(true);
  });

  it("refuses entries whose times or attempt count are not finite numbers (they would never be due, or always)", () => {
    const broken: Record<string, unknown>[] = [
      { createdAt: undefined },
      { createdAt: "1700000000000" },
      { createdAt: Number.NaN },
      { nextAttemptAt: null },
      { nextAttemptAt: Number.NaN },
      { nextAttemptAt: Number.POSITIVE_INFINITY },
      { attempts: Number.NaN },
    ];
    for (const change of broken) {
      expect(isOutboxEntry({ ...entry(), ...change }), JSON.stringify(change)).toBe(false);
    }
  });
});
