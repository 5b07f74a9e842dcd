import type { CallingError } from "../errors/callingError";
import { awaitable } from "../internal/awaitable";
import type { Clock } from "../internal/clock";
import type { HostChannel } from "../engagements/engagementWriter";
import type { InboundMessage } from "../sdk/messages";

/**
 * Waits for HubSpot's answers: `next(types)` resolves with the first message
 * of one of `types` (that `match` accepts) delivered after it was called.
 * Every waiter is removed when it settles, so none accumulate. @internal
 */
export class HostInbox {
  #waiters = new Set<(message?: InboundMessage) => void>();
  #clock: Clock;
  #destroyed: () => CallingError | null;

  constructor(clock: Clock, destroyed: () => CallingError | null) {
    this.#clock = clock;
    this.#destroyed = destroyed;
  }

  next: HostChannel["next"] = (types, opts = {}) => {
    let found: InboundMessage | undefined;
    return awaitable<never>(
      `HubSpot's ${types.join(" or ")}`,
      () => {
        const destroyed = this.#destroyed();
        return destroyed ? { error: destroyed } : found ? { value: found as never } : undefined;
      },
      (recheck) => {
        const waiter = (message?: InboundMessage) => {
          const wanted = message && (types as readonly string[]).includes(message.type);
          if (wanted && !found && (!opts.match || opts.match(message as never))) found = message;
          recheck();
        };
        this.#waiters.add(waiter);
        return () => void this.#waiters.delete(waiter);
      },
      opts,
      this.#clock,
    );
  };

  /** Offers a message from HubSpot to every waiter. */
  deliver(message: InboundMessage): void {
    for (const waiter of [...this.#waiters]) waiter(message);
  }

  /** Lets every waiter look again (after `destroy()`). */
  recheck(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}
