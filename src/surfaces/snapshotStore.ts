import type { CallingSnapshot } from "../machine/snapshot";
import { isObject } from "../sdk/validate";
import { parseSnapshot } from "./snapshotShape";

/**
 * Where the owner keeps its last snapshot, for whoever holds the calls
 * next: the `Storage` subset the coordinator uses (`localStorage` by
 * default, shared by every surface of the widget's origin in one browser).
 *
 * @example
 * ```ts
 * const memory = new Map<string, string>();
 * const storage: SurfaceStorage = {
 *   getItem: (key) => memory.get(key) ?? null,
 *   setItem: (key, value) => void memory.set(key, value),
 * };
 * coordinateSurfaces({ storage });
 * ```
 */
export interface SurfaceStorage {
  /** The stored value, or `null`. */
  getItem(key: string): string | null;
  /** Stores a value (may throw when storage is full or blocked). */
  setItem(key: string, value: string): void;
}

/** The last owner's snapshot as stored: `seq` goes on growing across owners. @internal */
export interface StoredState {
  seq: number;
  snapshot: CallingSnapshot;
}

/** The newer of two states (by `seq`). @internal */
export const freshest = (a: StoredState | null, b: StoredState | null): StoredState | null => (!a ? b : !b ? a : b.seq > a.seq ? b : a);

/** `localStorage` when the page may use it, else nothing. @internal */
export function defaultStorage(): SurfaceStorage | null {
  try {
    const storage = (globalThis as { localStorage?: SurfaceStorage }).localStorage;
    return storage ?? null;
  } catch {
    // Blocked (a sandboxed frame, third-party storage turned off).
    return null;
  }
}

/**
 * Reads and writes the last owner's snapshot under one key. Reading
 * validates it like any outside input (another version of the widget, or
 * anyone with access to the origin's storage, may have written it); a value
 * that fails is ignored. Writing never throws. @internal
 */
export class SnapshotStore {
  #storage: SurfaceStorage | null;
  #key: string;
  #onError: (message: string) => void;

  constructor(storage: SurfaceStorage | null, key: string, onError: (message: string) => void) {
    this.#storage = storage;
    this.#key = key;
    this.#onError = onError;
  }

  read(): StoredState | null {
    let raw: string | null;
    try {
      raw = this.#storage?.getItem(this.#key) ?? null;
    } catch {
      return null;
    }
    if (raw === null) return null;
    try {
      const value: unknown = JSON.parse(raw);
      const seq = isObject(value) ? value.seq : undefined;
      const parsed = parseSnapshot(isObject(value) ? value.snapshot : undefined);
      if (typeof seq === "number" && Number.isSafeInteger(seq) && parsed.ok) return { seq, snapshot: parsed.snapshot };
      this.#onError(`Ignored the stored snapshot of the last owner: ${parsed.ok ? "no seq" : parsed.issues.slice(0, 3).join("; ")}`);
    } catch {
      this.#onError("Ignored the stored snapshot of the last owner: not JSON");
    }
    return null;
  }

  write(state: StoredState): void {
    try {
      this.#storage?.setItem(this.#key, JSON.stringify(state));
    } catch (error) {
      this.#onError(`Could not store the owner's snapshot (a new owner would not know this call): ${String(error)}`);
    }
  }
}
