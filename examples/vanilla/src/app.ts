// The widget's controller: turns the client's snapshot into one screen, the
// client's events into messages for the user, and the user's clicks into
// client commands. Every failure is shown here, inside the iframe.
import { type Call, type CallingClient, type CallingSnapshot, isCallActive, isCallingError } from "hubspot-calling-kit";
import { h, showOnly } from "./dom";
import { callFailureMessage, describe, saveFailureMessage } from "./errorMessages";
import { callingScreen, inCallScreen, incomingScreen } from "./screens/callScreens";
import { connectingScreen } from "./screens/connectingScreen";
import { keypadScreen } from "./screens/keypadScreen";
import { loginScreen } from "./screens/loginScreen";
import { mirrorScreen } from "./screens/mirrorScreen";
import type { Actions, Screen, View } from "./screens/screen";
import { wrapUpScreen } from "./screens/wrapUpScreen";

type ScreenName = "connecting" | "login" | "keypad" | "calling" | "incoming" | "inCall" | "wrapUp" | "mirror";

/** Which screen a snapshot shows. */
function screenFor(snapshot: CallingSnapshot): ScreenName {
  const { session, call } = snapshot;
  // HubSpot runs the widget twice (calling remote + calling window): the instance that does
  // not hold the call shows it compactly; the one that does gets the full softphone.
  if (snapshot.surface.role === "mirror") return "mirror";
  if (session.status === "connecting" || session.status === "ready") return "connecting";
  if (session.status === "loggedOut") return "login";
  switch (call?.status) {
    case "dialing":
    case "ringing":
      return "calling";
    case "incoming":
      return "incoming";
    case "connected":
    case "onHold":
      return "inCall";
    case "ended":
    case "wrappingUp":
      return "wrapUp";
    default:
      return "keypad";
  }
}

const STATUS_TEXT: Record<ScreenName, string> = {
  connecting: "Connecting",
  login: "Logged out",
  keypad: "Ready",
  calling: "Calling",
  incoming: "Incoming call",
  inCall: "On a call",
  wrapUp: "Wrap-up",
  mirror: "Calling window",
};

