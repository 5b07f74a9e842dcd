import { useContext } from "react";
import type { CallingClient } from "../client/callingClient";
import { CallingError } from "../errors/callingError";
import { CallingContext } from "./callingContext";

/**
 * The {@link CallingClient} of the nearest {@link CallingProvider}, for
 * commands (`logIn`, `dial`, ...) and anything the other hooks do not cover.
 * Throws a `CallingError` with code `INVALID_STATE` outside a provider.
 *
 * @example
 * ```tsx
 * function LogInButton() {
 *   const client = useCallingClient();
 *   return <button onClick={() => void client.logIn()}>Log in</button>;
 * }
 * ```
 */
export function useCallingClient(): CallingClient {
  const client = useContext(CallingContext);
  if (client === null) {
    throw new CallingError(
      "INVALID_STATE",
      "useCallingClient() and the other calling hooks need a <CallingProvider> above the component",
    );
  }
  return client;
}
