import { useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import type { CallingSnapshot } from "../machine/snapshot";
import { useCallingClient } from "./useCallingClient";

/**
 * Picks the part of the {@link CallingSnapshot} a component needs. Return
 * parts of the snapshot as they are (they keep their identity until they
 * change), or pass an equality function when you build a new object.
 *
 * @example
 * ```ts
 * const selectStatus: CallingSelector<SessionStatus> = (snapshot) => snapshot.session.status;
 * ```
 */
export type CallingSelector<T> = (snapshot: CallingSnapshot) => T;

/**
 * Decides whether two selected values are equal, so the component does not
 * re-render. {@link shallowEqual} suits selectors that build small objects.
 *
 * @example
 * ```ts
 * const sameCallId: EqualityFn<CallSnapshot | null> = (a, b) => a?.id === b?.id;
 * ```
 */
export type EqualityFn<T> = (a: T, b: T) => boolean;

const identity = (snapshot: CallingSnapshot) => snapshot;

/**
 * Reads the client's state and re-renders when it changes, built on React's
 * `useSyncExternalStore` over `client.subscribe` / `client.getSnapshot` (no
 * tearing in concurrent rendering). With a selector, the component
 * re-renders only when the selected value changes: by `Object.is`, or by
 * `isEqual` when given. Without one, it returns the whole snapshot.
 *
 * The selector may be an inline function; it may run more often than the
 * component renders, so keep it pure and cheap. During server rendering the
 * client's current snapshot is used (`connecting` for a new client).
 *
 * @example
 * ```tsx
 * function Status() {
 *   const status = useCallingSnapshot((snapshot) => snapshot.session.status);
 *   const call = useCallingSnapshot((snapshot) => snapshot.call);
 *   const flags = useCallingSnapshot(
 *     (snapshot) => ({ muted: snapshot.call?.muted ?? false, available: snapshot.session.available }),
 *     shallowEqual,
 *   );
 *   return <p>{status} {call?.status ?? "no call"} {flags.muted ? "muted" : ""}</p>;
 * }
 * ```
 */
export function useCallingSnapshot(): CallingSnapshot;
export function useCallingSnapshot<T>(selector: CallingSelector<T>, isEqual?: EqualityFn<T>): T;
export function useCallingSnapshot<T>(selector?: CallingSelector<T>, isEqual?: EqualityFn<T>): T {
  const client = useCallingClient();
  // The value the component last committed: a fresh selector (an inline
  // function changes every render) that selects an equal value returns it, so
  // consumers see a stable identity. Same approach as React's
  // use-sync-external-store/with-selector.
  const committed = useRef<{ value: T } | null>(null);

  const getSelection = useMemo(() => {
    const select = (selector ?? identity) as CallingSelector<T>;
    let memo: { snapshot: CallingSnapshot; selection: T } | null = null;
    const selectMemoized = (snapshot: CallingSnapshot): T => {
      if (memo === null) {
        let selection = select(snapshot);
        const previous = committed.current;
        if (previous !== null && isEqual !== undefined && isEqual(previous.value, selection)) {
          selection = previous.value;
        }
        memo = { snapshot, selection };
        return selection;
      }
      if (Object.is(memo.snapshot, snapshot)) return memo.selection;
      const selection = select(snapshot);
      if (Object.is(memo.selection, selection) || (isEqual !== undefined && isEqual(memo.selection, selection))) {
        memo = { snapshot, selection: memo.selection };
        return memo.selection;
      }
      memo = { snapshot, selection };
      return selection;
    };
    return () => selectMemoized(client.getSnapshot());
  }, [client, selector, isEqual]);

  const value = useSyncExternalStore(client.subscribe, getSelection, getSelection);
  useEffect(() => {
    committed.current = { value };
  }, [value]);
  return value;
}
