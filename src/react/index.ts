"use client";
// hubspot-calling-kit/react: React bindings over the client's
// subscribe/getSnapshot and on(). React (>= 18) is an optional peer
// dependency; nothing here touches a browser global at import, so the module
// is safe to import during server rendering.
// Held back on purpose: the React context object (use the hooks instead).

export type {
  CallingProviderClientProps,
  CallingProviderOptionsProps,
  CallingProviderProps,
} from "./callingProvider";
export { CallingProvider } from "./callingProvider";
export { useCallingClient } from "./useCallingClient";
export type { CallingSelector, EqualityFn } from "./useCallingSnapshot";
export { useCallingSnapshot } from "./useCallingSnapshot";
export { shallowEqual } from "./shallowEqual";
export type { UseCallResult } from "./useCall";
export { useCall } from "./useCall";
export { useCallingEvent } from "./useCallingEvent";
export { useSurface } from "./useSurface";
