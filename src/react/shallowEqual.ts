/**
 * True when `a` and `b` are the same value, or objects (or arrays) with the
 * same own keys whose values are the same (`Object.is`), one level deep. Pass
 * it to {@link useCallingSnapshot} when a selector builds a new object each
 * time, so equal results do not re-render.
 *
 * @example
 * ```ts
 * const { status, available } = useCallingSnapshot(
 *   (snapshot) => ({ status: snapshot.session.status, available: snapshot.session.available }),
 *   shallowEqual,
 * );
 * shallowEqual({ a: 1 }, { a: 1 }); // true
 * shallowEqual([1, 2], [1, 2]); // true
 * ```
 */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  for (const key of keysA) {
    if (
      !Object.prototype.hasOwnProperty.call(b, key) ||
      !Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])
    ) {
      return false;
    }
  }
  return true;
}
