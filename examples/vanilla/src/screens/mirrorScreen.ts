// The compact view of an instance that does not hold the call: HubSpot runs
// the widget twice (the calling remote in its navigation bar and the
// calling window), and only one of them, the owner, holds calls and the
// voice backend. This one shows the owner's call in one line with its main
// controls; every click is forwarded to the owner by the client.
import { formatDuration, h } from "../dom";
import { otherParty } from "./callScreens";
import type { Actions, Screen, View } from "./screen";

/** Where HubSpot's calling window opens when HubSpot runs none itself (usesCallingWindow: false). */
function callingWindowUrl(view: View): string | null {
  const host = view.snapshot.session.host;
  if (!host || host.usesCallingWindow || host.portalId === undefined) return null;
  return `${host.hostUrl}/calling-integration-popup-ui/${host.portalId}?usesCallingWindow=false`;
}

/** What the owner is doing, in a few words. */
function line(view: View): string {
  const { session, call, dialRequest } = view.snapshot;
  if (!view.snapshot.surface.ownerPresent) return "Open the calling window to make and take calls.";
  if (session.status !== "loggedIn") return "Logged out";
  switch (call?.status) {
    case "dialing":
    case "ringing":
      return `Calling ${otherParty(call)}…`;
    case "incoming":
      return `Incoming call from ${otherParty(call)}`;
    case "connected":
    case "onHold":
      return `${call.status === "onHold" ? "On hold" : "On a call"} with ${otherParty(call)} · ${formatDuration(view.now - (call.answeredAt ?? view.now))}`;
    case "ended":
    case "wrappingUp":
      return call.error?.code === "OWNER_LOST" ? "The call was lost when the calling window closed." : `Call with ${otherParty(call)} ended`;
    default:
      return dialRequest ? `HubSpot asks to call ${dialRequest.phoneNumber}` : "Ready";
  }
}

/** The owner's call in one line, and the controls that fit it. */
export function mirrorScreen(actions: Actions): Screen {
  const text = h("p", { class: "status", role: "status", "data-testid": "mirror-line" });
  const button = (label: string, testid: string, className: string, onclick: () => void) =>
    h("button", { type: "button", class: className, "data-testid": testid, onclick }, label);
  const open = h("a", { class: "button", target: "_blank", rel: "opener", "data-testid": "open-window" }, "Open calling window");
  const logIn = button("Log in", "mirror-log-in", "call", () => actions.logIn(""));
  const callRequested = button("Call", "mirror-call", "call", () => {
    const request = latest?.snapshot.dialRequest;
    if (request) actions.dial(request.phoneNumber, undefined);
  });
  const answer = button("Answer", "mirror-answer", "call", () => actions.answer());
  const decline = button("Decline", "mirror-decline", "hang-up", () => actions.reject());
  const mute = button("Mute", "mirror-mute", "", () => actions.mute(!latest?.snapshot.call?.muted));
  const hangUp = button("Hang up", "mirror-hang-up", "hang-up", () => actions.hangUp());
  const save = button("Save call", "mirror-save", "call", () => actions.complete("", ""));
  const controls = h("div", { class: "row" }, open, logIn, callRequested, answer, decline, mute, hangUp, save);
  const element = h("section", { class: "screen compact", "aria-label": "Call in the calling window" }, text, controls);
  let latest: View | null = null;
  return {
    element,
    update(view: View) {
      latest = view;
      const { session, call, dialRequest, surface } = view.snapshot;
      const status = surface.ownerPresent && session.status === "loggedIn" ? call?.status : undefined;
      const live = status === "dialing" || status === "ringing" || status === "connected" || status === "onHold";
      text.textContent = line(view);
      const url = callingWindowUrl(view);
      open.hidden = surface.ownerPresent || url === null;
      if (url) open.setAttribute("href", url);
      logIn.hidden = !surface.ownerPresent || session.status === "loggedIn";
      callRequested.hidden = !(surface.ownerPresent && session.status === "loggedIn" && dialRequest && !live && status !== "incoming");
      callRequested.textContent = dialRequest ? `Call ${dialRequest.phoneNumber}` : "Call";
      answer.hidden = decline.hidden = status !== "incoming";
      mute.hidden = status !== "connected" && status !== "onHold";
      mute.textContent = call?.muted ? "Unmute" : "Mute";
      hangUp.hidden = !live;
      hangUp.disabled = view.hangingUp;
      save.hidden = status !== "ended";
      for (const control of [logIn, callRequested, answer, decline, mute, save]) control.disabled = view.busy;
    },
    focus: () => text.focus(),
  };
}
