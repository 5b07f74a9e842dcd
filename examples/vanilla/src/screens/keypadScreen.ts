import { h } from "../dom";
import type { Actions, Screen, View } from "./screen";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"] as const;
const LETTERS: Record<string, string> = { "2": "ABC", "3": "DEF", "4": "GHI", "5": "JKL", "6": "MNO", "7": "PQRS", "8": "TUV", "9": "WXYZ", "0": "+" };

/** A grid of keys; `onKey` gets the key pressed. */
export function keypad(onKey: (key: string) => void, label: string): HTMLElement {
  return h(
    "div",
    { class: "keypad", role: "group", "aria-label": label },
    ...KEYS.map((key) =>
      h(
        "button",
        { type: "button", class: "key", "aria-label": key === "*" ? "star" : key === "#" ? "pound" : key, onclick: () => onKey(key) },
        h("span", { class: "digit" }, key),
        h("span", { class: "letters", "aria-hidden": "true" }, LETTERS[key] ?? ""),
      ),
    ),
  );
}

/** The idle screen: number, number pad, from-number choice, Dial. */
export function keypadScreen(actions: Actions): Screen {
  let lastRequest: string | null = null;
  let lastCallerNumbers: readonly string[] = [];

  const number = h("input", {
    id: "dial-number",
    type: "tel",
    inputmode: "tel",
    autocomplete: "off",
    placeholder: "+1 617 555 0100",
    "data-testid": "number",
  });
  const from = h("select", { id: "from-number", "data-testid": "from-number" });
  const dial = h("button", { type: "submit", class: "call wide", "data-testid": "dial" }, "Dial");
  const request = h("p", { class: "note", hidden: true, "data-testid": "dial-request" });
  const available = h("input", { type: "checkbox", id: "available" });
  const backspace = h(
    "button",
    {
      type: "button",
      class: "ghost",
      "aria-label": "Delete last digit",
      onclick: () => {
        number.value = number.value.slice(0, -1);
        refresh();
      },
    },
    "⌫",
  );
  const refresh = () => (dial.disabled = !/\d/.test(number.value));
  number.addEventListener("input", refresh);
  available.addEventListener("change", () => actions.setAvailable(available.checked));

  const form = h(
    "form",
    {
      class: "stack",
      onsubmit: (event: Event) => {
        event.preventDefault();
        if (!dial.disabled) actions.dial(number.value.trim(), from.value || undefined);
      },
    },
    request,
    h("label", { for: "dial-number" }, "Number to call"),
    h("div", { class: "row" }, number, backspace),
    keypad((key) => {
      number.value += key;
      refresh();
    }, "Number pad"),
    h("label", { for: "from-number" }, "Call from"),
    from,
    dial,
    h("label", { class: "switch", for: "available" }, available, " Available for incoming calls"),
  );
  const element = h("section", { class: "screen", "aria-label": "Make a call" }, form);
  refresh();

  return {
    element,
    update(view: View) {
      const pending = view.snapshot.dialRequest;
      // A new request from HubSpot fills in its number (the user can still edit it).
      if (pending && pending.key !== lastRequest) {
        lastRequest = pending.key;
        number.value = pending.phoneNumber;
        refresh();
      }
      const answered = view.snapshot.call?.request?.key === pending?.key;
      request.hidden = !pending || answered;
      request.textContent = pending ? `HubSpot asked to call ${pending.phoneNumber}` : "";
      if (view.callerNumbers !== lastCallerNumbers) {
        lastCallerNumbers = view.callerNumbers;
        from.replaceChildren(
          h("option", { value: "" }, "Default caller ID"),
          ...view.callerNumbers.map((item) => h("option", { value: item }, item)),
        );
        if (view.callerNumbers[0]) from.value = view.callerNumbers[0];
      }
      available.checked = view.snapshot.session.available;
      // One action at a time: while one runs, the switch waits too (a toggle would be dropped).
      available.disabled = view.busy;
      dial.disabled = view.busy || !/\d/.test(number.value);
    },
    focus: () => (dial.disabled ? number.focus() : dial.focus()),
  };
}
