import { CallingError } from "../errors/callingError";
import { askHost } from "../internal/askHost";
import type { EngagementWriter } from "./engagementWriter";

/**
 * Options of {@link hostWriter}.
 *
 * @example
 * ```ts
 * hostWriter({ timeout: 15_000 });
 * ```
 */
export interface HostWriterOptions {
  /** How long to wait for HubSpot's `UPDATE_ENGAGEMENT_*` answer (default 30 s). */
  timeout?: number;
}

/**
 * The default writer: sends `CALL_COMPLETED` with `engagementProperties`, so
 * HubSpot writes the engagement itself (no token in the browser), and
 * resolves on `UPDATE_ENGAGEMENT_SUCCEEDED` or rejects with a
 * `HostRequestError` on `UPDATE_ENGAGEMENT_FAILED` (a `TimeoutError` when
 * HubSpot does not answer).
 *
 * @example
 * ```ts
 * const client = createCallingClient({ provider, writer: hostWriter({ timeout: 20_000 }) });
 * ```
 */
export function hostWriter(options: HostWriterOptions = {}): EngagementWriter {
  return {
    async write({ call, engagementId, properties, signal, host, hideWidget }) {
      if (!host) {
        throw new CallingError(
          "NOT_SUPPORTED",
          "hostWriter() logs calls through HubSpot's page; on a server use createCallsApiWriter() from hubspot-calling-kit/server",
        );
      }
      const answer = await askHost(
        host,
        {
          type: "CALL_COMPLETED",
          data: {
            externalCallId: call.externalCallId,
            ...(engagementId === undefined ? {} : { engagementId }),
            ...(hideWidget === undefined ? {} : { hideWidget }),
            engagementProperties: properties,
          },
        },
        ["UPDATE_ENGAGEMENT_SUCCEEDED", "UPDATE_ENGAGEMENT_FAILED"],
        options.timeout ?? 30_000,
        signal,
        (data) =>
          (data.externalCallId ?? call.externalCallId) === call.externalCallId &&
          (engagementId === undefined || data.engagementId === undefined || data.engagementId === engagementId),
      );
      return { engagementId: answer.engagementId ?? engagementId };
    },
  };
}
