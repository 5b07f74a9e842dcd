import { describe, expect, it } from "vitest";
import type {
  EngagementWriteRequest,
  EngagementWriteResult,
  EngagementWriter,
  EngagementWriterEvent,
  HostChannel,
} from "../../../src/engagements/engagementWriter";
import { memoryOutboxStorage } from "../../../src/engagements/outbox/memoryOutboxStorage";
import type { OutboxLock } from "../../../src/engagements/outbox/outboxLock";
import type { OutboxStorage } from "../../../src/engagements/outbox/outboxStorage";
import type { OutboxOptions } from "../../../src/engagements/outbox/outbox";
import { withOutbox } from "../../../src/engagements/outbox/withOutbox";
import { RelayError } from "../../../src/errors/relayError";
import { HubSpotApiError } from "../../../src/errors/hubSpotApiError";
import { ValidationError } from "../../../src/errors/validationError";
import { drain, fakeTimer, makeCall } from "../fixtures";

type Script = (request: EngagementWriteRequest, attempt: number) => Promise<EngagementWriteResult>;

function scriptedWriter(script: Script) {
  const requests: EngagementWriteRequest[] = [];
  const attempts = new Map<string, number>();
  const writer: EngagementWriter = {
    write(request) {
      requests.push(request);
      const n = (attempts.get(request.call.externalCallId) ?? 0) + 1;
      attempts.set(request.call.externalCallId, n);
      return script(request, n);
    },
  };
  return { writer, requests, attempts };
}

function request(index: number, extra: Partial<EngagementWriteRequest> = {}): EngagementWriteRequest {
  return {
    call: makeCall(index),
    engagementId: undefined,
    properties: { hs_call_body: `notes ${index}` },
    signal: new AbortController().signal,
    ...extra,
  };
}

function setup(script: Script, options: OutboxOptions = {}) {
  const clock = fakeTimer();
  const storage = options.storage ?? memoryOutboxStorage();
  const scripted = scriptedWriter(script);
  const outbox = withOutbox(scripted.writer, {
    storage,
    clock: clock.clock,
    retry: { baseDelayMs: 1_000, maxDelayMs: 30_000, random: () => 0.5 },
    ...options,
  });
  const events: EngagementWriterEvent[] = [];
  outbox.subscribe((event) => events.push(event));
  return { ...scripted, clock, storage, outbox, events };
}

const ok = async () => ({ engagementId: 77 });
const unavailable = () => new RelayError("relay down", { status: 503 });

