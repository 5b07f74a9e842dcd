import { CallingError, type CallingErrorOptions } from "./callingError";

/**
 * The telephony provider (the voice backend) failed: it could not place the
 * call, lost the media connection, or threw. The provider's own error is
 * kept as `cause`.
 *
 * @example
 * ```ts
 * client.on("callEnded", ({ error }) => {
 *   if (error instanceof ProviderError) showBanner(error.message);
 * });
 * ```
 */
export class ProviderError extends CallingError<"PROVIDER_ERROR"> {
  /** @internal */
  constructor(message: string, options: CallingErrorOptions = {}) {
    super("PROVIDER_ERROR", message, options);
    this.name = "ProviderError";
  }
}
