// What HubSpot shows its user because of the widget's messages: the alert of
// ERROR, the record NAVIGATE_TO_RECORD opens, a transferred call. HubSpot
// shows them on its page, outside the widget; so does the playground.
import type { HostNotice } from "hubspot-calling-kit/testing";
import { CONTACT } from "./contact";
import { h } from "./dom";

const MAX_SHOWN = 4;
const OBJECT_TYPES: Record<string, string> = { "0-1": "contact", "0-2": "company", "0-3": "deal", "0-5": "ticket" };

/** The sentence for one notice. */
export function describeNotice(notice: HostNotice, appName: string): string {
  switch (notice.kind) {
    case "error":
      return `${appName}: ${notice.message}`;
    case "navigateToRecord": {
      const { objectId, objectTypeId } = notice.objectCoordinates;
      const type = OBJECT_TYPES[objectTypeId] ?? `object ${objectTypeId}`;
      const name = objectId === CONTACT.id && objectTypeId === CONTACT.objectTypeId ? ` (${CONTACT.firstName} ${CONTACT.lastName})` : "";
      const where = notice.openIn === "NEW_TAB" ? "in a new tab" : "in this tab";
      return `HubSpot opens ${type} ${objectId}${name} ${where} (NAVIGATE_TO_RECORD)`;
    }
    case "callTransferred":
      return `${appName} transferred the call ${notice.externalCallId.slice(0, 8)}… (CALL_TRANSFERRED)`;
  }
}

/** The notices bar in `container`. */
export function createHostNotices(container: HTMLElement) {
  return {
    /** Shows one notice, newest first; the oldest go beyond a few. */
    show(notice: HostNotice, appName: string): void {
      const dismiss = h("button", { type: "button", class: "small", "aria-label": "Dismiss", onclick: () => item.remove() }, "×");
      const item = h(
        "div",
        { class: `host-notice ${notice.kind === "error" ? "alert" : "info"}`, "data-kind": notice.kind },
        h("span", {}, describeNotice(notice, appName)),
        dismiss,
      );
      container.prepend(item);
      while (container.children.length > MAX_SHOWN) container.lastElementChild?.remove();
    },
    clear(): void {
      container.replaceChildren();
    },
  };
}
