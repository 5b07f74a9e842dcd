import { TimeoutError } from "../../errors/timeoutError";
import { ValidationError } from "../../errors/validationError";
import { raceSignal, scopedSignal } from "../../internal/anySignal";
import type { EngagementWriteResult, EngagementWriter, EngagementWriterEvent, HostChannel } from "../engagementWriter";
import { memoryOutboxStorage } from "./memoryOutboxStorage";
import type { Outbox, OutboxOptions } from "./outbox";
import { webLocksLock } from "./outboxLock";
import type { OutboxEntry, OutboxStorage } from "./outboxStorage";
import { systemClock } from "../../internal/clock";
import { backoffDelay, isRetryableError, requestedDelay } from "./retryPolicy";
import { selectOutboxStorage } from "./selectOutboxStorage";

const byAge = (a: OutboxEntry, b: OutboxEntry) => a.createdAt - b.createdAt;

/**
 * Wraps any writer in a durable outbox. A record is stored (IndexedDB,
 * falling back to localStorage, then memory) before its first attempt;
 * failed attempts are retried with exponential backoff and full jitter,
 * honouring `retryAfterMs`; stored records survive a reload and are
 * delivered once the client calls `start()` again; with several tabs open,
 * one delivery pass runs at a time (Web Locks), and a pass ends only once
 * each of its attempts has ended, so two tabs never send one record at the
 * same time. An error that is not retryable (a 4xx validation error) stops retries
 * for that record, which then stays in `failed()`: nothing is dropped
 * silently. The wrapped writer must be idempotent by `externalCallId`
 * (every writer in this library is).
 *
 * @example
 * ```ts
 * const writer = withOutbox(relayWriter({ url: "/hubspot/relay" }));
 * const client = createCallingClient({ provider, writer });
 * client.on("engagementWriteFailed", ({ error, attempt, willRetry }) => {
 *   if (!willRetry) showBanner(`Call not logged: ${error.message}`);
 * });
 * ```
 */
