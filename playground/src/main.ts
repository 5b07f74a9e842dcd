// The playground page: a CRM contact record with a Call button, the calling
// panel with the provider picker and the widget's iframe (another origin),
// HubSpot's events, and a live log of every message. HubSpot's side is
// createHostSimulator() from hubspot-calling-kit/testing.
import type { DialNumberPayload } from "hubspot-calling-kit";
import { buildLocalOverride } from "hubspot-calling-kit/settings";
import { createHostSimulator, type HostSimulator, type RecordedMessage } from "hubspot-calling-kit/testing";
import { CONTACT } from "./contact";
import { readPlaygroundOrigin, readWidgets, widgetAddress, type PlaygroundWidget } from "./config";
import { createControls } from "./controls";
import { byId, h } from "./dom";
import { createHostNotices } from "./hostNotices";
import { createMessageLog } from "./messageLog";
import { createTimeline } from "./timeline";

// How long the page waits for the widget's SYNC_ACK before it says what to check (HubSpot's SDK gives up after 30 s).
const syncTimeoutMs = Number(new URLSearchParams(location.search).get("syncTimeoutMs")) || 30_000;
const HOST_CONTEXT = { portalId: 987_654_321, userId: 4_444_444, ownerId: 55_555_555, iframeLocation: "widget", usesCallingWindow: false } as const;

const widgets = readWidgets();
const log = createMessageLog(byId("message-log"), byId("log-tools"));
const timeline = createTimeline(byId("timeline"), `${CONTACT.firstName} ${CONTACT.lastName}`);
const status = byId("calling-status");
const picker = byId<HTMLSelectElement>("provider-picker");
const minimise = byId<HTMLButtonElement>("minimise");
const frameBox = byId("frame-box");
const notices = createHostNotices(byId("host-notices"));

let host: HostSimulator;
let widget: PlaygroundWidget;
let loggedIn = false;
let minimised = false;
let pendingDial: Partial<DialNumberPayload> | null = null;

const report = (text: string, isError = false) => {
  status.textContent = text;
  status.classList.toggle("error", isError);
};

const controls = createControls(byId("controls"), { host: () => host, report });

// The widgets trust one origin as HubSpot: http://localhost:<port>. The same
// server also answers on http://127.0.0.1:<port>, where the widget would
// refuse every message and the page would wait forever; go to the right one.
const trustedOrigin = readPlaygroundOrigin();
const wrongOrigin = trustedOrigin !== undefined && location.origin !== trustedOrigin;
if (wrongOrigin) {
  const target = new URL(`${location.pathname}${location.search}${location.hash}`, trustedOrigin).href;
  report(`This page was opened on ${location.origin}, but the widgets trust only ${trustedOrigin} as HubSpot. Opening ${target}…`, true);
  location.replace(target);
}

// ---- the record ---------------------------------------------------------
const callButton = h("button", { type: "button", class: "call-button", "data-testid": "call-button", onclick: () => call() }, "☎ Call");
byId("record").replaceChildren(
  h("div", { class: "avatar", "aria-hidden": "true" }, `${CONTACT.firstName[0]}${CONTACT.lastName[0]}`),
  h("h1", { class: "name", "data-testid": "contact-name" }, `${CONTACT.firstName} ${CONTACT.lastName}`),
  h("p", { class: "muted" }, `${CONTACT.title} at ${CONTACT.company}`),
  h("div", { class: "actions" }, callButton, h("button", { type: "button", class: "ghost", disabled: true }, "✉ Email"), h("button", { type: "button", class: "ghost", disabled: true }, "✎ Note")),
  h(
    "dl",
    { class: "about" },
    h("dt", {}, "Phone number"), h("dd", { "data-testid": "contact-phone" }, CONTACT.phone),
    h("dt", {}, "Email"), h("dd", {}, CONTACT.email),
    h("dt", {}, "Contact owner"), h("dd", {}, CONTACT.owner),
    h("dt", {}, "Lifecycle stage"), h("dd", {}, CONTACT.lifecycle),
    h("dt", {}, "Record id"), h("dd", {}, String(CONTACT.id)),
  ),
);
byId("account").textContent = `Portal ${HOST_CONTEXT.portalId} · ${CONTACT.owner}`;

/** The record's Call button: HubSpot sends DIAL_NUMBER once the widget is ready and logged in. */
function call(): void {
  setMinimised(false);
  const changes = controls.dialChanges();
  if (host.synced && loggedIn) {
    host.dialNumber(changes);
    report(`Asked ${widget.name} to call ${CONTACT.phone}`);
  } else {
    pendingDial = changes;
    report(`Log in to ${widget.name} to place the call; HubSpot sends the number once you are logged in.`);
  }
}

