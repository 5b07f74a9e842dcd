import { buildEngagementProperties, isHttpsUrl } from "../engagements/engagementProperties";
import type { EngagementWriter, EngagementWriterEvent, HostChannel } from "../engagements/engagementWriter";
import { AbortError } from "../errors/abortError";
import { type CallingError, toCallingError } from "../errors/callingError";
import { awaitable, withAbort } from "../internal/awaitable";
import type { Clock } from "../internal/clock";
import type { WarningCode } from "../machine/effect";
import type { MachineEvent } from "../machine/machineEvent";
import type { CallingSnapshot } from "../machine/snapshot";
import { isObject, toId } from "../sdk/validate";
import type { CompleteResult } from "./call";
import type { CallingEvents } from "./callingEvents";
import { toCallRecord } from "./toCallRecord";

const LOGGED = "the call to be logged";

/** What the call writer needs from its client. @internal */
export interface WriterOwner {
  readonly clock: Clock;
  readonly host: HostChannel;
  readonly signal: AbortSignal;
  readonly engagementIdTimeout: number;
  snapshot(): CallingSnapshot;
  watch(recheck: () => void): () => void;
  dispatch(event: MachineEvent): void;
  emit<K extends "engagementWritten" | "engagementWriteFailed">(type: K, payload: CallingEvents[K]): void;
  warn(code: WarningCode, message: string): void;
  logError(message: string, error: unknown): void;
  destroyedError(): CallingError | null;
}

/**
 * Logs calls through the engagement writer for the client: waits (bounded)
 * for a late engagement id, builds the record and its properties, calls the
 * writer, and turns results and the writer's own events into machine events
 * and client events. @internal
 */
export class CallWriter {
  #writer: EngagementWriter;
  #owner: WriterOwner;
  #attempts = new Map<string, number>();

  constructor(writer: EngagementWriter, owner: WriterOwner) {
    this.#writer = writer;
    this.#owner = owner;
  }

  /** Listens to a durable writer's deliveries and retries; returns the stop function. */
  listen(): (() => void) | undefined {
    return this.#writer.subscribe?.((event) => this.#onWriterEvent(event));
  }

  /** Tells a durable writer that HubSpot's page is connected. */
  start(): void {
    this.#writer.start?.({ host: this.#owner.host, signal: this.#owner.signal });
  }

  /** Logs the current call `callId` (status wrappingUp). */
  async write(callId: string): Promise<CompleteResult> {
    const owner = this.#owner;
    const current = () => {
      const call = owner.snapshot().call;
      return call?.id === callId ? call : null;
    };
    // discard() moves the call on from wrappingUp: the write is abandoned.
    const discarded = () => current()?.status !== "wrappingUp";
    const pending = current();
    if (pending?.createEngagement && pending.engagement.id === null && pending.engagement.createError === null) {
      // HubSpot's id may still be on its way; wait a bounded time for it.
      await awaitable<undefined>(
        "HubSpot's engagement id",
        () => {
          const call = current();
          const settled = discarded() || call?.engagement.id !== null || call.engagement.createError !== null || owner.destroyedError();
          return settled ? { value: undefined } : undefined;
        },
        (recheck) => owner.watch(recheck),
        { timeout: owner.engagementIdTimeout },
        owner.clock,
      ).catch(() => undefined);
    }
    const destroyed = owner.destroyedError();
    if (destroyed) throw destroyed;
    const call = current();
    // Discarded (and perhaps replaced) while waiting for the id: nothing to write.
    if (call?.status !== "wrappingUp") throw new AbortError(LOGGED);
    const record = toCallRecord(call, owner.snapshot().session.host, owner.clock.now());
    const details = call.details ?? {};
    if (details.recordingUrl !== undefined && !isHttpsUrl(details.recordingUrl)) owner.warn("recordingUrlNotHttps", "recordingUrl left out: HubSpot only accepts https recording URLs");
    const properties = buildEngagementProperties(record, details.properties);
    const attempt = (this.#attempts.get(callId) ?? 0) + 1;
    this.#attempts.set(callId, attempt);
    // A writer with its own events (an outbox) reports deliveries itself.
    const reports = !this.#writer.subscribe;
    // The write's own signal, aborted by discard() or destroy() (both recheck the watchers).
    const controller = new AbortController();
    const unwatch = owner.watch(() => (discarded() || owner.destroyedError()) && controller.abort());
    try {
      // A writer that never settles cannot hold the call: the abort ends the wait.
      const result = await withAbort(
        LOGGED,
        Promise.resolve(
          this.#writer.write({
            call: record,
            engagementId: record.engagementId,
            properties,
            signal: controller.signal,
            host: owner.host,
            ...(details.hideWidget === undefined ? {} : { hideWidget: details.hideWidget }),
          }),
        ),
        { signal: controller.signal },
        owner.clock,
      );
      const engagementId = toId(isObject(result) ? result.engagementId : undefined);
      const queued = isObject(result) && result.queued === true;
      this.#attempts.delete(callId);
      owner.dispatch({ type: "writeSucceeded", callId, engagementId, queued });
      if (reports && !queued) {
        owner.emit("engagementWritten", { call: record, engagementId: engagementId ?? record.engagementId, attempt });
      }
      return { engagementId: current()?.engagement.id ?? engagementId ?? undefined, queued };
    } catch (thrown) {
      // Destroyed, or discarded: the outcome is ignored (the machine already completed the call).
      const gone = owner.destroyedError();
      if (gone || discarded()) throw gone ?? thrown;
      const error = toCallingError(thrown, "WRITER_ERROR", "Logging the call failed");
      owner.logError(error.message, error);
      owner.dispatch({ type: "writeFailed", callId, error: { code: error.code, message: error.message }, final: true });
      if (reports) owner.emit("engagementWriteFailed", { call: record, error, attempt, willRetry: false });
      throw error;
    } finally {
      unwatch();
    }
  }

  /** Forgets per-call bookkeeping once a call is replaced. */
  forget(callId: string): void {
    this.#attempts.delete(callId);
  }

  #onWriterEvent(event: EngagementWriterEvent): void {
    const callId = isObject(event?.call) ? event.call.externalCallId : undefined;
    if (typeof callId !== "string") return;
    if (event.type === "written") {
      this.#owner.dispatch({ type: "writeDelivered", callId, engagementId: toId(event.engagementId) });
      this.#owner.emit("engagementWritten", { call: event.call, engagementId: toId(event.engagementId), attempt: event.attempt });
    } else if (event.type === "writeFailed") {
      const error = toCallingError(event.error, "WRITER_ERROR", "Logging the call failed");
      this.#owner.dispatch({ type: "writeFailed", callId, error: { code: error.code, message: error.message }, final: !event.willRetry });
      this.#owner.emit("engagementWriteFailed", { call: event.call, error, attempt: event.attempt, willRetry: event.willRetry });
    }
  }
}
