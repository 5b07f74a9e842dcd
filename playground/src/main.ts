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
import { callStatusFor, type CallState } from "./callStatus";
import { byId, h } from "./dom";
import { createHostNotices } from "./hostNotices";
import { callingWindowUrl, contextFor, LAYOUT_NAMES, LAYOUTS, type Layout, readLayout } from "./layout";
import { createMessageLog } from "./messageLog";
import { createTimeline } from "./timeline";

// How long the page waits for the widget's SYNC_ACK before it says what to check (HubSpot's SDK gives up after 30 s).
const syncTimeoutMs = Number(new URLSearchParams(location.search).get("syncTimeoutMs")) || 30_000;
const HOST_CONTEXT = contextFor("classic", "widget");

const widgets = readWidgets();
const log = createMessageLog(byId("message-log"), byId("log-tools"));
const timeline = createTimeline(byId("timeline"), `${CONTACT.firstName} ${CONTACT.lastName}`);
const status = byId("calling-status");
const picker = byId<HTMLSelectElement>("provider-picker");
const minimise = byId<HTMLButtonElement>("minimise");
const frameBox = byId("frame-box");
const notices = createHostNotices(byId("host-notices"));

let host: HostSimulator;
// Remote + calling window: the calling window's simulator (in its own window), while it is open.
let windowHost: HostSimulator | null = null;
let popup: Window | null = null;
let layout: Layout = readLayout();
let widget: PlaygroundWidget;
let loggedIn = false;
// What the widget last said about availability (USER_AVAILABLE / USER_UNAVAILABLE, INITIALIZED's isAvailable); undefined: nothing.
let available: boolean | undefined;
// The call the widget last completed, for the UPDATE_ENGAGEMENT_FAILED that answers it (which names no engagement).
let lastCompleted: { engagementId: number | undefined; externalCallId: string } | null = null;
let minimised = false;
let pendingDial: Partial<DialNumberPayload> | null = null;

/** The status line; `call` says where the call is when the line is about it. */
const report = (text: string, isError = false, call?: CallState) => {
  status.textContent = text;
  status.classList.toggle("error", isError);
  if (call) status.dataset.call = call;
  else delete status.dataset.call;
};

/**
 * Why the voice network would not put an incoming call through to the widget
 * (a logged-out softphone is not registered; an unavailable user is not
 * routed calls), or undefined when it would.
 */
function whyIncomingIgnored(): string | undefined {
  if (!host?.synced) return `${widget.name} is not connected to HubSpot yet.`;
  if (!loggedIn) return `${widget.name} is logged out (LOGGED_OUT, or INITIALIZED with isLoggedIn: false), so no call can reach it. Log in inside the widget, then try again.`;
  if (available === false) return `the user is unavailable (${widget.name} sent USER_UNAVAILABLE), so no call is put through. Turn availability back on inside the widget, then try again.`;
  return undefined;
}

/** The surface holding calls: the calling window when HubSpot uses one and it is open. */
const ownerHost = () => (layout === "remoteAndWindow" && windowHost ? windowHost : host);
const controls = createControls(byId("controls"), {
  host: () => host,
  owner: ownerHost,
  hosts: () => [host, ...(windowHost ? [windowHost] : [])],
  report,
  whyIncomingIgnored,
});

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
  // HubSpot opens its calling window when a call starts (here: the click, which a popup needs).
  if (layout === "remoteAndWindow" && !windowHost) openCallingWindow();
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
function onMessage(message: RecordedMessage, source: HostSimulator = host): void {
  const surface = source === host ? "remote" : "window";
  log.add(message, layout === "classic" ? undefined : surface);
  const data = (message.data ?? {}) as Record<string, unknown>;
  if (message.notice) notices.show(message.notice, widget.name);
  // A new handshake (the widget reloaded, or moved with SET_WIDGET_URL): logged out until it says otherwise.
  if (message.direction === "toWidget" && message.type === "SYNC") {
    loggedIn = false;
    available = undefined;
  }
  const line = callStatusFor(message, widget.name);
  if (line) report(line.text, line.isError, line.state);
  if (message.direction === "toHost") {
    if (message.type === "SYNC_ACK") report(`${widget.name} is connected. Log in inside it, then press Call.`);
    if (message.type === "SET_WIDGET_URL" && !message.issues) report(`${widget.name} moved itself to ${host.widgetUrl} (SET_WIDGET_URL); connecting again…`);
    if (message.type === "INITIALIZED" && source === host) loggedIn = data.isLoggedIn === true;
    if (message.type === "INITIALIZED" && typeof data.isAvailable === "boolean") available = data.isAvailable;
    if (message.type === "LOGGED_IN") loggedIn = true;
    if (message.type === "LOGGED_OUT") loggedIn = false;
    if (message.type === "USER_AVAILABLE") available = true;
    if (message.type === "USER_UNAVAILABLE") available = false;
    const engagementId = toEngagementId(data.engagementId);
    const callId = String(data.externalCallId);
    if (!message.issues) {
      if ((message.type === "OUTGOING_CALL_STARTED" || message.type === "INCOMING_CALL") && data.createEngagement === true) timeline.started(callId, surface);
      if (message.type === "CALL_ENDED") timeline.ended(callId, engagementId, String(data.callEndStatus ?? "ENDED"));
      if (message.type === "CALL_COMPLETED") lastCompleted = { engagementId, externalCallId: callId };
    }
    if (message.type === "INITIALIZED" && source !== host) loggedIn = loggedIn || data.isLoggedIn === true;
    if (loggedIn && pendingDial && host.synced) {
      const changes = pendingDial;
      pendingDial = null;
      host.dialNumber(changes);
      report(`Asked ${widget.name} to call ${CONTACT.phone}`);
    }
  } else if (message.type === "CREATE_ENGAGEMENT_SUCCEEDED" && typeof data.engagementId === "number") {
    timeline.created(data.engagementId, surface);
  } else if (message.type === "CREATE_ENGAGEMENT_FAILED") {
    timeline.createFailed(surface);
  } else if (message.type === "UPDATE_ENGAGEMENT_SUCCEEDED" && typeof data.engagementId === "number") {
    const properties = source.engagements.get(data.engagementId);
    if (properties) timeline.written(data.engagementId, properties);
  } else if (message.type === "UPDATE_ENGAGEMENT_FAILED" && lastCompleted) {
    const error = data.error as { message?: unknown } | undefined;
    timeline.saveFailed(lastCompleted.engagementId, lastCompleted.externalCallId, typeof error?.message === "string" ? error.message : "");
  }
}

