import { CallEndedError } from "../errors/callEndedError";
import { CallingError } from "../errors/callingError";
import { HostRequestError } from "../errors/hostRequestError";
import { InvalidStateError } from "../errors/invalidStateError";
import type { AbortOptions } from "../internal/abortOptions";
import { awaitable, quiet, type Settle, withAbort } from "../internal/awaitable";
import type { Clock } from "../internal/clock";
import type { MachineEvent } from "../machine/machineEvent";
import type { CallSnapshot, CallStatus, CompleteDetails } from "../machine/callSnapshot";
import type { HubSpotId } from "../sdk/messages";
import type { Call, CallEndInfo, CompleteResult } from "./call";
import { assertShape, INVALID, type Shape } from "../sdk/validate";

const COMPLETE: Shape = {
  "notes?": "text",
  "outcome?": "s",
  "title?": "s",
  "recordingUrl?": "s",
  "hideWidget?": "b",
  "properties?": "strs",
};
const DIGITS = (value: unknown, path: string, issues: string[]): unknown =>
  typeof value === "string" && /^[0-9*#A-Dw,]{1,64}$/.test(value)
    ? value
    : (issues.push(`${path}: expected 1 to 64 of 0-9 * # A-D w ,`), INVALID);

/** What a call handle needs from its client. @internal */
export interface CallOwner {
  readonly clock: Clock;
  /** Runs a command against this call; resolves when its provider work is done. */
  command(
    callId: string,
    event: MachineEvent,
    feature: "answer" | "mute" | "hold" | undefined,
    options: AbortOptions | undefined,
  ): Promise<void>;
  sendDigits(callId: string, digits: string, options: AbortOptions | undefined): Promise<void>;
  /** Sends `FINALIZE_ENGAGEMENT` for this call and waits for HubSpot's answer. */
  finalize(callId: string, engagementId: HubSpotId, options: AbortOptions): Promise<void>;
  watch(recheck: () => void): () => void;
  /** The error of the last failure of this call (provider or writer), if any. */
  errorOf(callId: string): CallingError | null;
  /** The write started by the last complete(). */
  writeOf(callId: string): Promise<CompleteResult> | undefined;
  /** Non-null once the client is destroyed. */
  destroyedError(): CallingError | null;
}

// How far along a call is, to decide whether a state has been passed.
const reached: Record<CallStatus, (call: CallSnapshot) => boolean> = {
  dialing: (call) => call.direction === "OUTBOUND",
  incoming: (call) => call.direction === "INBOUND",
  ringing: (call) => call.status === "ringing" || call.answeredAt !== null,
  connected: (call) => call.answeredAt !== null,
  onHold: (call) => call.hasBeenOnHold,
  ended: (call) => call.endedAt !== null,
  wrappingUp: (call) => call.status === "wrappingUp" || call.status === "completed",
  completed: (call) => call.status === "completed",
};

/** The {@link Call} implementation. @internal */
export class CallHandle implements Call {
  declare readonly id: string;
  declare readonly direction: "OUTBOUND" | "INBOUND";
  declare readonly connected: Promise<void>;
  declare readonly ended: Promise<CallEndInfo>;
  declare readonly engagementId: Promise<HubSpotId>;
  #owner: CallOwner;
  #snapshot: CallSnapshot;
  #current = true;

  constructor(owner: CallOwner, snapshot: CallSnapshot) {
    this.#owner = owner;
    this.#snapshot = snapshot;
    this.id = snapshot.id;
    this.direction = snapshot.direction;
    this.connected = quiet(this.waitFor("connected").then(() => undefined));
    this.ended = quiet(
      this.waitFor("ended").then((call) => ({
        endStatus: call.endStatus ?? "COMPLETED",
        error: this.#owner.errorOf(this.id),
        cause: call.endCause,
      })),
    );
    this.engagementId = quiet(this.waitForEngagementId());
  }

  get snapshot(): CallSnapshot {
    return this.#snapshot;
  }

  /** Called by the client on every snapshot of this call, and when it is replaced. */
  update(snapshot: CallSnapshot, current: boolean): void {
    this.#snapshot = snapshot;
    this.#current = current;
  }

  #wait<T>(what: string, check: (call: CallSnapshot) => Settle<T>, options: AbortOptions = {}): Promise<T> {
    return awaitable(
      what,
      () => {
        const destroyed = this.#owner.destroyedError();
        return destroyed ? { error: destroyed } : check(this.#snapshot);
      },
      (recheck) => this.#owner.watch(recheck),
      options,
      this.#owner.clock,
    );
  }

  waitFor(status: CallStatus, options?: AbortOptions): Promise<CallSnapshot> {
    return this.#wait<CallSnapshot>(
      `call ${status}`,
      (call) => {
        if (reached[status](call)) return { value: call };
        // Not reached here means the call goes the other way: a wrong question, not an ended call.
        if (status === "dialing" || status === "incoming") {
          const direction = call.direction === "INBOUND" ? "an inbound" : "an outbound";
          return { error: new InvalidStateError("waitFor", call.status, `${direction} call is never "${status}"`) };
        }
        if (call.endedAt !== null && !["ended", "wrappingUp", "completed"].includes(status)) {
          return { error: new CallEndedError(status, call.endStatus ?? "CANCELED") };
        }
        return undefined;
      },
      options,
    );
  }

  waitForEngagementId(options?: AbortOptions): Promise<HubSpotId> {
    return this.#wait<HubSpotId>(
      "HubSpot's engagement id",
      (call) => {
        const { id, status, createError } = call.engagement;
        if (id !== null) return { value: id };
        // Only a failed create means no id will come; a failed write does not (the id may still arrive).
        if (createError) return { error: new HostRequestError("CREATE_ENGAGEMENT_FAILED", createError.message || undefined) };
        // Replaced, or logged without one and none was asked for: no id will come.
        if (!this.#current || (!call.createEngagement && call.status === "completed" && status !== "writing")) {
          return { error: new CallingError("NO_ENGAGEMENT", "No engagement id will come for this call") };
        }
        return undefined;
      },
      options,
    );
  }

  async #run(event: MachineEvent, feature?: "answer" | "mute" | "hold", options?: AbortOptions): Promise<void> {
    if (!this.#current) throw new InvalidStateError(event.type, "replaced", "this call is no longer the current call");
    return this.#owner.command(this.id, event, feature, options);
  }

  hangUp(options?: AbortOptions): Promise<void> {
    return this.#run({ type: "hangUp", at: this.#owner.clock.now() }, undefined, options);
  }

  answer(options?: AbortOptions): Promise<void> {
    return this.#run({ type: "answer" }, "answer", options);
  }

  reject(options?: AbortOptions): Promise<void> {
    return this.#run({ type: "reject", at: this.#owner.clock.now() }, undefined, options);
  }

  async mute(muted: boolean, options?: AbortOptions): Promise<void> {
    assertShape("mute()", { muted: "b" }, { muted });
    return this.#run({ type: "mute", muted }, "mute", options);
  }

  async hold(held: boolean, options?: AbortOptions): Promise<void> {
    assertShape("hold()", { held: "b" }, { held });
    return this.#run({ type: "hold", held }, "hold", options);
  }

  async sendDigits(digits: string, options?: AbortOptions): Promise<void> {
    assertShape("sendDigits()", { digits: DIGITS }, { digits });
    if (!this.#current) throw new InvalidStateError("sendDigits", "replaced", "this call is no longer the current call");
    return this.#owner.sendDigits(this.id, digits, options);
  }

  transfer(): Promise<void> {
    return this.#run({ type: "transfer" });
  }

  discard(): Promise<void> {
    return this.#run({ type: "discard" });
  }

  async complete(details: CompleteDetails = {}, options?: AbortOptions): Promise<CompleteResult> {
    assertShape("complete() details", COMPLETE, details);
    await this.#run({ type: "complete", details });
    const write = this.#owner.writeOf(this.id);
    if (!write) throw new CallingError("DESTROYED", "The client was destroyed");
    return options ? withAbort("the call to be logged", write, options, this.#owner.clock) : write;
  }

  async finalize(options: AbortOptions = {}): Promise<void> {
    const engagementId = await this.waitForEngagementId(options);
    await this.#owner.finalize(this.id, engagementId, options);
  }
}
