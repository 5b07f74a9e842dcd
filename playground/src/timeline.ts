// The record's activity timeline: calls appear as HubSpot shows them, from
// the engagement the widget created and the properties it logged.
import { CALL_OUTCOMES, type EngagementProperties, type HubSpotId } from "hubspot-calling-kit";
import { formatDuration } from "./format";
import { h } from "./dom";

const OUTCOME_NAMES: Record<string, string> = {
  [CALL_OUTCOMES.busy]: "Busy",
  [CALL_OUTCOMES.connected]: "Connected",
  [CALL_OUTCOMES.leftLiveMessage]: "Left live message",
  [CALL_OUTCOMES.leftVoicemail]: "Left voicemail",
  [CALL_OUTCOMES.noAnswer]: "No answer",
  [CALL_OUTCOMES.wrongNumber]: "Wrong number",
};

/** The activity timeline in `list`. */
export function createTimeline(list: HTMLElement, contactName: string) {
  const items = new Map<HubSpotId, HTMLElement>();

  const empty = h("li", { class: "empty" }, "No calls yet. Press Call on the record to start one.");
  list.replaceChildren(empty);

  const itemFor = (id: HubSpotId) => {
    let item = items.get(id);
    if (!item) {
      item = h("li", { class: "activity", "data-testid": "timeline-call", "data-engagement-id": id });
      items.set(id, item);
      empty.remove();
      list.prepend(item);
    }
    return item;
  };

  return {
    /** HubSpot created the engagement: the call is in progress. */
    created(id: HubSpotId): void {
      itemFor(id).replaceChildren(
        h("div", { class: "activity-head" }, h("strong", {}, "Call"), h("span", { class: "badge live" }, "In progress")),
        h("p", { class: "muted" }, `Engagement ${id} · waiting for the widget to log the call`),
      );
    },
    /** The widget logged the call: show it as HubSpot would. */
    written(id: HubSpotId, properties: EngagementProperties): void {
      const inbound = properties.hs_call_direction === "INBOUND";
      const outcome = properties.hs_call_disposition ? (OUTCOME_NAMES[properties.hs_call_disposition] ?? properties.hs_call_disposition) : "No outcome";
      const duration = properties.hs_call_duration ? formatDuration(Number(properties.hs_call_duration)) : "–";
      const when = properties.hs_timestamp ? new Date(Number(properties.hs_timestamp)).toLocaleString() : "";
      itemFor(id).replaceChildren(
        h(
          "div",
          { class: "activity-head" },
          h("strong", {}, `${inbound ? "Inbound call from" : "Outbound call to"} ${contactName}`),
          h("span", { class: "badge" }, properties.hs_call_status ?? "LOGGED"),
        ),
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
  };
}
