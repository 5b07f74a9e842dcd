// The record's activity timeline: calls appear as HubSpot shows them, from
// the engagement the widget created, how the call ended, the properties it
// logged, and a save HubSpot refused.
import { CALL_OUTCOMES, type EngagementProperties, type HubSpotId } from "hubspot-calling-kit";
import { h } from "./dom";
import { formatDateTime, formatDuration } from "./format";

const OUTCOME_NAMES: Record<string, string> = {
  [CALL_OUTCOMES.busy]: "Busy",
  [CALL_OUTCOMES.connected]: "Connected",
  [CALL_OUTCOMES.leftLiveMessage]: "Left live message",
  [CALL_OUTCOMES.leftVoicemail]: "Left voicemail",
  [CALL_OUTCOMES.noAnswer]: "No answer",
  [CALL_OUTCOMES.wrongNumber]: "Wrong number",
};

/**
 * The activity timeline in `list`. Calls are matched to HubSpot's engagement
 * ids as HubSpot does: its CREATE_ENGAGEMENT answers come in the order the
 * calls started, per iframe (`surface`), and name no call.
 */
export function createTimeline(list: HTMLElement, contactName: string) {
  const items = new Map<HubSpotId | string, HTMLElement>();
  // Calls waiting for their engagement id, per surface; each call's id once known; an end that came first.
  const waiting = new Map<string, string[]>();
  const engagementOf = new Map<string, HubSpotId>();
  const endedEarly = new Map<string, string>();

  const empty = h("li", { class: "empty" }, "No calls yet. Press Call on the record to start one.");
  list.replaceChildren(empty);

  const itemFor = (id: HubSpotId | string) => {
    let item = items.get(id);
    if (!item) {
      item = h("li", { class: "activity", "data-testid": "timeline-call", "data-engagement-id": typeof id === "number" ? id : undefined });
      items.set(id, item);
      empty.remove();
      list.prepend(item);
    }
    return item;
  };
  /** The card's head: what it is, and its state as a badge. */
  const head = (title: string, badge: string, kind: "live" | "ended" | "logged" | "failed") =>
    h("div", { class: "activity-head" }, h("strong", {}, title), h("span", { class: `badge ${kind}`, "data-testid": "timeline-badge" }, badge));

  /** Shows how the call ended; nothing is logged until the widget completes it. */
  const showEnded = (id: HubSpotId, endStatus: string) => {
      const item = items.get(id);
      // Already logged (a late or repeated CALL_ENDED): the logged call stays as it is.
      if (!item || item.dataset.state === "written") return;
      item.dataset.state = "ended";
      item.replaceChildren(
        head("Call", endStatus, endStatus === "FAILED" ? "failed" : "ended"),
        h("p", { class: "muted", "data-testid": "timeline-note" }, `Engagement ${id} · the call ended (${endStatus}); not logged by the widget (yet)`),
      );
  };

  return {
    /** A call started with `createEngagement`: HubSpot's next engagement id on `surface` is its. */
    started(callId: string, surface: string): void {
      waiting.set(surface, [...(waiting.get(surface) ?? []), callId]);
    },
    /** HubSpot created the engagement: the call is in progress (or already ended, when it ended first). */
    created(id: HubSpotId, surface: string): void {
      const callId = waiting.get(surface)?.shift();
      itemFor(id).replaceChildren(
        head("Call", "In progress", "live"),
        h("p", { class: "muted" }, `Engagement ${id} · waiting for the widget to log the call`),
      );
      if (callId === undefined) return;
      engagementOf.set(callId, id);
      const endStatus = endedEarly.get(callId);
      endedEarly.delete(callId);
      if (endStatus !== undefined) showEnded(id, endStatus);
    },
    /** HubSpot could not create the engagement of the oldest call waiting on `surface`. */
    createFailed(surface: string): void {
      waiting.get(surface)?.shift();
    },
    /** The widget reported the end (CALL_ENDED), naming the engagement or not. */
    ended(callId: string, id: HubSpotId | undefined, endStatus: string): void {
      const known = id ?? engagementOf.get(callId);
      if (known !== undefined) showEnded(known, endStatus);
      else endedEarly.set(callId, endStatus);
    },
    /** The widget logged the call: show it as HubSpot would. */
    written(id: HubSpotId, properties: EngagementProperties): void {
      const inbound = properties.hs_call_direction === "INBOUND";
      const outcome = properties.hs_call_disposition ? (OUTCOME_NAMES[properties.hs_call_disposition] ?? properties.hs_call_disposition) : "No outcome";
      const duration = properties.hs_call_duration ? formatDuration(Number(properties.hs_call_duration)) : "–";
      const when = properties.hs_timestamp ? formatDateTime(Number(properties.hs_timestamp)) : "";
      const item = itemFor(id);
      item.dataset.state = "written";
      item.replaceChildren(
        head(`${inbound ? "Inbound call from" : "Outbound call to"} ${contactName}`, properties.hs_call_status ?? "LOGGED", "logged"),
        h(
          "dl",
          { class: "facts" },
          h("dt", {}, "Outcome"), h("dd", { "data-testid": "timeline-outcome" }, outcome),
          h("dt", {}, "Duration"), h("dd", { "data-testid": "timeline-duration" }, duration),
          h("dt", {}, "From"), h("dd", {}, properties.hs_call_from_number || "–"),
          h("dt", {}, "To"), h("dd", {}, properties.hs_call_to_number || "–"),
          h("dt", {}, "When"), h("dd", {}, when),
        ),
        h("p", { class: "body", "data-testid": "timeline-body" }, properties.hs_call_body || "No notes"),
        h("p", { class: "muted" }, `Engagement ${id}`),
      );
    },
    /**
     * HubSpot refused to write the call (UPDATE_ENGAGEMENT_FAILED): the card
     * says so, with HubSpot's message, until a retry logs it: on the card of
     * the engagement CALL_COMPLETED named, else of its call.
     */
    saveFailed(named: HubSpotId | undefined, callId: string, message: string): void {
      const id = named ?? engagementOf.get(callId) ?? `call:${callId}`;
      const item = itemFor(id);
      if (item.dataset.state === "written") return;
      item.dataset.state = "saveFailed";
      const known = typeof id === "number";
      item.replaceChildren(
        head("Call", "Not saved", "failed"),
        h(
          "p",
          { class: "save-failed", "data-testid": "timeline-save-failed", role: "status" },
          `HubSpot could not save the call${message ? `: ${message}` : ""} (UPDATE_ENGAGEMENT_FAILED). The widget can retry.`,
        ),
        h("p", { class: "muted" }, known ? `Engagement ${id}` : "No engagement id"),
      );
    },
  };
}