/** Builds the widget in `root` and keeps it in step with `client`. */
export function mountApp(root: HTMLElement, client: CallingClient, options: { appName: string }): void {
  let busy = false;
  let hangingUp = false;
  // The call whose caller-ID lookup failed in HubSpot (shown as "not found").
  let lookupFailedFor: string | null = null;
  let callerNumbers: readonly string[] = [];
  let current: ScreenName | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;

  // ---- messages for the user ------------------------------------------
  const alerts = h("div", { class: "alerts", role: "alert", "aria-live": "assertive", "data-testid": "errors" });
  const notices = h("div", { class: "notices", role: "status", "aria-live": "polite", "data-testid": "notices" });
  /** Adds an error; one with a `key` replaces the earlier error with that key (one banner per problem). */
  const showError = (text: string, key?: string) => {
    const dismiss = h("button", { type: "button", class: "dismiss", "aria-label": "Dismiss", onclick: () => item.remove() }, "×");
    const item = h("div", { class: "alert", "data-key": key }, h("span", {}, text), dismiss);
    const previous = key ? [...alerts.children].find((child) => child instanceof HTMLElement && child.dataset.key === key) : undefined;
    if (previous) previous.replaceWith(item);
    else alerts.append(item);
  };
  // A failed save reaches the widget up to three ways (the writer's
  // engagementWriteFailed, complete()'s rejection and, from some versions,
  // hostError): all of them end up in this one banner.
  const showSaveFailure = (error: unknown) => showError(saveFailureMessage(error), "save");
  const showNotice = (text: string) => {
    notices.replaceChildren(h("div", { class: "notice" }, text));
  };
  const clearMessages = () => {
    alerts.replaceChildren();
    notices.replaceChildren();
  };

  /**
   * Runs `action` and shows its failure, except the failure of an action on
   * a live call that has ended meanwhile (a mute cut short by hanging up):
   * callEnded already said what happened.
   */
  const attempt = (action: () => Promise<unknown>): Promise<void> => {
    const startedOn = client.getSnapshot().call;
    return action().then(
      () => undefined,
      (error: unknown) => {
        const now = client.getSnapshot().call;
        const endedMeanwhile = startedOn !== null && isCallActive(startedOn) && !(now?.id === startedOn.id && isCallActive(now));
        if (!endedMeanwhile) showError(describe(error));
      },
    );
  };

  /** Runs a user action: one at a time, failures shown. */
  const run = (action: () => Promise<unknown>) => {
    // Dropped while another action runs; render() puts the controls back
    // (a checkbox the user just toggled, say).
    if (busy) return render();
    busy = true;
    render();
    attempt(action).finally(() => {
      busy = false;
      render();
    });
  };
  const withCall = (what: (call: Call) => Promise<unknown>) => () => {
    const call = client.getCall();
    return call ? what(call) : Promise.resolve();
  };

  const actions: Actions = {
    logIn: () =>
      run(async () => {
        // A real widget authenticates against the vendor's service here.
        await client.logIn();
        callerNumbers = await client.listCallerNumbers({ timeout: 10_000 }).catch(() => []);
      }),
    logOut: () => run(() => client.logOut()),
    setAvailable: (available) => run(() => client.setAvailable(available)),
    dial: (toNumber, fromNumber) =>
      run(async () => {
        clearMessages();
        await client.dial({ toNumber, ...(fromNumber ? { fromNumber } : {}) });
      }),
    answer: () => run(withCall((call) => call.answer())),
    reject: () => run(withCall((call) => call.reject())),
    // Hanging up never waits for another action (a slow mute or hold, a
    // dial still starting): it has its own guard against double clicks.
    hangUp: () => {
      if (hangingUp) return;
      hangingUp = true;
      render();
      attempt(withCall((call) => call.hangUp())).finally(() => {
        hangingUp = false;
        render();
      });
    },
    mute: (muted) => run(withCall((call) => call.mute(muted))),
    hold: (held) => run(withCall((call) => call.hold(held))),
    sendDigits: (digits) => void client.getCall()?.sendDigits(digits).catch((error: unknown) => showError(describe(error))),
    complete: (notes, outcome) =>
      run(
        withCall(async (call) => {
          try {
            await call.complete({ notes, ...(outcome ? { outcome } : {}), hideWidget: false });
          } catch (error) {
            showSaveFailure(error);
            return;
          }
          // Saved: earlier failures (a failed save before this retry) are over.
          clearMessages();
          showNotice("Call saved to HubSpot.");
        }),
      ),
    // A call that never connected: closed without logging anything more.
    discard: () =>
      run(
        withCall(async (call) => {
          await call.discard();
          showNotice("Call discarded: nothing more was saved to HubSpot.");
        }),
      ),
  };

  // ---- what HubSpot and the provider report ------------------------------
  client.on("callEnded", ({ error, endStatus }) => {
    if (error) showError(callFailureMessage(error));
    else if (endStatus === "BUSY") showNotice("The line was busy.");
    else if (endStatus === "NO_ANSWER") showNotice("No answer.");
  });
  client.on("endCallRequested", () => showNotice("The call was ended from HubSpot."));
  client.on("engagementCreateFailed", ({ error }) =>
    showError(`HubSpot could not create the call record (${error.message}). Your notes are saved when you complete the call.`),
  );
  client.on("engagementWriteFailed", ({ error, willRetry }) => {
    if (!willRetry) showSaveFailure(error);
  });
  // A failed caller-ID lookup is not an error to dismiss: the incoming call
  // screen says the caller was not found. Newer versions of the library
  // report it on callerIdMatched (with `error`, and `callerIdMatches: []` in
  // the snapshot), older ones as hostError CALLER_ID_MATCH_FAILED.
  const lookupFailed = (callId: string | undefined) => {
    lookupFailedFor = callId ?? null;
    render();
  };
  client.on("callerIdMatched", (event) => {
    if ("error" in event && event.error) lookupFailed(event.call.id);
  });
  client.on("hostError", ({ error }) => {
    if (error.code === "CALLER_ID_MATCH_FAILED") lookupFailed(client.getSnapshot().call?.id);
    else if (error.code === "UPDATE_ENGAGEMENT_FAILED") showSaveFailure(error);
    // The message already reads "HubSpot reported …".
    else showError(error.message);
  });
  client.on("dialRequested", () => clearMessages());
  client.on("incomingCall", () => clearMessages());

  // ---- layout --------------------------------------------------------------
  const screens: Record<ScreenName, Screen> = {
    connecting: connectingScreen(),
    login: loginScreen(actions),
    keypad: keypadScreen(actions),
    calling: callingScreen(actions),
    incoming: incomingScreen(actions),
    inCall: inCallScreen(actions),
    wrapUp: wrapUpScreen(actions),
    mirror: mirrorScreen(actions),
  };
  const status = h("span", { class: "pill", "data-testid": "status" });
  const logOut = h("button", { type: "button", class: "link", onclick: () => actions.logOut() }, "Log out");
  // The remote, when HubSpot runs no calling window (usesCallingWindow: false): a window of
  // the widget's own, at HubSpot's popup address (as HubSpot's demos do); it mirrors this one.
  const popOut = h("a", { class: "link", target: "_blank", rel: "opener", "data-testid": "pop-out", hidden: true }, "Open in a window");
  root.replaceChildren(
    h(
      "div",
      { class: "widget" },
      h("header", { class: "bar" }, h("span", { class: "brand" }, h("span", { class: "logo", "aria-hidden": "true" }, "A"), options.appName), status, popOut, logOut),
      alerts,
      notices,
      h("main", {}, ...Object.values(screens).map((screen) => screen.element)),
    ),
  );

  function render(): void {
    const snapshot = client.getSnapshot();
    const name = screenFor(snapshot);
    const callerLookupFailed = lookupFailedFor !== null && lookupFailedFor === snapshot.call?.id;
    const view: View = { snapshot, call: client.getCall(), callerNumbers, busy, hangingUp, callerLookupFailed, now: Date.now() };
    const elements = Object.fromEntries(Object.entries(screens).map(([key, screen]) => [key, screen.element]));
    screens[name].update(view);
    const changed = showOnly(elements, name);
    status.textContent = STATUS_TEXT[name];
    status.dataset.screen = name;
    logOut.hidden = name !== "keypad";
    const host = snapshot.session.host;
    const popOutUrl =
      host && host.iframeLocation === "remote" && !host.usesCallingWindow && host.portalId !== undefined
        ? `${host.hostUrl}/calling-integration-popup-ui/${host.portalId}?usesCallingWindow=false`
        : null;
    popOut.hidden = popOutUrl === null || name === "mirror";
    if (popOutUrl) popOut.setAttribute("href", popOutUrl);
    if (changed && current !== null) screens[name].focus();
    current = name;
    // The call timer ticks only while connected.
    const ticking = name === "inCall" || (name === "mirror" && snapshot.call?.status === "connected");
    if (ticking && timer === undefined) timer = setInterval(render, 1_000);
    if (!ticking && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  }

  client.subscribe(render);
  render();
  client.ready({ timeout: 60_000 }).catch((error: unknown) => {
    if (isCallingError(error, "TIMEOUT")) showError("HubSpot did not connect. Reload the page, or open the widget from HubSpot.");
    else showError(describe(error));
  });
}
