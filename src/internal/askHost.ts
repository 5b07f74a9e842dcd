import type { HostChannel } from "../engagements/engagementWriter";
import { HostRequestError } from "../errors/hostRequestError";
import type { EngagementIdPayload, OutboundMessage } from "../sdk/messages";
import { anySignal } from "./anySignal";
import { quiet } from "./awaitable";

/**
 * Sends `message` to HubSpot and resolves with the answer that `match`
 * accepts: `ok`'s data, or a `HostRequestError` on `failed`. Listens before
 * sending (the answer can arrive in the same task) and stops listening once
 * it is over, however it ended, so no waiter or abort listener is left
 * behind. @internal
 */
export async function askHost(
  host: HostChannel,
  message: OutboundMessage,
  [ok, failed]: readonly ["UPDATE_ENGAGEMENT_SUCCEEDED", "UPDATE_ENGAGEMENT_FAILED"] | readonly ["FINALIZE_ENGAGEMENT_SUCCEEDED", "FINALIZE_ENGAGEMENT_FAILED"],
  timeout: number,
  signal: AbortSignal | undefined,
  match: (data: Partial<EngagementIdPayload>) => boolean,
): Promise<Partial<EngagementIdPayload>> {
  const stop = new AbortController();
  const answer = quiet(
    host.next([ok, failed], {
      timeout,
      signal: signal ? anySignal([signal, stop.signal]) : stop.signal,
      match: (reply) => match(reply.data),
    }),
  );
  try {
    host.send(message);
    const reply = await answer;
    if (reply.type === failed) throw new HostRequestError(failed, reply.data.error?.message);
    return reply.data as Partial<EngagementIdPayload>;
  } finally {
    // Whatever happened, stop listening: this also takes the combined
    // signal's listener off `signal`, which may live as long as the page.
    stop.abort();
  }
}

/**
 * Sends FINALIZE_ENGAGEMENT for a call and resolves once HubSpot confirmed it
 * (rejects with `HostRequestError` on FINALIZE_ENGAGEMENT_FAILED; default
 * timeout 10 s). @internal
 */
export function finalizeEngagement(
  host: HostChannel,
  callId: string,
  engagementId: number,
  options: { timeout?: number; signal?: AbortSignal },
): Promise<void> {
  return askHost(
    host,
    { type: "FINALIZE_ENGAGEMENT", data: { externalCallId: callId, engagementId } },
    ["FINALIZE_ENGAGEMENT_SUCCEEDED", "FINALIZE_ENGAGEMENT_FAILED"],
    options.timeout ?? 10_000,
    options.signal,
    (data) => (data.externalCallId ?? callId) === callId,
  ).then(() => {});
}
