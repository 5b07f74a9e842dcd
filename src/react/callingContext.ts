import { createContext } from "react";
import type { CallingClient } from "../client/callingClient";

/**
 * The client a {@link CallingProvider} hands down; `null` outside one.
 * @internal
 */
export const CallingContext = createContext<CallingClient | null>(null);
CallingContext.displayName = "CallingContext";
