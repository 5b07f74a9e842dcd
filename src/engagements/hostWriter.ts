import { CallingError } from "../errors/callingError";
import { HostRequestError } from "../errors/hostRequestError";
import { anySignal } from "../internal/anySignal";
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
      const names = (data: { engagementId?: number; externalCallId?: string }) =>
        (data.externalCallId ?? call.externalCallId) === call.externalCallId &&
        (engagementId === undefined || data.engagementId === undefined || data.engagementId === engagementId);
      // Listen before sending (the answer can arrive in the same task), and
      // stop listening if sending fails, so no waiter is left behind.
      const stop = new AbortController();
      const answer = host.next(["UPDATE_ENGAGEMENT_SUCCEEDED", "UPDATE_ENGAGEMENT_FAILED"], {
        signal: anySignal([signal, stop.signal]),
        timeout: options.timeout ?? 30_000,
        match: (message) => names(message.data),
      });
      answer.catch(() => {});
      try {
        host.send({
          type: "CALL_COMPLETED",
          data: {
            externalCallId: call.externalCallId,
            ...(engagementId === undefined ? {} : { engagementId }),
            ...(hideWidget === undefined ? {} : { hideWidget }),
            engagementProperties: properties,
          },
        });
      } catch (error) {
        stop.abort();
        throw error;
      }
      const message = await answer;
      if (message.type === "UPDATE_ENGAGEMENT_FAILED") {
        throw new HostRequestError("UPDATE_ENGAGEMENT_FAILED", message.data.error?.message);
      }
      return { engagementId: message.data.engagementId ?? engagementId };
    },
  };
}
