import type { HostTransport, TransportSink } from "../sdk/hostTransport";
import type { InboundMessage, OutboundMessage } from "../sdk/messages";

/**
 * The transport the owner's inner client runs on: the surface's own
 * transport already did the handshake, so `open()` replays its SYNC (once
 * the surface listens to the inner client, so no event is missed); what
 * HubSpot sends this surface, and what mirrors forward, is `deliver`ed;
 * sends go out through `send` (nowhere once `mute()`d, for a page going
 * away). @internal
 */
export class RelayTransport implements HostTransport {
  #sink: TransportSink | null = null;
  #sync: InboundMessage;
  #send: (message: OutboundMessage) => void;
  #muted = false;

  constructor(sync: InboundMessage, send: (message: OutboundMessage) => void) {
    this.#sync = sync;
    this.#send = send;
  }

  async start(sink: TransportSink): Promise<void> {
    this.#sink = sink;
  }

  /** Replays SYNC: the inner client becomes ready (and takes over what it adopts). */
  open(): void {
    this.#sink?.receive(this.#sync);
  }

  send(message: OutboundMessage): void {
    if (!this.#muted) this.#send(message);
  }

  stop(): void {
    this.#sink = null;
  }

  /** Hands a message from HubSpot to the inner client, as its transport would. */
  deliver(message: InboundMessage): void {
    this.#sink?.receive(message);
  }

  /** From now on nothing reaches HubSpot (the page is going away; the next owner reports what was lost). */
  mute(): void {
    this.#muted = true;
  }
}
