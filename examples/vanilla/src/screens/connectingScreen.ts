import { h } from "../dom";
import type { Screen } from "./screen";

/** Shown until HubSpot's handshake (SYNC) arrives. */
export function connectingScreen(): Screen {
  const hint = h(
    "p",
    { class: "hint", hidden: true },
    "Still waiting. This widget runs inside HubSpot: open it from a HubSpot record, or from the local playground (npm run dev).",
  );
  const heading = h("h2", { tabindex: -1 }, "Connecting to HubSpot…");
  const element = h("section", { class: "screen center", "aria-busy": "true" }, h("div", { class: "spinner", "aria-hidden": "true" }), heading, hint);
  // Only a hint: nothing is wrong yet, HubSpot may simply be slow.
  setTimeout(() => (hint.hidden = false), 5_000);
  return { element, update() {}, focus: () => heading.focus() };
}
