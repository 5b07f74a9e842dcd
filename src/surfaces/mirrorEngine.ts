import type { Call, CompleteResult } from "../client/call";
import { CallHandle, type CallOwner } from "../client/callHandle";
import type { CallingEvents, CallingEventType } from "../client/callingEvents";
import type { DialOptions } from "../client/options";
import { PROVIDER_TIMEOUT_MS } from "../client/providerWork";
import { CallingError } from "../errors/callingError";
import { HostRequestError, type HostFailureCode } from "../errors/hostRequestError";
import { InvalidStateError } from "../errors/invalidStateError";
import type { AbortOptions } from "../internal/abortOptions";
import { awaitable, quiet, type Settle } from "../internal/awaitable";
import type { Clock } from "../internal/clock";
import type { WarningCode } from "../machine/effect";
import type { MachineEvent } from "../machine/machineEvent";
import { type CallingSnapshot, initialSnapshot } from "../machine/snapshot";
import type { SurfaceSnapshot } from "../machine/surfaceSnapshot";
import type { HostContext, InboundMessage, OutboundMessage } from "../sdk/messages";
import type { WireEvent } from "./eventRelay";
import type { StoredState } from "./snapshotStore";
import type { CallMethod, ClientCommand, SurfaceBody } from "./surfaceProtocol";
import { fromWireError } from "./wireError";

/** What a mirror needs from its surface. @internal */
export interface MirrorContext {
  readonly clock: Clock;
  readonly surfaceId: string;
  /** How long a command waits for an owner to appear. */
  readonly ownerTimeout: number;
  /** How much longer than the command's own timeout a mirror waits for the owner's answer. */
  readonly answerSlack: number;
  /** This surface's own context from SYNC. */
  readonly host: HostContext;
  generateId(): string;
  post(body: SurfaceBody): void;
  /** Emits one of the client's events to this surface's listeners. */
  emit<K extends CallingEventType>(type: K, payload: CallingEvents[K]): void;
  /** The mirror's snapshot changed. */
  changed(): void;
  warn(code: WarningCode, message: string): void;
}

/** Thrown to a command that waited for an owner when this surface became the owner itself. @internal */
export const SWITCHED = /* @__PURE__ */ Symbol("switched");

type CallCommandEvent = Exclude<MachineEvent["type"], never>;
/** The call handle's commands by machine event, with their arguments. */
const METHOD_OF: Partial<Record<CallCommandEvent, CallMethod>> = {
  hangUp: "hangUp",
  answer: "answer",
  reject: "reject",
  mute: "mute",
  hold: "hold",
  transfer: "transfer",
  discard: "discard",
  complete: "complete",
};
/** HubSpot's answers to what this surface sent itself (widget messages): not the owner's business. */
const OWN_ANSWERS = /* @__PURE__ */ new Set(["NAVIGATE_TO_RECORD_FAILED", "SET_WIDGET_URL_FAILED", "VISIBILITY_CHANGED", "ERROR"]);
/** How many messages from HubSpot a mirror keeps while no owner is there, and for how long. */
const QUEUE_LIMIT = 20;
const QUEUE_TTL_MS = 60_000;

/**
 * A surface that does not hold calls: it shows the owner's snapshot (with
 * its own host context and visibility), emits the owner's events, forwards
 * its user's commands to the owner and returns the owner's answers, and
 * passes on what HubSpot sends it. Call handles are the client's own
 * `CallHandle`s, driven through this mirror. @internal
 */
export class MirrorEngine implements CallOwner {
  readonly clock: Clock;
  #context: MirrorContext;
  #owner: CallingSnapshot | null;
  #ownerId: string | null = null;
  #seq = -1;
  #present = false;
  #visibility: CallingSnapshot["session"]["visibility"];
  #snapshot: CallingSnapshot;
  #handle: CallHandle | null = null;
  #watchers = new Set<() => void>();
  #answers = new Map<string, Settle<unknown> | null>();
  #queue: { id: string; message: InboundMessage; at: number }[] = [];
  #errors = new Map<string, CallingError>();
  #writes = new Map<string, Promise<CompleteResult>>();
  #destroyed: CallingError | null = null;
  #switched = false;