describe("withOutbox", () => {
  it("stores the record before the first attempt, delivers it, then forgets it", async () => {
    let storedAtFirstAttempt: unknown;
    const storage = memoryOutboxStorage();
    const { outbox, events } = setup(
      async (req) => {
        storedAtFirstAttempt = await storage.get(req.call.externalCallId);
        return { engagementId: 77 };
      },
      { storage },
    );
    await expect(outbox.write(request(1))).resolves.toEqual({ queued: true });
    await drain();
    expect(storedAtFirstAttempt).toMatchObject({ id: "call-1", status: "pending", attempts: 0 });
    expect(events).toEqual([{ type: "written", call: makeCall(1), engagementId: 77, attempt: 1 }]);
    expect(await outbox.pending()).toEqual([]);
    expect(await storage.list()).toEqual([]);
  });

  it("retries with exponential backoff and full jitter, then delivers", async () => {
    const { outbox, events, clock, requests } = setup(async (_req, attempt) => {
      if (attempt < 4) throw unavailable();
      return { engagementId: 5 };
    });
    await outbox.write(request(1));
    await drain();
    // random() = 0.5: delays are half of 1 s, 2 s, 4 s.
    expect(clock.waiting()).toEqual([500]);
    await clock.advance(499);
    expect(requests).toHaveLength(1);
    await clock.advance(1);
    expect(requests).toHaveLength(2);
    expect(clock.waiting()).toEqual([1_000]);
    await clock.advance(1_000);
    expect(clock.waiting()).toEqual([2_000]);
    await clock.advance(2_000);
    expect(requests).toHaveLength(4);
    expect(events.map((e) => [e.type, e.attempt, e.type === "writeFailed" ? e.willRetry : undefined])).toEqual([
      ["writeFailed", 1, true],
      ["writeFailed", 2, true],
      ["writeFailed", 3, true],
      ["written", 4, undefined],
    ]);
    expect(await outbox.pending()).toEqual([]);
    expect(clock.waiting()).toEqual([]);
  });

  it("caps the delay at maxDelayMs", async () => {
    const { outbox, clock } = setup(
      async () => {
        throw unavailable();
      },
      { retry: { baseDelayMs: 1_000, maxDelayMs: 3_000, random: () => 0.999 } },
    );
    await outbox.write(request(1));
    for (let i = 0; i < 6; i++) {
      await drain();
      const [delay = -1] = clock.waiting();
      expect(delay).toBeLessThanOrEqual(3_000);
      await clock.advance(delay);
    }
    expect((await outbox.pending())[0]?.attempts).toBeGreaterThanOrEqual(6);
  });

  it("waits at least as long as the error's retryAfterMs", async () => {
    const { outbox, clock } = setup(async () => {
      throw new HubSpotApiError("slow down", { status: 429, retryAfterMs: 42_000 });
    });
    await outbox.write(request(1));
    await drain();
    expect(clock.waiting()).toEqual([42_000]);
  });

  it("stops retrying a record refused for good, keeps it in failed(), and retry() sends it again", async () => {
    let refuse = true;
    const { outbox, events, clock, requests } = setup(async () => {
      if (refuse) throw new RelayError("bad record", { status: 400, issues: [{ path: "call.toNumber", message: "x" }] });
      return {};
    });
    await outbox.write(request(1));
    await drain();
    expect(events).toEqual([
      expect.objectContaining({ type: "writeFailed", attempt: 1, willRetry: false, error: expect.any(RelayError) }),
    ]);
    expect(await outbox.pending()).toEqual([]);
    expect(await outbox.failed()).toEqual([
      expect.objectContaining({ id: "call-1", status: "failed", lastError: { code: "WRITER_ERROR", message: "bad record" } }),
    ]);
    await clock.advance(10 * 60_000);
    expect(requests).toHaveLength(1);

    refuse = false;
    await expect(outbox.retry("call-1")).resolves.toBe(true);
    await drain();
    expect(requests).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: "written", attempt: 1 });
    expect(await outbox.failed()).toEqual([]);
    await expect(outbox.retry("call-1")).resolves.toBe(false);
  });

  it("moves a record to failed() after maxAttempts", async () => {
    const { outbox, events, clock } = setup(
      async () => {
        throw unavailable();
      },
      { retry: { baseDelayMs: 10, maxAttempts: 3, random: () => 1 } },
    );
    await outbox.write(request(1));
    await clock.advance(1_000);
    expect(events.map((e) => (e.type === "writeFailed" ? e.willRetry : e.type))).toEqual([true, true, false]);
    expect(await outbox.failed()).toHaveLength(1);
  });

  it("discard() removes a record without delivering it", async () => {
    const { outbox, clock, requests } = setup(async () => {
      throw unavailable();
    });
    await outbox.write(request(1));
    await drain();
    await expect(outbox.discard("call-1")).resolves.toBe(true);
    await expect(outbox.discard("call-1")).resolves.toBe(false);
    await clock.advance(60_000);
    expect(requests).toHaveLength(1);
    expect(await outbox.pending()).toEqual([]);
  });

  it("delivers records left by an earlier page load once started", async () => {
    const storage = memoryOutboxStorage();
    const first = setup(async () => {
      throw unavailable();
    }, { storage });
    await first.outbox.write(request(1));
    await first.outbox.write(request(2));
    await drain();
    first.outbox.stop(); // the page goes away

    const second = setup(ok, { storage });
    expect((await second.outbox.pending()).map((e) => e.id)).toEqual(["call-1", "call-2"]);
    const controller = new AbortController();
    second.outbox.start({ signal: controller.signal });
    await second.clock.advance(1_000);
    expect(second.requests.map((r) => r.call.externalCallId).sort()).toEqual(["call-1", "call-2"]);
    expect(second.events.every((e) => e.type === "written" && e.attempt === 2)).toBe(true);
    expect(await storage.list()).toEqual([]);
  });

  it("gives the wrapped writer HubSpot's page from start(), the engagement id and hideWidget", async () => {
    const host: HostChannel = { send: () => undefined, next: () => new Promise(() => undefined) };
    const { outbox, requests } = setup(ok);
    outbox.start({ host, signal: new AbortController().signal });
    await outbox.write(request(1, { engagementId: 123, hideWidget: false }));
    await drain();
    expect(requests[0]?.host).toBe(host);
    expect(requests[0]?.hideWidget).toBe(false);
    expect(requests[0]?.engagementId).toBe(123);
    expect(requests[0]?.properties).toEqual({ hs_call_body: "notes 1" });
  });

  it("stop() aborts attempts in flight without counting them; start() resumes", async () => {
    const { outbox, requests, events, clock } = setup(
      (req, attempt) =>
        attempt === 1
          ? new Promise((_resolve, reject) => req.signal.addEventListener("abort", () => reject(req.signal.reason)))
          : ok(),
    );
    const controller = new AbortController();
    outbox.start({ signal: controller.signal });
    await outbox.write(request(1));
    await drain();
    expect(requests).toHaveLength(1);
    controller.abort();
    await drain();
    expect(events).toEqual([]);
    expect(await outbox.pending()).toEqual([expect.objectContaining({ id: "call-1", attempts: 0 })]);
    await clock.advance(60_000);
    expect(requests).toHaveLength(1);

    outbox.start({ signal: new AbortController().signal });
    await drain();
    expect(requests).toHaveLength(2);
    expect(events).toEqual([expect.objectContaining({ type: "written", attempt: 1 })]);
  });

  it("aborts an attempt that runs longer than attemptTimeoutMs (on its clock) and retries it", async () => {
    const { outbox, events, clock, requests } = setup(
      (req, attempt) =>
        attempt === 1
          ? new Promise((_resolve, reject) => req.signal.addEventListener("abort", () => reject(new Error("timed out"))))
          : ok(),
      { attemptTimeoutMs: 20_000, retry: { baseDelayMs: 1, random: () => 0 } },
    );
    await outbox.write(request(1));
    await drain();
    expect(clock.waiting()).toEqual([20_000]);
    await clock.advance(19_999);
    expect(events).toEqual([]);
    await clock.advance(1);
    expect(events.map((e) => e.type)).toEqual(["writeFailed", "written"]);
    expect(requests[0]?.signal.aborted).toBe(true);
  });

  it("ends an attempt whose writer ignores its signal, so the pass and the lock are not held for ever", async () => {
    let held = 0;
    const lock: OutboxLock = {
      run: async (task) => {
        held++;
        try {
          return await task();
        } finally {
          held--;
        }
      },
    };
    const { outbox, events, clock } = setup(
      (_req, attempt) => (attempt === 1 ? new Promise(() => undefined) : ok()),
      { attemptTimeoutMs: 30_000, lock, retry: { baseDelayMs: 1, random: () => 0 } },
    );
    await outbox.write(request(1));
    await drain();
    expect(held).toBe(1);
    await clock.advance(30_000);
    expect(events.map((e) => (e.type === "writeFailed" ? e.error.name : e.type))).toEqual(["TimeoutError", "written"]);
    expect(held).toBe(0);
    expect(await outbox.pending()).toEqual([]);
  });

  it("delivers the newest version when a call is written again during an attempt", async () => {
    let release: (() => void) | undefined;
    const { outbox, requests } = setup((_req, attempt) =>
      attempt === 1 ? new Promise((resolve) => (release = () => resolve({}))) : ok(),
    );
    await outbox.write(request(1));
    await drain();
    await outbox.write({ ...request(1), properties: { hs_call_body: "corrected notes" } });
    release?.();
    await drain();
    await outbox.flush();
    expect(requests.map((r) => r.properties.hs_call_body)).toEqual(["notes 1", "corrected notes"]);
    expect(await outbox.pending()).toEqual([]);
  });

  // Finding: recording an attempt's outcome read the record, compared its
  // revision, then removed or saved it in a separate step; a correction
  // stored in between (by another tab) was deleted, or replaced by the
  // older version. Here tab B stores its correction as soon as tab A starts
  // recording the outcome: after tab A's read took its snapshot (as an
  // IndexedDB read started earlier answers), or just before its atomic step.
  it.each([
    { outcome: "delivered", failFirst: false },
    { outcome: "failed", failFirst: true },
  ])("keeps a correction another tab stores while an attempt is being $outcome, and sends it next", async ({ failFirst }) => {
    const shared = memoryOutboxStorage();
    let armed = false;
    const correctFromTabB = async () => {
      if (!armed) return;
      armed = false;
      await tabB.outbox.write({ ...request(1), properties: { hs_call_body: "corrected" } });
    };
    const { compareAndSet } = shared;
    const tabAStorage: OutboxStorage = {
      ...shared,
      get: async (id) => {
        const snapshot = await shared.get(id);
        await correctFromTabB();
        return snapshot;
      },
      ...(compareAndSet && {
        compareAndSet: async (id, revision, next) => {
          await correctFromTabB();
          return compareAndSet(id, revision, next);
        },
      }),
    };
    // One lock for both tabs, as Web Locks give: tab B's pass waits for tab A's.
    let chain: Promise<unknown> = Promise.resolve();
    const lock: OutboxLock = {
      run: (task) => {
        const result = chain.then(task);
        chain = result.catch(() => undefined);
        return result;
      },
    };
    const sent: string[] = [];
    const script: Script = async (req) => {
      sent.push(String(req.properties.hs_call_body));
      if (sent.length === 1) {
        armed = true;
        if (failFirst) throw unavailable();
      }
      return {};
    };
    const tabA = setup(script, { storage: tabAStorage, lock, retry: { baseDelayMs: 1_000, random: () => 0 } });
    const tabB = setup(script, { storage: shared, lock });
    await tabA.outbox.write(request(1));
    await tabA.clock.advance(60_000);
    await tabB.clock.advance(60_000);
    await tabA.clock.advance(60_000);
    expect(sent).toEqual(["notes 1", "corrected"]);
    expect(await shared.list()).toEqual([]);
  });

  it("keeps a correction written in this tab while an attempt settles, with a storage that has no compareAndSet", async () => {
    const inner = memoryOutboxStorage();
    let gate = false;
    let open: () => void = () => undefined;
    // A custom storage written for earlier versions: the four basic methods only.
    const storage: OutboxStorage = {
      kind: "custom",
      list: () => inner.list(),
      put: (entry) => inner.put(entry),
      delete: (id) => inner.delete(id),
      get: async (id) => {
        const snapshot = await inner.get(id);
        if (gate) {
          gate = false;
          await new Promise<void>((resolve) => (open = resolve));
        }
        return snapshot;
      },
    };
    const { outbox, clock, requests } = setup(
      async (_req, attempt) => {
        if (attempt === 1) gate = true;
        return {};
      },
      { storage },
    );
    await outbox.write(request(1));
    await drain();
    const writing = outbox.write({ ...request(1), properties: { hs_call_body: "corrected" } });
    await drain();
    open();
    await writing;
    await clock.advance(60_000);
    expect(requests.map((r) => r.properties.hs_call_body)).toEqual(["notes 1", "corrected"]);
    expect(await inner.list()).toEqual([]);
  });

  it("gives a corrected record a fresh attempt budget", async () => {
    const { outbox, events, clock } = setup(
      async () => {
        throw unavailable();
      },
      { retry: { baseDelayMs: 10, maxAttempts: 2, random: () => 1 } },
    );
    await outbox.write(request(1));
    await clock.advance(1_000);
    expect(await outbox.failed()).toEqual([expect.objectContaining({ attempts: 2 })]);
    await outbox.write({ ...request(1), properties: { hs_call_body: "corrected" } });
    await drain();
    expect(events.at(-1)).toMatchObject({ type: "writeFailed", attempt: 1, willRetry: true });
    expect(await outbox.pending()).toEqual([expect.objectContaining({ attempts: 1 })]);
  });

  it("keeps records the storage refuses in memory and still delivers them", async () => {
    const broken: OutboxStorage = {
      kind: "broken",
      list: async () => [],
      get: async () => undefined,
      put: async () => {
        throw new DOMException("quota", "QuotaExceededError");
      },
      delete: async () => undefined,
    };
    let fail = true;
    const { outbox, events, clock } = setup(
      async () => {
        if (fail) throw unavailable();
        return {};
      },
      { storage: broken },
    );
    await outbox.write(request(1));
    await drain();
    expect(await outbox.pending()).toEqual([expect.objectContaining({ id: "call-1", attempts: 1 })]);
    fail = false;
    await clock.advance(1_000);
    expect(events.at(-1)).toMatchObject({ type: "written", attempt: 2 });
    expect(await outbox.pending()).toEqual([]);
  });

  it("keeps delivering when a listener throws", async () => {
    const { outbox, requests } = setup(ok);
    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);
    process.on("uncaughtException", onError);
    try {
      outbox.subscribe(() => {
        throw new Error("listener bug");
      });
      await outbox.write(request(1));
      await outbox.write(request(2));
      await drain();
    } finally {
      process.off("uncaughtException", onError);
    }
    expect(requests).toHaveLength(2);
    expect(await outbox.pending()).toEqual([]);
  });

  it("copes with writers that throw non-errors or resolve nothing", async () => {
    const { outbox, events, clock } = setup(async (_req, attempt) => {
      if (attempt === 1) throw null;
      if (attempt === 2) throw "offline";
      return undefined as unknown as EngagementWriteResult;
    });
    await outbox.write(request(1));
    await clock.advance(10_000);
    expect(events.map((e) => (e.type === "writeFailed" ? e.error.message : e.type))).toEqual(["null", "offline", "written"]);
    expect(await outbox.pending()).toEqual([]);
  });

  it("unsubscribe stops events", async () => {
    const { outbox } = setup(ok);
    const seen: EngagementWriterEvent[] = [];
    const unsubscribe = outbox.subscribe((event) => seen.push(event));
    unsubscribe();
    await outbox.write(request(1));
    await drain();
    expect(seen).toEqual([]);
  });

  it("refuses a record without an externalCallId", async () => {
    const { outbox } = setup(ok);
    await expect(outbox.write(request(1, { call: { ...makeCall(1), externalCallId: "" } }))).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it("a storage error while recording an outcome neither ends the pass early nor sends a record twice at once", async () => {
    const inner = memoryOutboxStorage();
    let broken = false;
    const storage: OutboxStorage = {
      kind: "flaky",
      list: () => inner.list(),
      get: async (id) => {
        if (broken && id === "call-1") throw new DOMException("read failed", "UnknownError");
        return inner.get(id);
      },
      put: (entry) => inner.put(entry),
      delete: (id) => inner.delete(id),
    };
    let lockHeld = false;
    const lock: OutboxLock = {
      run: async (task) => {
        expect(lockHeld).toBe(false);
        lockHeld = true;
        try {
          return await task();
        } finally {
          lockHeld = false;
        }
      },
    };
    const inFlight = new Map<string, number>();
    let mostAtOnce = 0;
    let finishSlow: (() => void) | undefined;
    const { outbox, events, clock, attempts } = setup(
      async (req, attempt) => {
        const id = req.call.externalCallId;
        inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
        mostAtOnce = Math.max(mostAtOnce, inFlight.get(id) ?? 0);
        try {
          if (id === "call-2" && attempt === 1) await new Promise<void>((resolve) => (finishSlow = resolve));
          // call-1 is delivered, and then its outcome cannot be recorded.
          if (id === "call-1" && attempt === 1) broken = true;
          return {};
        } finally {
          inFlight.set(id, (inFlight.get(id) ?? 1) - 1);
        }
      },
      { storage, lock, concurrency: 2 },
    );
    // Both records wait in storage (left by an earlier page load), so one pass sends both.
    for (const index of [1, 2]) {
      const { call, properties } = request(index);
      await inner.put({ id: call.externalCallId, call, properties, status: "pending", attempts: 0, createdAt: index, nextAttemptAt: 0, revision: "r" });
    }
    outbox.start({ signal: new AbortController().signal });
    await drain();
    expect(attempts.get("call-1")).toBe(1);
    // The pass is still running call-2: it holds the lock, and a new record
    // does not start a second pass that would send call-2 again.
    expect(lockHeld).toBe(true);
    await outbox.write(request(3));
    await drain();
    expect(attempts.get("call-2")).toBe(1);
    expect(attempts.get("call-3")).toBeUndefined();

    broken = false;
    finishSlow?.();
    await clock.advance(60_000);
    expect(mostAtOnce).toBe(1);
    expect(attempts.get("call-2")).toBe(1);
    // call-1 stayed pending when its outcome could not be stored, and was sent again.
    expect(attempts.get("call-1")).toBe(2);
    expect(await outbox.pending()).toEqual([]);
    expect(events.filter((e) => e.type === "written").map((e) => e.call.externalCallId).sort()).toEqual([
      "call-1",
      "call-2",
      "call-3",
    ]);
  });

  it("keeps a record refused with 401 (an expired session) pending and delivers it once the session is back", async () => {
    let session = false;
    const { outbox, events, clock } = setup(async () => {
      if (!session) throw new RelayError("Not authenticated", { status: 401, retryAfterMs: 60_000 });
      return {};
    });
    await outbox.write(request(1));
    await drain();
    expect(events).toEqual([expect.objectContaining({ type: "writeFailed", willRetry: true })]);
    expect(await outbox.failed()).toEqual([]);
    expect(clock.waiting()).toEqual([60_000]);
    session = true;
    await clock.advance(60_000);
    expect(events.at(-1)).toMatchObject({ type: "written", attempt: 2 });
    expect(await outbox.pending()).toEqual([]);
  });

  it("waits at most an hour, whatever retryAfterMs asks for", async () => {
    const { outbox, clock } = setup(async () => {
      throw new RelayError("later", { status: 503, retryAfterMs: 10 * 365 * 86_400_000 });
    });
    await outbox.write(request(1));
    await drain();
    expect(clock.waiting()).toEqual([3_600_000]);
  });

  it("works where AbortSignal.any and AbortSignal.timeout are missing", async () => {
    const { any, timeout } = AbortSignal;
    (AbortSignal as { any?: unknown }).any = undefined;
    (AbortSignal as { timeout?: unknown }).timeout = undefined;
    try {
      const { outbox, events } = setup(ok);
      await outbox.write(request(1));
      await drain();
      expect(events).toEqual([expect.objectContaining({ type: "written", attempt: 1 })]);
    } finally {
      AbortSignal.any = any;
      AbortSignal.timeout = timeout;
    }
  });

  it("with a shared lock, two outboxes over one storage send each record once", async () => {
    // Two tabs: one storage, one lock (what IndexedDB and Web Locks give).
    const storage = memoryOutboxStorage();
    let chain: Promise<unknown> = Promise.resolve();
    const lock: OutboxLock = {
      run: (task) => {
        const result = chain.then(task);
        chain = result.catch(() => undefined);
        return result;
      },
    };
    const sent: string[] = [];
    const slow: Script = async (req) => {
      sent.push(req.call.externalCallId);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return {};
    };
    const tabA = setup(slow, { storage, lock });
    const tabB = setup(slow, { storage, lock });
    const writes = [];
    for (let i = 0; i < 20; i++) writes.push((i % 2 ? tabA : tabB).outbox.write(request(i)));
    await Promise.all(writes);
    tabA.outbox.start({ signal: new AbortController().signal });
    tabB.outbox.start({ signal: new AbortController().signal });
    await expect.poll(async () => (await storage.list()).length, { timeout: 5_000 }).toBe(0);
    await tabA.outbox.flush();
    await tabB.outbox.flush();
    expect(sent.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `call-${i}`).sort());
  });
});
