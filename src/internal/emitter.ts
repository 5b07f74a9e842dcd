/**
 * A minimal typed event emitter: one `Set` of listeners per event name,
 * called in the order added. The client's `Listeners` extends it and never
 * exposes `emit` (STYLE.md #5). @internal
 */
export class Emitter<Events> {
  #listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  on<K extends keyof Events>(type: K, listener: (payload: Events[K]) => void): () => void {
    const set = this.#listeners.get(type) ?? new Set();
    this.#listeners.set(type, set);
    set.add(listener);
    return () => void set.delete(listener);
  }

  emit<K extends keyof Events>(type: K, payload: Events[K]): void {
    // A copy: listeners added or removed while emitting take effect next time.
    for (const listener of [...(this.#listeners.get(type) ?? [])]) listener(payload as never);
  }

  clear(): void {
    this.#listeners.clear();
  }
}
