import type { CallSnapshot, CallerIdMatch } from "hubspot-calling-kit";
import { formatDuration, h } from "../dom";
import { keypad } from "./keypadScreen";
import type { Actions, Screen, View } from "./screen";

/** The other party's number: who we called, or who called us. */
export function otherParty(call: CallSnapshot): string {
  return call.direction === "OUTBOUND" ? call.toNumber : call.fromNumber;
}

function matchName(match: CallerIdMatch): string {
  if (match.callerIdType === "COMPANY") return `${match.name ?? "Unnamed company"} (company)`;
  const name = [match.firstName, match.lastName].filter(Boolean).join(" ");
  return `${name || match.email || "Unnamed contact"} (contact)`;
}

/** HubSpot's caller-ID match: still looking, found, or not found (no match, or the lookup failed). */
function callerIdLine(call: CallSnapshot, lookupFailed: boolean): string {
  const matches = call.callerIdMatches;
  if (matches && matches.length > 0) return matches.map(matchName).join(", ");
  if (matches || lookupFailed) return "Caller not found in HubSpot";
  return "Looking up the caller in HubSpot…";
}

/** What HubSpot knows about the call's record, in a few words. */
function engagementLine(call: CallSnapshot): string {
  const { status, id } = call.engagement;
  if (!call.createEngagement) return "";
  if (status === "creating") return "Creating the call record in HubSpot…";
  if (status === "failed") return "HubSpot could not create the call record.";
  return id === null ? "" : `HubSpot call record ${id}`;
}

function hangUpButton(actions: Actions): HTMLButtonElement {
  return h("button", { type: "button", class: "hang-up wide", "data-testid": "hang-up", onclick: () => actions.hangUp() }, "Hang up");
}

/** Dialing and ringing (outbound). */
export function callingScreen(actions: Actions): Screen {
  const who = h("p", { class: "party", "data-testid": "party" });
  const status = h("p", { class: "status", role: "status" });
  const hangUp = hangUpButton(actions);
  const element = h(
    "section",
    { class: "screen center", "aria-label": "Calling" },
    h("div", { class: "avatar pulse", "aria-hidden": "true" }, "☎"),
    who,
    status,
    hangUp,
  );
  return {
    element,
    update(view: View) {
      const call = view.snapshot.call;
      if (!call) return;
      who.textContent = otherParty(call);
      status.textContent = call.status === "ringing" ? "Ringing…" : "Calling…";
      hangUp.disabled = view.hangingUp;
    },
    focus: () => hangUp.focus(),
  };
}

/** An incoming call, with HubSpot's caller-ID match. */
export function incomingScreen(actions: Actions): Screen {
  const who = h("p", { class: "party", "data-testid": "party" });
  const match = h("p", { class: "match", "data-testid": "caller-id" });
  const answer = h("button", { type: "button", class: "call", "data-testid": "answer", onclick: () => actions.answer() }, "Answer");
  const decline = h("button", { type: "button", class: "hang-up", "data-testid": "decline", onclick: () => actions.reject() }, "Decline");
  const element = h(
    "section",
    { class: "screen center", "aria-label": "Incoming call" },
    h("div", { class: "avatar pulse", "aria-hidden": "true" }, "☎"),
    h("p", { class: "status", role: "status" }, "Incoming call"),
    who,
    match,
    h("div", { class: "row spread" }, decline, answer),
  );
  return {
    element,
    update(view: View) {
      const call = view.snapshot.call;
      if (!call) return;
      who.textContent = call.fromNumber;
      match.textContent = callerIdLine(call, view.callerLookupFailed);
      answer.disabled = decline.disabled = view.busy;
    },
    focus: () => answer.focus(),
  };
}

/** A connected call: timer, mute, hold, keypad, hang up. */
export function inCallScreen(actions: Actions): Screen {
  let muted = false;
  let held = false;
  const who = h("p", { class: "party", "data-testid": "party" });
  const match = h("p", { class: "match" });
  const timer = h("p", { class: "timer", "data-testid": "call-timer", "aria-label": "Call duration" }, "0:00");
  const status = h("p", { class: "status", role: "status" });
  const record = h("p", { class: "hint", "data-testid": "engagement" });
  const mute = h("button", { type: "button", class: "toggle", "aria-pressed": "false", "data-testid": "mute", onclick: () => actions.mute(!muted) }, "Mute");
  const hold = h("button", { type: "button", class: "toggle", "aria-pressed": "false", "data-testid": "hold", onclick: () => actions.hold(!held) }, "Hold");
  const pad = keypad((key) => actions.sendDigits(key), "Send tones");
  pad.hidden = true;
  const showPad = h(
    "button",
    {
      type: "button",
      class: "toggle",
      "aria-pressed": "false",
      "aria-expanded": "false",
      onclick: () => {
        pad.hidden = !pad.hidden;
        showPad.setAttribute("aria-pressed", String(!pad.hidden));
        showPad.setAttribute("aria-expanded", String(!pad.hidden));
      },
    },
    "Keypad",
  );
  const hangUp = hangUpButton(actions);
  const element = h(
    "section",
    { class: "screen center", "aria-label": "In call" },
    h("div", { class: "avatar", "aria-hidden": "true" }, "☎"),
    who,
    match,
    status,
    timer,
    h("div", { class: "row spread" }, mute, hold, showPad),
    pad,
    hangUp,
    record,
  );
  return {
    element,
    update(view: View) {
      const call = view.snapshot.call;
      if (!call) return;
      muted = call.muted;
      held = call.status === "onHold";
      who.textContent = otherParty(call);
      const matches = call.callerIdMatches;
      match.textContent = matches && matches.length > 0 ? matches.map(matchName).join(", ") : "";
      status.textContent = held ? "On hold" : muted ? "Connected · muted" : "Connected";
      timer.textContent = formatDuration(view.now - (call.answeredAt ?? view.now));
      mute.setAttribute("aria-pressed", String(muted));
      mute.textContent = muted ? "Unmute" : "Mute";
      hold.setAttribute("aria-pressed", String(held));
      hold.textContent = held ? "Resume" : "Hold";
      record.textContent = engagementLine(call);
      hangUp.disabled = view.hangingUp;
    },
    focus: () => hangUp.focus(),
  };
}
