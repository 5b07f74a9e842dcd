// Turns errors into sentences a user can act on. HubSpot never looks inside
// the widget, so every failure must be explained here, in the iframe.
import { isCallingError } from "hubspot-calling-kit";

/** The chain of causes of an error, outermost first. */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && chain.length < 5; current = (current as { cause?: unknown })?.cause) {
    chain.push(current);
  }
  return chain;
}

const named = (error: unknown, ...names: string[]) =>
  causes(error).some((item) => item instanceof Error && names.includes(item.name));

/** A message for a call that could not be placed or broke. */
export function callFailureMessage(error: unknown): string {
  if (named(error, "NotAllowedError", "SecurityError")) {
    return "Microphone blocked. Allow microphone access for this site in your browser, then call again.";
  }
  if (named(error, "NotFoundError", "NotReadableError", "OverconstrainedError")) {
    return "No working microphone found. Connect a headset or microphone, then call again.";
  }
  if (named(error, "TypeError") || /network|fetch|websocket/i.test(String((error as Error)?.message))) {
    return "Network problem: the voice service could not be reached. Check your connection and try again.";
  }
  return `The call failed: ${describe(error)}`;
}

/** A message for a call that could not be saved (logged) in HubSpot; the notes stay in the form. */
export function saveFailureMessage(error: unknown): string {
  return `The call was not saved to HubSpot (${describe(error)}). Your notes are kept: check them and try again.`;
}

/** A short description of any error, for banners. */
export function describe(error: unknown): string {
  if (isCallingError(error)) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