// ---- HubSpot's view of the widget -------------------------------------
function onMessage(message: RecordedMessage): void {
  log.add(message);
  const data = (message.data ?? {}) as Record<string, unknown>;
  if (message.notice) notices.show(message.notice, widget.name);
  // A new handshake (the widget reloaded, or moved with SET_WIDGET_URL): logged out until it says otherwise.
  if (message.direction === "toWidget" && message.type === "SYNC") loggedIn = false;
  if (message.direction === "toHost") {
    if (message.type === "SYNC_ACK") report(`${widget.name} is connected. Log in inside it, then press Call.`);
    if (message.type === "SET_WIDGET_URL" && !message.issues) report(`${widget.name} moved itself to ${host.widgetUrl} (SET_WIDGET_URL); connecting again…`);
    if (message.type === "INITIALIZED") loggedIn = data.isLoggedIn === true;
    if (message.type === "LOGGED_IN") loggedIn = true;
    if (message.type === "LOGGED_OUT") loggedIn = false;
    if (loggedIn && pendingDial && host.synced) {
      const changes = pendingDial;
      pendingDial = null;
      host.dialNumber(changes);
      report(`Asked ${widget.name} to call ${CONTACT.phone}`);
    }
  } else if (message.type === "CREATE_ENGAGEMENT_SUCCEEDED" && typeof data.engagementId === "number") {
    timeline.created(data.engagementId);
  } else if (message.type === "UPDATE_ENGAGEMENT_SUCCEEDED" && typeof data.engagementId === "number") {
    const properties = host.engagements.get(data.engagementId);
    if (properties) timeline.written(data.engagementId, properties);
  }
}

/** HubSpot minimises the calling panel; the iframe stays loaded so the call goes on. */
function setMinimised(next: boolean): void {
  if (next === minimised) return;
  minimised = next;
  frameBox.classList.toggle("minimised", next);
  minimise.setAttribute("aria-pressed", String(next));
  minimise.textContent = next ? "Restore" : "Minimise";
  if (host?.synced) host.setVisibility({ isMinimized: next, isHidden: false });
}
minimise.addEventListener("click", () => setMinimised(!minimised));

/**
 * Why the widget never answered SYNC, and what to check: nearly always an
 * allowlist that does not name this page (the widget's console says which
 * origin it refused).
 */
function notConnected(target: PlaygroundWidget, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return (
    `${target.name} did not answer SYNC (${reason}). Check that it accepts this page, ${location.origin}, as HubSpot: ` +
    `allowedOrigins: [...HUBSPOT_ORIGINS, "${location.origin}"] in createCallingClient(). ` +
    "The widget's console names the origin it refused."
  );
}

// ---- the provider picker -------------------------------------------------
function connect(next: PlaygroundWidget): void {
  host?.destroy();
  widget = next;
  loggedIn = false;
  pendingDial = null;
  byId("app-name").textContent = next.name;
  notices.clear();
  log.separator(`loading ${next.name} from ${new URL(next.url).origin}`);
  host = createHostSimulator({ widgetUrl: widgetAddress(next), container: "#widget-frame", width: 400, height: 600, context: HOST_CONTEXT });
  controls.applyReplies();
  host.subscribe(onMessage);
  report(`Loading ${next.name}…`);
  host.ready({ timeout: syncTimeoutMs }).catch((error: unknown) => report(notConnected(next, error), true));
  showLocalOverride(next);
  const url = new URL(location.href);
  if (url.searchParams.get("widget") !== next.id) {
    url.searchParams.set("widget", next.id);
    history.replaceState(null, "", url);
  }
}

picker.replaceChildren(...widgets.map((item) => h("option", { value: item.id }, item.name)));
picker.addEventListener("change", () => {
  const next = widgets.find((item) => item.id === picker.value);
  if (next) connect(next);
});

// ---- the localStorage override for a real HubSpot tab ----------------------
function showLocalOverride(target: PlaygroundWidget): void {
  const name = `${target.name} – local`;
  const snippet = (label: string, text: string, testId: string) => {
    const copy = h("button", {
      type: "button",
      class: "small",
      onclick: () =>
        void navigator.clipboard?.writeText(text).then(
          () => (copy.textContent = "Copied"),
          () => (copy.textContent = "Select and copy"),
        ),
    }, "Copy");
    return h("div", { class: "snippet" }, h("div", { class: "snippet-head" }, h("span", {}, label), copy), h("pre", { "data-testid": testId }, text));
  };
  byId("local-override").replaceChildren(
    h("p", {}, "Paste into the browser console on a HubSpot page (app.hubspot.com), then reload it and pick ", h("strong", {}, name), " as the calling provider. It changes only this browser."),
    snippet("Current key", buildLocalOverride({ name, url: target.url }).snippet, "local-override-current"),
    snippet("Older key (HubSpot's older docs)", buildLocalOverride({ name, url: target.url, legacy: true }).snippet, "local-override-legacy"),
    snippet("Remove the override", buildLocalOverride({ clear: true }).snippet, "local-override-clear"),
  );
}

const requested = new URLSearchParams(location.search).get("widget");
const first = widgets.find((item) => item.id === requested) ?? widgets[0];
if (first && !wrongOrigin) {
  picker.value = first.id;
  connect(first);
}

// For end-to-end tests and curious developers: HubSpot's side, in the console.
Object.assign(window, {
  playground: {
    host: () => host,
    messages: () => host.messages(),
    engagements: () => [...host.engagements].map(([engagementId, properties]) => ({ engagementId, properties })),
    widget: () => widget,
  },
});