  constructor(context: MirrorContext, last: CallingSnapshot | null, visibility: CallingSnapshot["session"]["visibility"]) {
    this.#context = context;
    this.clock = context.clock;
    this.#owner = last;
    this.#visibility = visibility;
    this.#snapshot = this.#compose();
  }

  /** Asks the owner for its state (once the surface listens to the channel's election). */
  start(): void {
    this.#context.post({ kind: "hello" });
  }

  get snapshot(): CallingSnapshot {
    return this.#snapshot;
  }

  /** The last snapshot an owner sent (or the stored one), with its `seq`. */
  get last(): { seq: number; snapshot: CallingSnapshot | null } {
    return { seq: this.#seq, snapshot: this.#owner };
  }

  /** The last snapshot an owner sent (or the stored one) as a stored state; `null` before there is one. */
  get known(): StoredState | null {
    return this.#owner ? { seq: this.#seq, snapshot: this.#owner } : null;
  }

  get ownerPresent(): boolean {
    return this.#present;
  }

  // ---- from the channel ------------------------------------------------

  /** Applies another surface's message (already validated). */
  handle(from: string, body: SurfaceBody): void {
    if (body.kind === "state") {
      // A state from the owner we know must be newer; a new owner is taken at once. A state
      // from a mirror that reported a lost call is news, but that mirror holds no calls.
      if ((from === this.#ownerId || !body.owner) && body.seq <= this.#seq) return;
      this.#seq = body.seq;
      this.#owner = body.snapshot;
      const appeared = body.owner && !this.#present;
      if (body.owner) {
        this.#ownerId = from;
        this.#present = true;
      }
      this.#refresh();
      if (appeared) this.#flushQueue();
    } else if (body.kind === "event" && from === this.#ownerId) {
      this.#emitWire(body.event);
    } else if (body.kind === "result" && body.to === this.#context.surfaceId && this.#answers.has(body.id)) {
      const issues: string[] = [];
      this.#answers.set(
        body.id,
        body.ok
          ? { value: body.value }
          : { error: fromWireError(body.error, "result.error", issues) ?? new CallingError("PROTOCOL_ERROR", "The owner's answer was unreadable") },
      );
      this.#recheck();
    }
  }

  /** The owner went away and nobody waits to take over: nothing holds calls now. */
  ownerGone(): void {
    if (!this.#present) return;
    this.#present = false;
    this.#ownerId = null;
    const lost = new CallingError("OWNER_LOST", "The instance holding the calls went away before it answered");
    for (const [id, answer] of this.#answers) if (answer === null) this.#answers.set(id, { error: lost });
    this.#refresh();
  }

  /**
   * Takes a snapshot this surface produced itself (it reported a lost call on
   * behalf of the owner that went away) as the owner's latest.
   */
  adopted(seq: number, snapshot: CallingSnapshot): void {
    this.#seq = seq;
    this.#owner = snapshot;
    this.#refresh();
  }

  // ---- from HubSpot ----------------------------------------------------

  /** A validated message HubSpot sent this surface (not SYNC). */
  receive(message: InboundMessage): void {
    if (message.type === "VISIBILITY_CHANGED") {
      const { isMinimized, isHidden } = message.data;
      this.#visibility = Object.freeze({ isMinimized, isHidden });
      this.#refresh();
      this.#context.emit("visibilityChanged", { isMinimized, isHidden });
    } else if (message.type === "NAVIGATE_TO_RECORD_FAILED" || message.type === "SET_WIDGET_URL_FAILED") {
      this.#context.emit("hostError", { error: new HostRequestError(message.type as HostFailureCode, message.data.error?.message) });
    } else if (message.type === "ERROR") {
      this.#context.warn("unexpectedHostMessage", `HubSpot sent ERROR ${JSON.stringify(message.data).slice(0, 200)}`);
    } else if (!OWN_ANSWERS.has(message.type)) {
      // Everything else is about calls and the session: the owner's.
      const forward = { id: this.#context.generateId(), message, at: this.clock.now() };
      if (this.#present) this.#context.post({ kind: "host", id: forward.id, message });
      else this.#queue = [...this.#queue, forward].slice(-QUEUE_LIMIT);
    }
  }

  #flushQueue(): void {
    const now = this.clock.now();
    for (const { id, message, at } of this.#queue.splice(0)) {
      if (now - at <= QUEUE_TTL_MS) this.#context.post({ kind: "host", id, message });
    }
  }

  // ---- commands ----------------------------------------------------------

  /**
   * Runs a command on the owner: waits (at most `ownerTimeout`) for one to
   * be there, then for its answer (the command's own timeout, or the
   * provider's default, plus some slack for the channel).
   */
  async request(command: ClientCommand, fields: { callId?: string; method?: CallMethod; args?: unknown[] }, options: AbortOptions = {}): Promise<unknown> {
    if (this.#destroyed) throw this.#destroyed;
    await awaitable<true>(
      "an instance to hold calls (the calling window)",
      () => (this.#destroyed ? { error: this.#destroyed } : this.#switched ? { error: SWITCHED as never } : this.#present ? { value: true } : undefined),
      (recheck) => this.watch(recheck),
      { signal: options.signal, timeout: this.#context.ownerTimeout },
      this.clock,
    ).catch((error: unknown) => {
      if (error instanceof CallingError && error.code === "TIMEOUT") {
        throw new CallingError(
          "NO_OWNER",
          `No instance of the widget holds calls: ${command} needs the calling window (or, without one, the calling remote) to be open`,
          { cause: error },
        );
      }
      throw error;
    });
    const id = this.#context.generateId();
    this.#answers.set(id, null);
    const { timeout } = options;
    this.#context.post({ kind: "command", id, command, args: fields.args ?? [], ...fields, ...(timeout === undefined ? {} : { timeout }) });
    try {
      return await awaitable<unknown>(
        `the owner to ${fields.method ?? command}`,
        () => (this.#destroyed ? { error: this.#destroyed } : (this.#answers.get(id) ?? undefined)),
        (recheck) => this.watch(recheck),
        { signal: options.signal, timeout: (timeout ?? PROVIDER_TIMEOUT_MS) + this.#context.answerSlack },
        this.clock,
      );
    } finally {
      this.#answers.delete(id);
    }
  }

  async dial(options: DialOptions = {}): Promise<Call> {
    const { callId } = (await this.request("dial", { args: [options] })) as { callId?: unknown };
    const call = this.#snapshot.call;
    if (typeof callId !== "string" || call?.id !== callId) {
      throw new CallingError("PROTOCOL_ERROR", "The owner dialled, but its state did not show the call");
    }
    return this.#handleFor(callId);
  }

  getCall(): Call | null {
    const call = this.#snapshot.call;
    return call ? this.#handleFor(call.id) : null;
  }

  // ---- CallOwner: what this mirror's call handles run through -----------

  command(callId: string, event: MachineEvent, _feature: unknown, options: AbortOptions | undefined): Promise<void> {
    const method = METHOD_OF[event.type];
    if (!method) return Promise.reject(new InvalidStateError(event.type, "mirror", "not a call command"));
    const args = event.type === "mute" ? [event.muted] : event.type === "hold" ? [event.held] : event.type === "complete" ? [event.details] : [];
    const answer = this.request("call", { callId, method, args }, event.type === "complete" ? {} : options);
    if (event.type !== "complete") return answer.then(() => undefined);
    // complete() is taken once the call is being logged (the write's result comes later,
    // through writeOf), or refused with the owner's error.
    const written = quiet(answer as Promise<CompleteResult>);
    this.#writes.set(callId, written);
    const stop = new AbortController();
    const taken = awaitable<void>(
      "the owner to take complete()",
      () => {
        const call = this.#snapshot.call;
        return call?.id === callId && (call.status === "wrappingUp" || call.status === "completed") ? { value: undefined } : undefined;
      },
      (recheck) => this.watch(recheck),
      { signal: stop.signal },
      this.clock,
    );
    return Promise.race([written.then(() => undefined), taken]).finally(() => {
      stop.abort();
      quiet(taken);
    });
  }

  sendDigits(callId: string, digits: string, options: AbortOptions | undefined): Promise<void> {
    return this.request("call", { callId, method: "sendDigits", args: [digits] }, options).then(() => undefined);
  }

  finalize(callId: string, _engagementId: unknown, options: AbortOptions): Promise<void> {
    return this.request("call", { callId, method: "finalize", args: [] }, options).then(() => undefined);
  }

  watch(recheck: () => void): () => void {
    this.#watchers.add(recheck);
    return () => void this.#watchers.delete(recheck);
  }

  errorOf(callId: string): CallingError | null {
    const known = this.#errors.get(callId);
    if (known) return known;
    const info = this.#snapshot.call?.id === callId ? this.#snapshot.call.error : null;
    return info ? new CallingError(info.code as never, info.message) : null;
  }

  writeOf(callId: string): Promise<CompleteResult> | undefined {
    return this.#writes.get(callId);
  }

  destroyedError(): CallingError | null {
    return this.#destroyed;
  }

  // ---- lifecycle -------------------------------------------------------

  /** Ends this mirror; `switched` when this surface becomes the owner itself. */
  destroy(error: CallingError, switched = false): void {
    if (this.#destroyed) return;
    this.#switched = switched;
    this.#recheck();
    this.#destroyed = error;
    this.#recheck();
    this.#watchers.clear();
  }

  // ---- internals ---------------------------------------------------------

  #handleFor(callId: string): Call {
    const call = this.#snapshot.call;
    if (call?.id !== callId) throw new InvalidStateError("getCall", "replaced", `call ${callId} is not the current call`);
    this.#handle ??= new CallHandle(this, call);
    return this.#handle;
  }

  #compose(): CallingSnapshot {
    const base = this.#owner ?? initialSnapshot();
    const surface: SurfaceSnapshot = Object.freeze({ role: "mirror", ownerPresent: this.#present });
    const status = base.session.status === "connecting" ? "ready" : base.session.status;
    return Object.freeze({
      ...base,
      session: Object.freeze({ ...base.session, status, host: this.#context.host, visibility: this.#visibility }),
      surface,
    });
  }

  #refresh(): void {
    const previous = this.#snapshot.call;
    this.#snapshot = this.#compose();
    const next = this.#snapshot.call;
    if (previous && previous.id !== next?.id) {
      if (this.#handle?.id === previous.id) this.#handle.update(previous, false);
      this.#handle = null;
      this.#errors.delete(previous.id);
      this.#writes.delete(previous.id);
    }
    if (next && this.#handle?.id === next.id) this.#handle.update(next, true);
    this.#context.changed();
    this.#recheck();
  }

  #recheck(): void {
    for (const recheck of [...this.#watchers]) recheck();
  }

  #emitWire(event: WireEvent): void {
    const data = event.data as Record<string, unknown>;
    if (event.type === "callEnded" && event.callId && data.error) this.#errors.set(event.callId, data.error as CallingError);
    if (event.type === "engagementWritten" || event.type === "engagementWriteFailed") {
      const { record, ...rest } = data;
      return this.#context.emit(event.type, { ...rest, call: record } as never);
    }
    if (!event.callId) return this.#context.emit(event.type, data as never);
    if (this.#snapshot.call?.id !== event.callId) return; // a call already replaced here
    this.#context.emit(event.type, { ...data, call: this.#handleFor(event.callId) } as never);
  }
}
