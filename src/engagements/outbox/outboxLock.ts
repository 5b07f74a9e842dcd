/**
 * Runs one outbox delivery pass at a time across every tab of an origin, so
 * a record stored in shared storage is sent by one tab only.
 *
 * @example
 * ```ts
 * const lock: OutboxLock = { run: (task) => task() }; // no coordination (one tab, Node)
 * ```
 */
export interface OutboxLock {
  /** Runs `task` while holding the lock; waits for the lock first. */
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * An {@link OutboxLock} on the Web Locks API (`navigator.locks`), held for the
 * length of one delivery pass; released by the browser if the tab closes.
 * Where Web Locks are missing (Node, old browsers) tasks run unguarded.
 *
 * @example
 * ```ts
 * withOutbox(writer, { lock: webLocksLock("my-app:outbox") });
 * ```
 */
export function webLocksLock(name: string): OutboxLock {
  return {
    run: <T>(task: () => Promise<T>) => {
      const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
      return locks ? (locks.request(name, () => task()) as Promise<T>) : task();
    },
  };
}
