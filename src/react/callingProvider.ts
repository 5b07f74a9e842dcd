import { createElement, type ReactElement, type ReactNode, useEffect, useState } from "react";
import type { CallingClient } from "../client/callingClient";
import { createCallingClient } from "../client/createCallingClient";
import type { CallingClientOptions } from "../client/options";
import { ValidationError } from "../errors/validationError";
import { CallingContext } from "./callingContext";

/**
 * Props of a {@link CallingProvider} given a client you created (and will
 * destroy) yourself.
 *
 * @example
 * ```tsx
 * const client = createCallingClient({ provider });
 * <CallingProvider client={client}><Softphone /></CallingProvider>;
 * ```
 */
export interface CallingProviderClientProps {
  /**
   * The client to hand down. The provider never starts or destroys it.
   *
   * @example
   * ```tsx
   * <CallingProvider client={client}>{children}</CallingProvider>
   * ```
   */
  client: CallingClient;
  /**
   * Not allowed together with `client`.
   *
   * @example
   * ```tsx
   * <CallingProvider client={client}>{children}</CallingProvider>
   * ```
   */
  options?: never;
  /**
   * The widget.
   *
   * @example
   * ```tsx
   * <CallingProvider client={client}><Softphone /></CallingProvider>
   * ```
   */
  children?: ReactNode;
}

/**
 * Props of a {@link CallingProvider} that creates its own client.
 *
 * @example
 * ```tsx
 * <CallingProvider options={{ provider, allowedOrigins: HUBSPOT_ORIGINS }}><Softphone /></CallingProvider>;
 * ```
 */
export interface CallingProviderOptionsProps {
  /**
   * Options for `createCallingClient()`. Read once: the client is created on
   * the first render and destroyed on unmount; later changes to `options`
   * are ignored (remount the provider with a new `key` to apply them).
   *
   * @example
   * ```tsx
   * const options = { provider: simulatedProvider(), allowedOrigins: [...HUBSPOT_ORIGINS, "http://localhost:5173"] };
   * <CallingProvider options={options}>{children}</CallingProvider>
   * ```
   */
  options: CallingClientOptions;
  /**
   * Not allowed together with `options`.
   *
   * @example
   * ```tsx
   * <CallingProvider options={options}>{children}</CallingProvider>
   * ```
   */
  client?: never;
  /**
   * The widget.
   *
   * @example
   * ```tsx
   * <CallingProvider options={options}><Softphone /></CallingProvider>
   * ```
   */
  children?: ReactNode;
}

/**
 * Props of {@link CallingProvider}: exactly one of `client` or `options`.
 *
 * @example
 * ```tsx
 * const props: CallingProviderProps = { options: { provider }, children: <Softphone /> };
 * ```
 */
export type CallingProviderProps = CallingProviderClientProps | CallingProviderOptionsProps;

// Clients this module created and destroyed again, so an effect that runs a
// second time (StrictMode, or a remount after <Activity> hid the tree) knows
// to create a fresh one instead of handing down a dead client.
const retired = new WeakSet<CallingClient>();

// Created without starting: creating is then free of side effects, so a
// render React throws away (StrictMode calls initialisers twice) leaks
// nothing. The effect starts the client that was committed.
function createIdleClient(options: CallingClientOptions): CallingClient {
  return createCallingClient({ ...options, autoStart: false });
}

function useOwnedClient(options: CallingClientOptions | undefined): CallingClient | null {
  const [owned, setOwned] = useState<CallingClient | null>(() => (options ? createIdleClient(options) : null));
  if (options !== undefined && (owned === null || retired.has(owned))) {
    // Switched (back) from `client` to `options`: create a client now (an
    // update during render, which React applies before committing anything).
    setOwned(createIdleClient(options));
  }
  const wanted = options !== undefined;
  useEffect(() => {
    if (!wanted || owned === null) return;
    if (retired.has(owned)) {
      // Mounted again after this client was destroyed: replace it.
      if (options) setOwned(createIdleClient(options));
      return;
    }
    if (options?.autoStart !== false) {
      // Start errors are reported through client.ready() and the logger.
      owned.start().catch(() => {});
    }
    return () => {
      retired.add(owned);
      owned.destroy();
    };
    // `options` is read once per client on purpose (see CallingProviderOptionsProps).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted, owned]);
  return wanted ? owned : null;
}

/**
 * Makes a calling client available to the hooks below it
 * ({@link useCallingClient}, {@link useCallingSnapshot}, {@link useCall},
 * {@link useCallingEvent}).
 *
 * Given `options`, it creates the client once, starts it after mounting and
 * destroys it on unmount; under StrictMode's mount-unmount-mount the first
 * client is destroyed and a fresh one replaces it, so exactly one client is
 * ever listening to HubSpot. Given `client`, it only hands it down: starting
 * and destroying stay with you. Safe to render on the server (nothing starts
 * there).
 *
 * @example
 * ```tsx
 * import { HUBSPOT_ORIGINS } from "hubspot-calling-kit";
 * import { CallingProvider } from "hubspot-calling-kit/react";
 *
 * const options = { provider: myTelephonyProvider, allowedOrigins: HUBSPOT_ORIGINS };
 *
 * createRoot(document.getElementById("root")!).render(
 *   <CallingProvider options={options}>
 *     <Softphone />
 *   </CallingProvider>,
 * );
 * ```
 */
export function CallingProvider(props: CallingProviderProps): ReactElement {
  const given = props.client;
  if (given !== undefined && props.options !== undefined) {
    throw new ValidationError("<CallingProvider> props", [
      { path: "client", message: "and options cannot both be given" },
    ]);
  }
  if (given === undefined && props.options === undefined) {
    throw new ValidationError("<CallingProvider> props", [
      { path: "client", message: "or options is required" },
    ]);
  }
  const owned = useOwnedClient(given === undefined ? props.options : undefined);
  const client = given ?? owned;
  return createElement(CallingContext.Provider, { value: client }, props.children);
}
