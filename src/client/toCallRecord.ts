import type { CallRecord } from "../engagements/callRecord";
import type { CallSnapshot } from "../machine/callSnapshot";
import type { HostContext } from "../sdk/messages";

/** The plain record of a finished call that writers receive. */
export function toCallRecord(call: CallSnapshot, host: HostContext | null, now: number): CallRecord {
  const endedAt = call.endedAt ?? now;
  const details = call.details ?? {};
  const match = call.callerIdMatches?.[0]?.objectCoordinates;
  const callee =
    call.request?.callee ?? (match ? { objectId: match.objectId, objectTypeId: match.objectTypeId } : undefined);
  const ownerId = host?.ownerId ?? call.request?.payload.ownerId;
  const record: CallRecord = {
    externalCallId: call.id,
    direction: call.direction,
    fromNumber: call.fromNumber,
    toNumber: call.toNumber,
    startedAt: call.startedAt,
    endedAt,
    durationMs: call.answeredAt === null ? 0 : Math.max(0, endedAt - call.answeredAt),
    endStatus: call.endStatus ?? "COMPLETED",
  };
  const optional: Partial<CallRecord> = {
    answeredAt: call.answeredAt ?? undefined,
    engagementId: call.engagement.id ?? undefined,
    portalId: host?.portalId,
    userId: host?.userId,
    ownerId,
    callee: callee ? { ...callee } : undefined,
    notes: details.notes,
    outcome: details.outcome,
    title: details.title,
    recordingUrl: details.recordingUrl,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (record as unknown as Record<string, unknown>)[key] = value;
  }
  return record;
}
