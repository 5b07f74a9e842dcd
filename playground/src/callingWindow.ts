// HubSpot's detached calling window, as the playground plays it: a page of
// HubSpot's origin (this one) that frames the widget with iframeLocation
// "window". It hands its simulator to the playground page that opened it
// (directly, or through the widget's own link), which logs its messages and
// drives the far end of calls held here.
import { createHostSimulator, type HostSimulator } from "hubspot-calling-kit/testing";
import { readWidgets, widgetAddress } from "./config";
import { contextFor } from "./layout";

/** What the playground page offers its calling window (see main.ts). */
interface PlaygroundApi {
  widgetUrl(): string;
  attachWindow(host: HostSimulator): void;
  detachWindow(host: HostSimulator): void;
}

/** The playground page: the opener, or (a window opened by the widget's link) the page around the widget. */
function playgroundPage(): PlaygroundApi | null {
  for (const candidate of [() => window.opener, () => window.opener?.top]) {
    try {
      const api = (candidate() as { playground?: PlaygroundApi } | null)?.playground;
      if (api?.attachWindow) return api;
    } catch {
      // Another origin (the widget's frame): look further.
    }
  }
  return null;
}

const status = document.getElementById("window-status") as HTMLElement;
const page = playgroundPage();
const usesCallingWindow = new URLSearchParams(location.search).get("usesCallingWindow") !== "false";
const fallback = readWidgets()[0];
const widgetUrl = page?.widgetUrl() ?? (fallback ? widgetAddress(fallback) : "");
const host = createHostSimulator({
  widgetUrl,
  container: "#widget-frame",
  width: 400,
  height: 600,
  context: contextFor(usesCallingWindow ? "remoteAndWindow" : "remoteOnly", "window"),
  // Engagement ids of HubSpot are unique: this window's start far from the remote's.
  firstEngagementId: 31_000_000_001 + (Date.now() % 1_000) * 1_000,
});
status.textContent = page
  ? "Holding the widget's other surface. The playground page logs every message of this window too."
  : "Opened on its own: the playground page is not the opener, so this window's messages are not in its log.";
page?.attachWindow(host);
addEventListener("pagehide", () => page?.detachWindow(host));
Object.assign(window, { callingWindow: { host } });
