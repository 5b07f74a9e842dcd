import { Emitter } from "../internal/emitter";
import { safely } from "../internal/safely";
import type { CallingEventListener, CallingEvents, CallingEventType } from "./callingEvents";

/**
 * A client's two listening channels (STYLE.md #5): state subscribers and
 * typed event listeners. A listener that throws never reaches the code that
 * notified it: `onListenerError` hears about it instead (except for
 * `warning` listeners, so a throwing one cannot loop). @internal
 */
export class Listeners extends Emitter<CallingEvents> {
  #subscribers = new Set<() => void>();
  #onListenerError: (error: unknown) => void;

  constructor(onListenerError: (error: unknown) => void) {
    super();
    this.#onListenerError = onListenerError;
  }

  subscribe(listener: () => void): () => void {
    this.#subscribers.add(listener);
    return () => void this.#subscribers.delete(listener);
  }

  /** Calls every state subscriber. */
  changed(): void {
    for (const listener of [...this.#subscribers]) safely(listener, this.#onListenerError);
  }

  override on<K extends CallingEventType>(type: K, listener: CallingEventListener<K>): () => void {
    if (typeof listener !== "function") throw new TypeError(`on("${String(type)}") needs a function`);
    const wrapped = (payload: CallingEvents[K]) =>
      safely(() => listener(payload), (error) => type !== "warning" && this.#onListenerError(error));
    return super.on(type, wrapped);
  }

  override clear(): void {
    super.clear();
    this.#subscribers.clear();
  }
}
