import type { Call } from "../client/call";
import type { CallingClient } from "../client/callingClient";
import type { CallingEvents } from "../client/callingEvents";
import type { DialOptions } from "../client/options";
import { InvalidStateError } from "../errors/invalidStateError";
import type { AbortOptions } from "../internal/abortOptions";
import type { CallingSnapshot } from "../machine/snapshot";
import type { InboundMessage } from "../sdk/messages";
import type { CompleteDetails } from "../machine/callSnapshot";
import { type RelayedEventType, toWireEvent } from "./eventRelay";
import type { SnapshotStore } from "./snapshotStore";
import type { SurfaceBody } from "./surfaceProtocol";
import { toWireError } from "./wireError";

/** What the owner's hub needs. @internal */
export interface HubContext {
  readonly client: CallingClient;
  readonly store: SnapshotStore;
  /** The last `seq` stored or seen; the hub goes on from there. */
  readonly seq: number;
  post(body: SurfaceBody): void;
  /** Hands a message HubSpot sent a mirror to the owner's client. */
  deliver(message: InboundMessage): void;
}

/**
 * The owner's side of the channel: after every change its snapshot is
 * stored (for the next owner) and sent to the mirrors, then its events;
 * mirrors' commands run on the owner's client through its public API (so
 * they are checked and refused exactly as the owner's own), and what
 * HubSpot sent a mirror reaches the owner's client. @internal
 */
export class OwnerHub {
  #context: HubContext;
  #seq: number;

  constructor(context: HubContext) {
    this.#context = context;
    this.#seq = context.seq;
  }

  get seq(): number {
    return this.#seq;
  }

  /** The owner's snapshot changed: store it, then tell the mirrors. */
  state(snapshot: CallingSnapshot): void {
    const seq = ++this.#seq;
    this.#context.store.write({ seq, snapshot });
    this.#context.post({ kind: "state", seq, snapshot, owner: true });
  }

  /** One of the owner's events, for the mirrors. */
  event<K extends RelayedEventType>(type: K, payload: CallingEvents[K]): void {
    this.#context.post({ kind: "event", event: toWireEvent(type, payload) });
  }

  /** A message from another surface. */
  handle(from: string, body: SurfaceBody): void {
    switch (body.kind) {
      case "hello":
        // The newcomer needs the current state; `seq` stays, it is no change.
        this.#context.post({ kind: "state", seq: this.#seq, snapshot: this.#context.client.getSnapshot(), owner: true });
        return;
      case "host":
        // Each mirror hands each message over once (a queued one when an owner appears).
        this.#context.deliver(body.message);
        return;
      case "command":
        this.#run(body).then(
          (value) => this.#context.post({ kind: "result", id: body.id, to: from, ok: true, value }),
          (error: unknown) => this.#context.post({ kind: "result", id: body.id, to: from, ok: false, error: toWireError(error) }),
        );
        return;
      default:
        // state, event, result: another owner's or a mirror's business.
        return;
    }
  }

  async #run(body: Extract<SurfaceBody, { kind: "command" }>): Promise<unknown> {
    const client = this.#context.client;
    const [arg] = body.args;
    const options: AbortOptions = body.timeout === undefined ? {} : { timeout: body.timeout };
    switch (body.command) {
      case "logIn":
        return client.logIn();
      case "logOut":
        return client.logOut();
      case "setAvailable":
        return client.setAvailable(arg as boolean);
      case "dial":
        return { callId: (await client.dial(arg as DialOptions | undefined)).id };
      case "listCallerNumbers":
        return client.listCallerNumbers(options);
      case "sendCallData":
        return client.sendCallData(arg as Record<string, unknown>);
      case "call":
        return this.#callMethod(client.getCall(), body, arg, options);
    }
  }

  #callMethod(call: Call | null, body: Extract<SurfaceBody, { kind: "command" }>, arg: unknown, options: AbortOptions): Promise<unknown> {
    const method = body.method ?? "hangUp";
    if (!call || call.id !== body.callId) {
      throw new InvalidStateError(method, "replaced", `call ${String(body.callId)} is not the owner's current call`);
    }
    switch (method) {
      case "hangUp":
        return call.hangUp(options);
      case "answer":
        return call.answer(options);
      case "reject":
        return call.reject(options);
      case "mute":
        return call.mute(arg as boolean, options);
      case "hold":
        return call.hold(arg as boolean, options);
      case "sendDigits":
        return call.sendDigits(arg as string, options);
      case "transfer":
        return call.transfer();
      case "discard":
        return call.discard();
      case "complete":
        return call.complete(arg as CompleteDetails | undefined, body.timeout === undefined ? undefined : options);
      case "finalize":
        return call.finalize(options);
    }
  }
}
