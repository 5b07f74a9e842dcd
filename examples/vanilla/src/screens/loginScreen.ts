import { h } from "../dom";
import type { Actions, Screen } from "./screen";

/** Logs the user in to the vendor's service (simulated: any email and password). */
export function loginScreen(actions: Actions): Screen {
  const email = h("input", { type: "email", id: "login-email", name: "email", autocomplete: "username", value: "agent@acme.example", required: true });
  const password = h("input", { type: "password", id: "login-password", name: "password", autocomplete: "current-password", value: "demo-password" });
  const submit = h("button", { type: "submit", class: "primary wide", "data-testid": "login" }, "Log in");
  const form = h(
    "form",
    {
      class: "stack",
      onsubmit: (event: Event) => {
        event.preventDefault();
        actions.logIn(email.value.trim());
      },
    },
    h("label", { for: "login-email" }, "Email"),
    email,
    h("label", { for: "login-password" }, "Password"),
    password,
    submit,
    h("p", { class: "hint" }, "Demo account: any email and password work."),
  );
  const element = h("section", { class: "screen", "aria-labelledby": "login-title" }, h("h2", { id: "login-title" }, "Log in to make calls"), form);
  return {
    element,
    update(view) {
      submit.disabled = view.busy;
      submit.textContent = view.busy ? "Logging in…" : "Log in";
    },
    focus: () => submit.focus(),
  };
}
