/** Calls `fn`; reports (never rethrows) what it throws or what the promise it returns rejects with. */
export function safely(fn: () => unknown, onError?: (error: unknown) => unknown): void {
  try {
    const result = fn();
    if (result instanceof Promise) result.catch((error: unknown) => onError?.(error));
  } catch (error) {
    onError?.(error);
  }
}