export function withOutbox(writer: EngagementWriter, options: OutboxOptions = {}): Outbox {
  const name = options.name ?? "calls";
  const clock = options.clock ?? systemClock;
  const lock = options.lock ?? webLocksLock(`hubspot-calling-kit:outbox:${name}`);
  const retry = options.retry ?? {};
  const maxAttempts = retry.maxAttempts ?? Number.POSITIVE_INFINITY;
  const isRetryable = retry.isRetryable ?? isRetryableError;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 60_000;
  const listeners = new Set<(event: EngagementWriterEvent) => void>();
  // Records the storage refused (quota, a broken database) are kept here and
  // still delivered in this page's lifetime.
  const unsaved = memoryOutboxStorage();
  let storage: Promise<OutboxStorage> | undefined = options.storage && Promise.resolve(options.storage);
  let host: HostChannel | undefined;
  let life = new AbortController();
  let stopped = false;
  let passing: Promise<void> | undefined;
  let again = false;
  let failedPasses = 0;
  let cancelTimer: (() => void) | undefined;
  let revisions = 0;

  const stored = () => (storage ??= selectOutboxStorage({ name }));

  async function list(): Promise<OutboxEntry[]> {
    const entries = new Map((await (await stored()).list()).map((entry) => [entry.id, entry]));
    for (const entry of await unsaved.list()) entries.set(entry.id, entry);
    return [...entries.values()].sort(byAge);
  }
  async function get(id: string): Promise<OutboxEntry | undefined> {
    return (await unsaved.get(id)) ?? (await stored()).get(id);
  }
  async function save(entry: OutboxEntry): Promise<void> {
    try {
      await (await stored()).put(entry);
      await unsaved.delete(entry.id);
    } catch {
      await unsaved.put(entry);
    }
  }
  async function remove(id: string): Promise<void> {
    await unsaved.delete(id);
    await (await stored()).delete(id);
  }

  function emit(event: EngagementWriterEvent): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        // A broken listener must not stop deliveries; report it like an
        // uncaught error instead of swallowing it.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  // Runs the read-modify-write steps on one record one after the other in
  // this tab (the storage's compareAndSet covers other tabs).
  const queues = new Map<string, Promise<unknown>>();
  function exclusive<T>(id: string, task: () => Promise<T>): Promise<T> {
    const result = (queues.get(id) ?? Promise.resolve()).then(task);
    const tail = result.catch(() => undefined);
    queues.set(id, tail);
    void tail.then(() => {
      if (queues.get(id) === tail) queues.delete(id);
    });
    return result;
  }

  // Replaces (or removes) a record only if it still has `revision`.
  async function swap(id: string, revision: string, next: OutboxEntry | undefined): Promise<boolean> {
    const local = await unsaved.get(id);
    if (local) {
      if (local.revision !== revision) return false;
      if (next) await save(next);
      else await remove(id);
      return true;
    }
    const storage = await stored();
    if (storage.compareAndSet) return storage.compareAndSet(id, revision, next);
    // A custom storage without compareAndSet: atomic within this tab only.
    if ((await storage.get(id))?.revision !== revision) return false;
    if (next) await storage.put(next);
    else await storage.delete(id);
    return true;
  }

  // Stores the outcome of an attempt, unless the call was written again in
  // the meantime: then the newer version is delivered next.
  function settle(entry: OutboxEntry, next: OutboxEntry | undefined): Promise<boolean> {
    return exclusive(entry.id, () => swap(entry.id, entry.revision, next));
  }

  // One attempt. Never throws: a storage failure while recording the outcome
  // leaves the record as it was stored (pending, sent again later; the writer
  // is idempotent) and is reported as false, so the pass backs off.
  async function attempt(entry: OutboxEntry, signal: AbortSignal): Promise<boolean> {
    const number = entry.attempts + 1;
    const scope = scopedSignal([signal], {
      ms: attemptTimeoutMs,
      clock,
      reason: () => new TimeoutError(`the delivery of call ${entry.id}`, attemptTimeoutMs),
    });
    let outcome: { ok: true; result: EngagementWriteResult | undefined } | { ok: false; thrown: unknown };
    try {
      // Raced against the signal: a writer that ignores it cannot hold the
      // pass (and the lock every tab waits for) for ever.
      const writing = Promise.resolve().then(() =>
        writer.write({
          call: entry.call,
          engagementId: entry.engagementId,
          properties: entry.properties,
          ...(entry.hideWidget === undefined ? {} : { hideWidget: entry.hideWidget }),
          signal: scope.signal,
          ...(host ? { host } : {}),
        }),
      );
      outcome = { ok: true, result: await raceSignal(writing, scope.signal) };
    } catch (thrown) {
      outcome = { ok: false, thrown };
    } finally {
      scope.dispose();
    }
    // Stopped: the record stays as it was, for the next start().
    if (!outcome.ok && signal.aborted) return true;
    try {
      if (outcome.ok) {
        await settle(entry, undefined);
        emit({
          type: "written",
          call: entry.call,
          engagementId: outcome.result?.engagementId ?? entry.engagementId,
          attempt: number,
        });
        return true;
      }
      const { thrown } = outcome;
      const error = thrown instanceof Error ? thrown : new Error(String(thrown));
      const willRetry = number < maxAttempts && isRetryable(thrown);
      const delay = Math.max(backoffDelay(number, retry), requestedDelay(thrown));
      const code = (thrown as { code?: unknown } | null)?.code;
      await settle(entry, {
        ...entry,
        attempts: number,
        status: willRetry ? "pending" : "failed",
        nextAttemptAt: clock.now() + (willRetry ? delay : 0),
        lastError: { ...(typeof code === "string" ? { code } : {}), message: error.message },
      });
      emit({ type: "writeFailed", call: entry.call, error, attempt: number, willRetry });
      return true;
    } catch {
      return false;
    }
  }

  // One pass: every due record, `concurrency` at a time, under the lock so
  // that another tab's pass cannot send the same records. The pass (and the
  // lock) lasts until every attempt it started has ended.
  async function pass(): Promise<void> {
    const signal = life.signal;
    const now = clock.now();
    const due = (await list()).filter((entry) => entry.status === "pending" && entry.nextAttemptAt <= now);
    let next = 0;
    let storageFailed = false;
    const work = async () => {
      while (next < due.length && !signal.aborted) {
        if (!(await attempt(due[next++] as OutboxEntry, signal))) storageFailed = true;
      }
    };
    await Promise.allSettled(Array.from({ length: Math.min(concurrency, due.length) }, work));
    if (storageFailed) throw new Error("outbox storage failed");
  }

  async function schedule(): Promise<void> {
    cancelTimer?.();
    cancelTimer = undefined;
    if (stopped) return;
    let delay: number | undefined;
    try {
      const waiting = (await list()).filter((entry) => entry.status === "pending");
      if (waiting.length > 0) {
        delay = Math.max(0, Math.min(...waiting.map((entry) => entry.nextAttemptAt)) - clock.now());
      }
    } catch {
      failedPasses++;
    }
    // The storage itself fails: back off instead of spinning on due records.
    if (failedPasses > 0) delay = Math.max(delay ?? 0, backoffDelay(failedPasses, retry) + 1);
    if (delay !== undefined && !stopped) {
      // setTimeout overflows above 2^31 - 1 ms and then fires at once.
      const handle = clock.setTimeout(kick, Math.min(delay, 2_147_483_647));
      cancelTimer = () => clock.clearTimeout(handle);
    }
  }

  // Passes until nothing new arrived; a kick() while a pass or the
  // scheduling runs sets `again` instead of starting a second run.
  async function run(): Promise<void> {
    for (;;) {
      again = false;
      try {
        await lock.run(pass);
        failedPasses = 0;
      } catch {
        failedPasses++;
      }
      const more = () => again && !stopped && failedPasses === 0;
      if (more()) continue;
      await schedule();
      if (!more()) return;
    }
  }

  function kick(): void {
    if (stopped) return;
    if (passing) {
      again = true;
      return;
    }
    passing = run().finally(() => {
      passing = undefined;
    });
  }

  function stop(): void {
    stopped = true;
    cancelTimer?.();
    cancelTimer = undefined;
    life.abort();
  }

  return {
    async write(request) {
      const id = request?.call?.externalCallId;
      if (typeof id !== "string" || id === "") {
        throw new ValidationError("call record", [{ path: "call.externalCallId", message: "is required" }]);
      }
      const engagementId = request.engagementId ?? request.call.engagementId;
      // A plain put is atomic enough: the newest version always wins, and an
      // attempt of an older one in flight finds a new revision when it settles.
      await exclusive(id, async () => {
        const now = clock.now();
        const previous = await get(id).catch(() => undefined);
        await save({
          id,
          call: request.call,
          ...(engagementId !== undefined ? { engagementId } : {}),
          properties: request.properties,
          ...(typeof request.hideWidget === "boolean" ? { hideWidget: request.hideWidget } : {}),
          status: "pending",
          // A new version (a correction) gets a fresh attempt budget.
          attempts: 0,
          createdAt: previous?.createdAt ?? now,
          nextAttemptAt: now,
          revision: `${now}.${++revisions}.${Math.random().toString(36).slice(2)}`,
        });
      });
      if (request.host) host = request.host;
      kick();
      return { queued: true };
    },
    start(context) {
      if (context.host) host = context.host;
      if (context.signal.aborted) return stop();
      context.signal.addEventListener("abort", stop, { once: true });
      if (stopped) {
        stopped = false;
        life = new AbortController();
      }
      kick();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pending: async () => (await list()).filter((entry) => entry.status === "pending"),
    failed: async () => (await list()).filter((entry) => entry.status === "failed"),
    async flush() {
      kick();
      while (passing) await passing;
    },
    async retry(externalCallId) {
      const found = await exclusive(externalCallId, async () => {
        const entry = await get(externalCallId);
        // A swap that finds another revision changes nothing: that newer
        // version was written meanwhile and is pending already.
        if (entry) await swap(entry.id, entry.revision, { ...entry, status: "pending", attempts: 0, nextAttemptAt: clock.now() });
        return entry !== undefined;
      });
      if (found) kick();
      return found;
    },
    discard: (externalCallId) =>
      exclusive(externalCallId, async () => {
        if (!(await get(externalCallId))) return false;
        await remove(externalCallId);
        return true;
      }),
    stop,
  };
}
