// The live message log: every message between the page and the widget, with
// time, direction, type and payload, readable at a glance.
import type { RecordedMessage } from "hubspot-calling-kit/testing";
import { h } from "./dom";

const INLINE_LIMIT = 150;

function time(at: number): string {
  const date = new Date(at);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

function json(value: unknown, space?: number): string {
  try {
    return JSON.stringify(value, null, space) ?? "";
  } catch {
    return String(value);
  }
}

/** The payload cell: one line when short, expandable when long. */
function payload(data: unknown): HTMLElement {
  if (data === undefined) return h("span", { class: "payload empty" }, "no payload");
  const line = json(data);
  if (line.length <= INLINE_LIMIT) return h("code", { class: "payload" }, line);
  return h(
    "details",
    { class: "payload" },
    h("summary", {}, h("code", {}, `${line.slice(0, INLINE_LIMIT)}…`)),
    h("pre", {}, json(data, 2)),
  );
}

/** A message log in `list`; returns functions to add entries. */
export function createMessageLog(list: HTMLElement, tools: HTMLElement) {
  let entries: RecordedMessage[] = [];

  const nearBottom = () => list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const append = (item: HTMLElement) => {
    const follow = nearBottom();
    list.append(item);
    if (follow) list.scrollTop = list.scrollHeight;
  };

  const copy = h("button", {
    type: "button",
    class: "small",
    onclick: () => {
      void navigator.clipboard?.writeText(json(entries, 2)).then(
        () => (copy.textContent = "Copied"),
        () => (copy.textContent = "Copy failed"),
      );
      setTimeout(() => (copy.textContent = "Copy as JSON"), 1_500);
    },
  }, "Copy as JSON");
  const clear = h("button", {
    type: "button",
    class: "small",
    onclick: () => {
      entries = [];
      list.replaceChildren();
    },
  }, "Clear");
  tools.replaceChildren(
    h("span", { class: "legend to-widget" }, "HubSpot → widget"),
    h("span", { class: "legend to-host" }, "widget → HubSpot"),
    copy,
    clear,
  );

  return {
    /** Adds one message; `surface` names the iframe it was exchanged with when HubSpot runs two. */
    add(message: RecordedMessage, surface?: "remote" | "window"): void {
      entries.push(surface ? { ...message, surface } as RecordedMessage : message);
      const toWidget = message.direction === "toWidget";
      const issues = message.issues ?? [];
      append(
        h(
          "li",
          {
            class: `entry ${toWidget ? "to-widget" : "to-host"}${issues.length > 0 ? " malformed" : ""}`,
            "data-type": message.type,
            "data-direction": message.direction,
            "data-surface": surface,
          },
          h("time", { datetime: new Date(message.at).toISOString() }, time(message.at)),
          h("span", { class: "dir", title: toWidget ? "HubSpot → widget" : "widget → HubSpot" }, toWidget ? "→ widget" : "← widget"),
          surface && h("span", { class: `surface ${surface}` }, surface),
          h("code", { class: "type" }, message.type),
          payload(message.data),
          issues.length > 0 && h("span", { class: "issues", "data-testid": "malformed" }, `⚠ malformed: ${issues.join("; ")}`),
        ),
      );
    },
    /** Adds a line that marks a new session (a widget (re)loaded), with the time in the log's format. */
    separator(text: string, at: number = Date.now()): void {
      append(h("li", { class: "separator" }, `${time(at)} · ${text}`));
    },
  };
}
