import { describe, expect, it } from "vitest";
import type { IdempotencyStore } from "../../src/server/idempotencyStore";
import { memoryIdempotencyStore } from "../../src/server/memoryIdempotencyStore";

// Claims `key` and hands back the claim's token; fails the test unless the claim was taken.
async function claimToken(store: IdempotencyStore, key: string, revision?: string): Promise<string> {
  const claim = await store.claim(key, revision);
  if (claim.state !== "claimed") throw new Error(`expected to claim ${key}, got ${claim.state}`);
  return claim.token;
}

async function write(store: IdempotencyStore, key: string, result: { engagementId?: number; revision?: string } = {}) {
  await store.complete(key, result, await claimToken(store, key, result.revision));
}

const claimed = (engagementId?: number) => ({
  state: "claimed",
  token: expect.any(String),
  ...(engagementId === undefined ? {} : { engagementId }),
});

describe("memoryIdempotencyStore", () => {
  it("claims a key once, reports it busy, then done with the result", async () => {
    const store = memoryIdempotencyStore();
    const claim = await store.claim("a");
    expect(claim).toEqual(claimed());
    expect(await store.claim("a")).toEqual({ state: "busy" });
    await store.complete("a", { engagementId: 9 }, (claim as { token: string }).token);
    expect(await store.claim("a")).toEqual({ state: "done", engagementId: 9 });
    await write(store, "b");
    expect(await store.claim("b")).toEqual({ state: "done" });
  });

  it("names every claim with its own token", async () => {
    const store = memoryIdempotencyStore();
    const tokens = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const token = await claimToken(store, "a");
      tokens.add(token);
      await store.release("a", token);
    }
    tokens.add(await claimToken(store, "b"));
    expect(tokens.size).toBe(4);
  });

  it("gives a released claim to the next request, but never releases a written key", async () => {
    const store = memoryIdempotencyStore();
    await store.release("a", await claimToken(store, "a"));
    const token = await claimToken(store, "a");
    await store.complete("a", {}, token);
    await store.release("a", token);
    expect(await store.claim("a")).toEqual({ state: "done" });
  });

  it("ignores a release with a token that does not name the claim", async () => {
    const store = memoryIdempotencyStore();
    const token = await claimToken(store, "a");
    await store.release("a", `${token}-other`);
    expect(await store.claim("a")).toEqual({ state: "busy" });
    await store.release("a", token);
    expect(await store.claim("a")).toEqual(claimed());
  });

  it("lets a claim lapse after the lease", async () => {
    let now = 0;
    const store = memoryIdempotencyStore({ leaseMs: 1_000, now: () => now });
    await store.claim("a");
    now = 999;
    expect(await store.claim("a")).toEqual({ state: "busy" });
    now = 1_000;
    expect(await store.claim("a")).toEqual(claimed());
  });

  it("does not let a claimant whose lease lapsed release the claim that took the key over", async () => {
    let now = 0;
    const store = memoryIdempotencyStore({ leaseMs: 1_000, now: () => now });
    const slow = await claimToken(store, "a");
    now = 1_000;
    const second = await claimToken(store, "a");
    expect(second).not.toBe(slow);
    // The slow writer fails and gives back what it thinks is its claim.
    await store.release("a", slow);
    // Still held by the second request: a third copy must not be written now.
    expect(await store.claim("a")).toEqual({ state: "busy" });
    await store.release("a", second);
    expect(await store.claim("a")).toEqual(claimed());
  });

  it("keeps a late complete from a lapsed claim as written before, without ending the live claim", async () => {
    let now = 0;
    const store = memoryIdempotencyStore({ leaseMs: 1_000, now: () => now });
    await write(store, "a", { engagementId: 9, revision: "r1" });
    const slow = await claimToken(store, "a", "r2");
    now = 1_000;
    const second = await store.claim("a", "r3");
    expect(second).toEqual(claimed(9));
    const token = (second as { token: string }).token;
    // The slow writer of r2 finishes after the second request took the key over.
    await store.complete("a", { engagementId: 10, revision: "r2" }, slow);
    expect(await store.claim("a", "r2")).toEqual({ state: "busy" });
    expect(await store.claim("a", "r3")).toEqual({ state: "busy" });
    // The second writer fails: what is left is what the slow writer wrote, not r1.
    await store.release("a", token);
    expect(await store.claim("a", "r2")).toEqual({ state: "done", engagementId: 10 });
    expect(await store.claim("a", "r3")).toEqual(claimed(10));
  });

  it("lets the live claim's complete supersede a late complete from a lapsed claim", async () => {
    let now = 0;
    const store = memoryIdempotencyStore({ leaseMs: 1_000, now: () => now });
    const slow = await claimToken(store, "a", "r1");
    now = 1_000;
    const second = await claimToken(store, "a", "r2");
    await store.complete("a", { engagementId: 7, revision: "r1" }, slow);
    await store.complete("a", { engagementId: 8, revision: "r2" }, second);
    expect(await store.claim("a", "r2")).toEqual({ state: "done", engagementId: 8 });
    expect(await store.claim("a", "r1")).toEqual(claimed(8));
  });

  it("records a late complete when no other claim is live, and then the key is written", async () => {
    let now = 0;
    const store = memoryIdempotencyStore({ leaseMs: 1_000, now: () => now });
    const slow = await claimToken(store, "a", "r1");
    now = 1_000;
    // Lapsed, and nobody took it over: the write still happened.
    await store.complete("a", { engagementId: 7, revision: "r1" }, slow);
    expect(await store.claim("a", "r1")).toEqual({ state: "done", engagementId: 7 });
    // Another request's claim that lapsed in turn does not hold back a late complete either.
    const second = await claimToken(store, "a", "r2");
    now = 2_000;
    await store.complete("a", { engagementId: 8, revision: "r2" }, `${second}-other`);
    expect(await store.claim("a", "r2")).toEqual({ state: "done", engagementId: 8 });
    // Its own release afterwards cannot undo that.
    await store.release("a", second);
    expect(await store.claim("a", "r2")).toEqual({ state: "done", engagementId: 8 });
  });

  it("forgets the oldest written keys beyond maxEntries", async () => {
    const store = memoryIdempotencyStore({ maxEntries: 2 });
    for (const key of ["a", "b", "c"]) await write(store, key);
    expect(await store.claim("a")).toEqual(claimed());
    expect(await store.claim("b")).toEqual({ state: "done" });
    expect(await store.claim("c")).toEqual({ state: "done" });
  });

  it("never forgets a claim in progress to make room", async () => {
    const store = memoryIdempotencyStore({ maxEntries: 2 });
    expect(await store.claim("live")).toEqual(claimed());
    for (const key of ["a", "b", "c", "d"]) await write(store, key);
    // Still held: a concurrent copy must not be written.
    expect(await store.claim("live")).toEqual({ state: "busy" });
    expect(await store.claim("a")).toEqual(claimed());
  });

  it("hands a new revision of a written record out as an update of its engagement", async () => {
    const store = memoryIdempotencyStore();
    await write(store, "a", { engagementId: 9, revision: "r1" });
    expect(await store.claim("a", "r1")).toEqual({ state: "done", engagementId: 9 });
    expect(await store.claim("a")).toEqual({ state: "done", engagementId: 9 });
    const r2 = await store.claim("a", "r2");
    expect(r2).toEqual(claimed(9));
    // While r2 is written, every copy waits.
    expect(await store.claim("a", "r2")).toEqual({ state: "busy" });
    expect(await store.claim("a", "r1")).toEqual({ state: "busy" });
    await store.complete("a", { engagementId: 9, revision: "r2" }, (r2 as { token: string }).token);
    expect(await store.claim("a", "r2")).toEqual({ state: "done", engagementId: 9 });
  });

  it("keeps what was written when the claim for a new revision is given back or lapses", async () => {
    let now = 0;
    const store = memoryIdempotencyStore({ leaseMs: 1_000, now: () => now });
    await write(store, "a", { engagementId: 9, revision: "r1" });
    await store.release("a", await claimToken(store, "a", "r2"));
    expect(await store.claim("a", "r1")).toEqual({ state: "done", engagementId: 9 });
    await store.claim("a", "r2");
    now = 1_000;
    expect(await store.claim("a", "r1")).toEqual({ state: "done", engagementId: 9 });
    expect(await store.claim("a", "r2")).toEqual(claimed(9));
  });
});
