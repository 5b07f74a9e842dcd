import { safely } from "../internal/safely";
import type { CallingEventListener, CallingEvents, CallingEventType } from "./callingEvents";

/**
 * A client's two listening channels (STYLE.md #5): state subscribers and
 * typed event listeners. A listener that throws never reaches the code that
 * notified it: `onListenerError` hears about it instead (except for
 * `warning` listeners, so a throwing one cannot loop). @internal
 */
export class Listeners {
  #subscribers = new Set<() => void>();
  // Event listeners by type, each wrapped by on(), in the order added.
  #events = new Map<CallingEventType, Set<(payload: never) => void>>();
  #onListenerError: (error: unknown) => void;

  constructor(onListenerError: (error: unknown) => void) {
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

  on<K extends CallingEventType>(type: K, listener: CallingEventListener<K>): () => void {
    if (typeof listener !== "function") throw new TypeError(`on("${String(type)}") needs a function`);
    const wrapped = (payload: CallingEvents[K]) =>
      safely(() => listener(payload), (error) => type !== "warning" && this.#onListenerError(error));
    const set = this.#events.get(type) ?? new Set();
    this.#events.set(type, set);
    set.add(wrapped);
    return () => void set.delete(wrapped);
  }

  emit<K extends CallingEventType>(type: K, payload: CallingEvents[K]): void {
    // A copy: listeners added or removed while emitting take effect next time.
    for (const listener of [...(this.#events.get(type) ?? [])]) listener(payload as never);
  }

  clear(): void {
    this.#events.clear();
    this.#subscribers.clear();
  }
}
