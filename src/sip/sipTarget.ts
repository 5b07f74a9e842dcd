import { ValidationError } from "../errors/validationError";

const PHONE = /^\+?[\d\s().-]+$/;
const USER = /^[A-Za-z0-9._~-]+$/;

/**
 * The SIP URI to INVITE for the number the client asked to dial: a phone
 * number without its formatting (`+1 (617) 555-0100` -> `+16175550100`) or a
 * plain user name, at `domain`. Anything else (a SIP URI, a host, header or
 * parameter characters) is refused with a `ValidationError`: the number
 * comes from HubSpot's page or the user and must not choose where the call
 * is routed.
 *
 * @example
 * ```ts
 * sipTargetOf("+1 (617) 555-0100", "example.com"); // "sip:+16175550100@example.com"
 * ```
 */
export function sipTargetOf(to: string, domain: string): string {
  const trimmed = typeof to === "string" ? to.trim() : "";
  let user: string | undefined;
  if (PHONE.test(trimmed)) {
    user = trimmed.replace(/[\s().-]/g, "");
    if (!/^\+?\d{1,32}$/.test(user)) user = undefined;
  } else if (USER.test(trimmed) && trimmed.length <= 64) {
    user = trimmed;
  }
  if (!user) {
    throw new ValidationError("number to dial", [
      { path: "to", message: "must be a phone number (digits, optionally with +, spaces, dots, dashes, parentheses) or a plain SIP user name" },
    ]);
  }
  return `sip:${user}@${domain}`;
}
