/**
 * A minimal typed event emitter: one `Set` of listeners per event name. The
 * client wraps it and never exposes `emit` (STYLE.md #5).
 */
export interface Emitter<Events> {
  on<K extends keyof Events>(type: K, listener: (payload: Events[K]) => void): () => void;
  emit<K extends keyof Events>(type: K, payload: Events[K]): void;
  clear(): void;
}

export function createEmitter<Events>(): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<(payload: never) => void>>();
  return {
    on(type, listener) {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
    emit(type, payload) {
      // A copy: listeners added or removed while emitting take effect next time.
      for (const listener of [...(listeners.get(type) ?? [])]) listener(payload as never);
    },
    clear: () => listeners.clear(),
  };
}
