import { CallingError, type CallingErrorOptions } from "./callingError";

/**
 * A message from HubSpot's page could not be used: not an object, an unknown
 * type, or a payload with missing or mistyped fields. The raw message is kept
 * and nothing changed state.
 *
 * @example
 * ```ts
 * client.on("protocolError", ({ error }) => console.warn(error.issues, error.raw));
 * ```
 */
export class ProtocolError extends CallingError<"PROTOCOL_ERROR"> {
  /** The message exactly as it was received. */
  declare readonly raw: unknown;
  /** What was wrong, one entry per problem (`"data.engagementId: expected an id"`). */
  declare readonly issues: readonly string[];

  /** @internal */
  constructor(raw: unknown, issues: readonly string[], options: CallingErrorOptions = {}) {
    super("PROTOCOL_ERROR", `Unusable message from HubSpot: ${issues.join("; ")}`, options);
    this.name = "ProtocolError";
    this.raw = raw;
    this.issues = issues;
  }
}