/** An engagement id as HubSpot's messages carry it (a number, or its digits as a string). */
function toEngagementId(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  return typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
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
  closeCallingWindow();
  widget = next;
  loggedIn = false;
  available = undefined;
  lastCompleted = null;
  pendingDial = null;
  byId("app-name").textContent = next.name;
  notices.clear();
  log.separator(`loading ${next.name} from ${new URL(next.url).origin}`);
  host = createHostSimulator({
    widgetUrl: widgetAddress(next),
    container: "#widget-frame",
    width: 400,
    height: 600,
    context: layout === "classic" ? HOST_CONTEXT : contextFor(layout, "remote"),
  });
  showLayout();
  controls.applyReplies();
  host.subscribe(onMessage);
  report(`Loading ${next.name}…`);
  host.ready({ timeout: syncTimeoutMs }).catch((error: unknown) => report(notConnected(next, error), true));
  showLocalOverride(next);
  const url = new URL(location.href);
  if (url.searchParams.get("widget") !== next.id || (url.searchParams.get("layout") ?? "classic") !== layout) {
    url.searchParams.set("widget", next.id);
    if (layout === "classic") url.searchParams.delete("layout");
    else url.searchParams.set("layout", layout);
    history.replaceState(null, "", url);
  }
}

// ---- the layout: classic widget, remote + calling window, remote alone ------
const layoutPicker = byId<HTMLSelectElement>("layout-picker");
const layoutTools = byId("layout-tools");
layoutPicker.replaceChildren(...LAYOUTS.map((item) => h("option", { value: item }, LAYOUT_NAMES[item])));
layoutPicker.value = layout;
layoutPicker.addEventListener("change", () => {
  layout = layoutPicker.value as Layout;
  connect(widget);
  // A user's choice: the calling window may open now (a popup needs the gesture).
  if (layout === "remoteAndWindow") openCallingWindow();
});

/** Opens HubSpot's calling window (a real second window on this origin); it attaches itself when loaded. */
function openCallingWindow(): void {
  if (popup && !popup.closed) return void popup.focus();
  popup = window.open(callingWindowUrl(HOST_CONTEXT.portalId, layout === "remoteAndWindow"), "hubspot-calling-window", "popup,width=440,height=700");
  if (!popup) report("The browser blocked the calling window: allow pop-ups for this page, then press Open calling window.", true);
}

function closeCallingWindow(): void {
  popup?.close();
  popup = null;
  windowHost?.destroy();
  windowHost = null;
  showLayout();
}

/** HubSpot navigates to another page: the remote's iframe reloads; the calling window keeps the call. */
function navigate(): void {
  const frame = host.iframe;
  if (!frame) return;
  log.separator("HubSpot navigated: the remote reloads");
  frame.src = host.widgetUrl;
  report(layout === "remoteAndWindow" ? "HubSpot navigated: the remote reloaded; a call goes on in the calling window." : "HubSpot navigated: the remote reloaded.");
}

function showLayout(): void {
  const remote = layout !== "classic";
  document.body.dataset.layout = layout;
  byId("frame-title").textContent = remote ? "Calling remote (HubSpot's navigation bar)" : "";
  layoutTools.replaceChildren(
    ...(remote
      ? [
          h("button", { type: "button", class: "small", "data-testid": "navigate", onclick: navigate }, "Navigate in HubSpot"),
          ...(layout === "remoteAndWindow"
            ? [
                windowHost
                  ? h("button", { type: "button", class: "small", "data-testid": "close-window", onclick: closeCallingWindow }, "Close calling window")
                  : h("button", { type: "button", class: "small", "data-testid": "open-window", onclick: openCallingWindow }, "Open calling window"),
              ]
            : []),
        ]
      : []),
  );
}

/** What the calling window page calls on this one (it finds it as its opener, or its opener's top page). */
const windowApi = {
  widgetUrl: () => widgetAddress(widget),
  attachWindow(attached: HostSimulator) {
    windowHost?.destroy();
    windowHost = attached;
    log.separator("the calling window opened");
    attached.subscribe((message) => onMessage(message, attached));
    controls.applyReplies();
    showLayout();
  },
  detachWindow(detached: HostSimulator) {
    if (windowHost !== detached) return;
    windowHost = null;
    popup = null;
    log.separator("the calling window closed");
    showLayout();
  },
};

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
    ...windowApi,
    host: () => host,
    windowHost: () => windowHost,
    layout: () => layout,
    navigate,
    /** Every message both ways; with two surfaces, each names its `surface`. */
    messages: () =>
      layout === "classic"
        ? host.messages()
        : [
            ...host.messages().map((message) => ({ ...message, surface: "remote" })),
            ...(windowHost?.messages() ?? []).map((message) => ({ ...message, surface: "window" })),
          ].sort((a, b) => a.at - b.at),
    engagements: () => [...host.engagements].map(([engagementId, properties]) => ({ engagementId, properties })),
    widget: () => widget,
  },
});
