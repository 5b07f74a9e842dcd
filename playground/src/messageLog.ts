// The live message log: every message between the page and the widget, with
// time, direction, type and payload, readable at a glance. It follows new
// messages while it is scrolled to the bottom; scrolled up (reading an older
// message), it stays put and offers a "new messages" button instead.
import type { RecordedMessage } from "hubspot-calling-kit/testing";
import { h } from "./dom";
import { formatTime, timesIn } from "./format";

const INLINE_LIMIT = 150;

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

/** The moments inside a payload, in the log's format (epoch milliseconds are hard to read). */
function payloadTimes(data: unknown): HTMLElement | false {
  const times = timesIn(data);
  return (
    times.length > 0 &&
    h("span", { class: "payload-times", "data-testid": "payload-time" }, times.map(([field, at]) => `${field} ${formatTime(at)}`).join(" · "))
  );
}

/** A message log in `list`; returns functions to add entries. */
export function createMessageLog(list: HTMLElement, tools: HTMLElement) {
  let entries: RecordedMessage[] = [];
  let unseen = 0;

  const newMessages = h("button", {
    type: "button",
    class: "small new-messages",
    "data-testid": "log-new-messages",
    hidden: true,
    onclick: () => toBottom(),
  });
  list.after(newMessages);
  const nearBottom = () => list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const showUnseen = () => {
    newMessages.hidden = unseen === 0;
    newMessages.textContent = `↓ ${unseen} new message${unseen === 1 ? "" : "s"}`;
  };
  const toBottom = () => {
    list.scrollTop = list.scrollHeight;
    unseen = 0;
    showUnseen();
  };
  // Back at the bottom by hand: the log follows again.
  list.addEventListener("scroll", () => {
    if (unseen > 0 && nearBottom()) toBottom();
  });
  const append = (item: HTMLElement) => {
    const follow = nearBottom();
    list.append(item);
    if (follow) return toBottom();
    unseen += 1;
    showUnseen();
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
      toBottom();
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
          h("time", { datetime: new Date(message.at).toISOString() }, formatTime(message.at)),
          h("span", { class: "dir", title: toWidget ? "HubSpot → widget" : "widget → HubSpot" }, toWidget ? "→ widget" : "← widget"),
          surface && h("span", { class: `surface ${surface}` }, surface),
          h("code", { class: "type" }, message.type),
          payload(message.data),
          payloadTimes(message.data),
          issues.length > 0 && h("span", { class: "issues", "data-testid": "malformed" }, `⚠ malformed: ${issues.join("; ")}`),
        ),
      );
    },
    /** Adds a line that marks a new session (a widget (re)loaded), with the time in the log's format. */
    separator(text: string, at: number = Date.now()): void {
      append(h("li", { class: "separator" }, h("time", { datetime: new Date(at).toISOString() }, formatTime(at)), ` · ${text}`));
    },
  };
}
