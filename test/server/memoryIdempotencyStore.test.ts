import { describe, expect, it } from "vitest";
import { memoryIdempotencyStore } from "../../src/server/memoryIdempotencyStore";

describe("memoryIdempotencyStore", () => {
  it("claims a key once, reports it busy, then done with the result", async () => {
    const store = memoryIdempotencyStore();
    expect(await store.claim("a")).toEqual({ state: "claimed" });
    expect(await store.claim("a")).toEqual({ state: "busy" });
    await store.complete("a", { engagementId: 9 });
    expect(await store.claim("a")).toEqual({ state: "done", engagementId: 9 });
    await store.complete("b", {});
    expect(await store.claim("b")).toEqual({ state: "done" });
  });

  it("gives a released claim to the next request, but never releases a written key", async () => {
    const store = memoryIdempotencyStore();
    await store.claim("a");
    await store.release("a");
    expect(await store.claim("a")).toEqual({ state: "claimed" });
    await store.complete("a", {});
    await store.release("a");
    expect(await store.claim("a")).toEqual({ state: "done" });
  });

  it("lets a claim lapse after the lease", async () => {
    let now = 0;
    const store = memoryIdempotencyStore({ leaseMs: 1_000, now: () => now });
    await store.claim("a");
    now = 999;
    expect(await store.claim("a")).toEqual({ state: "busy" });
    now = 1_000;
    expect(await store.claim("a")).toEqual({ state: "claimed" });
  });

  it("forgets the oldest written keys beyond maxEntries", async () => {
    const store = memoryIdempotencyStore({ maxEntries: 2 });
    for (const key of ["a", "b", "c"]) await store.complete(key, {});
    expect(await store.claim("a")).toEqual({ state: "claimed" });
    expect(await store.claim("b")).toEqual({ state: "done" });
    expect(await store.claim("c")).toEqual({ state: "done" });
  });

  it("never forgets a claim in progress to make room", async () => {
    const store = memoryIdempotencyStore({ maxEntries: 2 });
    expect(await store.claim("live")).toEqual({ state: "claimed" });
    for (const key of ["a", "b", "c", "d"]) await store.complete(key, {});
    // Still held: a concurrent copy must not be written.
    expect(await store.claim("live")).toEqual({ state: "busy" });
    expect(await store.claim("a")).toEqual({ state: "claimed" });
  });

  it("hands a new revision of a written record out as an update of its engagement", async () => {
    const store = memoryIdempotencyStore();
    expect(await store.claim("a", "r1")).toEqual({ state: "claimed" });
    await store.complete("a", { engagementId: 9, revision: "r1" });
    expect(await store.claim("a", "r1")).toEqual({ state: "done", engagementId: 9 });
    expect(await store.claim("a")).toEqual({ state: "done", engagementId: 9 });
    expect(await store.claim("a", "r2")).toEqual({ state: "claimed", engagementId: 9 });
    // While r2 is written, every copy waits.
    expect(await store.claim("a", "r2")).toEqual({ state: "busy" });
    expect(await store.claim("a", "r1")).toEqual({ state: "busy" });
    await store.complete("a", { engagementId: 9, revision: "r2" });
    expect(await store.claim("a", "r2")).toEqual({ state: "done", engagementId: 9 });
  });

  it("keeps what was written when the claim for a new revision is given back or lapses", async () => {
    let now = 0;
    const store = memoryIdempotencyStore({ leaseMs: 1_000, now: () => now });
    await store.claim("a", "r1");
    await store.complete("a", { engagementId: 9, revision: "r1" });
    await store.claim("a", "r2");
    await store.release("a");
    expect(await store.claim("a", "r1")).toEqual({ state: "done", engagementId: 9 });
    await store.claim("a", "r2");
    now = 1_000;
    expect(await store.claim("a", "r1")).toEqual({ state: "done", engagementId: 9 });
    expect(await store.claim("a", "r2")).toEqual({ state: "claimed", engagementId: 9 });
  });
});
