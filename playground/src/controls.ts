// The "HubSpot events" panel: buttons for what HubSpot's page (and the far
// end of a call) can do to the widget.
import { type CallerIdReplyMode, DIAL_NUMBER_VARIANTS, type DialNumberVariant, type HostSimulator } from "hubspot-calling-kit/testing";
import { CONTACT, INCOMING } from "./contact";
import { h } from "./dom";

/** Caller-ID answers HubSpot can give an incoming call. */
const CALLER_ID_CHOICES: Record<string, { label: string; mode: CallerIdReplyMode }> = {
  contact: {
    label: `${CONTACT.firstName} ${CONTACT.lastName} (contact)`,
    mode: [
      {
        callerIdType: "CONTACT",
        objectCoordinates: { portalId: 987_654_321, objectId: CONTACT.id, objectTypeId: CONTACT.objectTypeId },
        firstName: CONTACT.firstName,
        lastName: CONTACT.lastName,
        email: CONTACT.email,
      },
    ],
  },
  company: {
    label: `${CONTACT.company} (company)`,
    mode: [
      {
        callerIdType: "COMPANY",
        objectCoordinates: { portalId: 987_654_321, objectId: 2_000_000_202, objectTypeId: "0-2" },
        name: CONTACT.company,
      },
    ],
  },
  none: { label: "No match", mode: [] },
  fail: { label: "Lookup fails", mode: { fail: "Caller ID lookup timed out" } },
};

const VARIANT_LABELS: Record<DialNumberVariant, string> = {
  documented: "As documented",
  seenInPractice: "As seen in practice (phone_number, threadId, objectId 0)",
  issue216: "Verbatim from SDK issue 216",
  issue228: "Verbatim from SDK issue 228",
  legacyPhoneField: "Only phone_number",
  ticket: "From a ticket (objectType TICKET)",
  company: "To a company",
  bareNumber: "Just a number",
};

/**
 * Builds the panel in `container`. `host()` is the simulator of the surface
 * the user is at (HubSpot's hang-up and answers go there); `owner()` that
 * of the surface holding calls (the far end drives its provider: the
 * calling window when HubSpot uses one); `hosts()` every surface's (HubSpot
 * answers the same way on all).
 */
export function createControls(
  container: HTMLElement,
  options: {
    host: () => HostSimulator;
    owner: () => HostSimulator;
    hosts: () => HostSimulator[];
    report: (text: string, isError?: boolean, call?: "ignored") => void;
    /** Why an incoming call would not reach the widget now (logged out, unavailable), if it would not. */
    whyIncomingIgnored: () => string | undefined;
  },
) {
  const { report } = options;
  // Said at once: what the widget answers (CALL_ENDED, INCOMING_CALL...) then moves the status line on.
  const act = (what: string, action: (host: HostSimulator) => unknown) => async () => {
    report(what);
    try {
      await action(options.host());
    } catch (error) {
      // A widget that does not use the simulated provider (any widget given
      // with --widget-url) cannot be driven from the page: say what to do.
      const unsupported = (error as { code?: unknown } | null)?.code === "NOT_SUPPORTED";
      report(
        unsupported
          ? `${what}: not possible with this widget, which does not let the page drive its voice provider (acceptSimulatorControl). Use the widget's own buttons; HubSpot's answers (engagements, caller ID) still apply.`
          : `${what} failed: ${error instanceof Error ? error.message : String(error)}`,
        true,
      );
    }
  };
  // Far-end commands: the control channel is up as soon as the widget is, so a short wait says enough.
  const drive = (_host: HostSimulator, command: Parameters<HostSimulator["simulateProvider"]>[0]) =>
    options.owner().simulateProvider(command, { timeout: 2_000 });

  const variant = h(
    "select",
    { id: "dial-variant", "data-testid": "dial-variant" },
    ...Object.entries(VARIANT_LABELS).map(([value, label]) => h("option", { value }, label)),
  );
  const callerId = h(
    "select",
    { id: "caller-id", "data-testid": "caller-id-choice" },
    ...Object.entries(CALLER_ID_CHOICES).map(([value, choice]) => h("option", { value }, choice.label)),
  );
  const failCreate = h("input", { type: "checkbox", id: "fail-create", "data-testid": "fail-engagement-create" });
  const failUpdate = h("input", { type: "checkbox", id: "fail-update", "data-testid": "fail-engagement-update" });
  // The caller-ID answer applies to every INCOMING_CALL, also one a widget starts on its own.
  const applyReplies = () => {
    for (const host of options.hosts()) {
      host.setReplies({
        engagement: failCreate.checked ? { fail: "Missing scope: crm.objects.calls.write" } : true,
        update: failUpdate.checked ? { fail: "The engagement was deleted" } : true,
        callerId: CALLER_ID_CHOICES[callerId.value]?.mode ?? false,
      });
    }
  };
  callerId.addEventListener("change", () => {
    applyReplies();
    report(`HubSpot answers incoming calls with: ${CALLER_ID_CHOICES[callerId.value]?.label ?? "nothing"}`);
  });
  failCreate.addEventListener("change", () => {
    applyReplies();
    report(failCreate.checked ? "HubSpot will fail to create engagements (CREATE_ENGAGEMENT_FAILED)" : "HubSpot creates engagements again");
  });
  failUpdate.addEventListener("change", () => {
    applyReplies();
    report(failUpdate.checked ? "HubSpot will fail to log calls (UPDATE_ENGAGEMENT_FAILED)" : "HubSpot logs calls again");
  });

  container.replaceChildren(
    h(
      "div",
      { class: "control-grid" },
      h("div", { class: "group" },
        h("h3", {}, "During a call"),
        h("button", { type: "button", "data-testid": "end-call", onclick: act("Hung up from HubSpot (END_CALL)", (host) => host.endCall()) }, "Hang up from HubSpot"),
        h("button", { type: "button", "data-testid": "remote-hang-up", onclick: act("The other person hung up", (host) => drive(host, { type: "remoteHangUp" })) }, "Other person hangs up"),
        h("button", { type: "button", "data-testid": "network-failure", onclick: act("The network dropped the call", (host) => drive(host, { type: "fail", message: "Connection to the voice service lost (network)" })) }, "Network drops the call"),
      ),
      h("div", { class: "group" },
        h("h3", {}, "Incoming call"),
        h("label", { for: "caller-id" }, "Caller ID"),
        callerId,
        h("button", {
          type: "button",
          "data-testid": "incoming-call",
          onclick: () => {
            // The voice network does not ring a softphone that is logged out or a user who is unavailable: say so on the page.
            const why = options.whyIncomingIgnored();
            if (why) return report(`Incoming call from ${INCOMING.from} ignored: ${why}`, true, "ignored");
            return act(`Incoming call from ${INCOMING.from}`, (host) => drive(host, { type: "incomingCall", from: INCOMING.from, to: INCOMING.to }))();
          },
        }, "Incoming call"),
      ),
      h("div", { class: "group" },
        h("h3", {}, "HubSpot's answers"),
        h("label", { class: "check", for: "fail-create" }, failCreate, " Fail engagement creation"),
        h("label", { class: "check", for: "fail-update" }, failUpdate, " Fail logging the call"),
        h("button", {
          type: "button",
          "data-testid": "navigate-failed",
          onclick: act("Sent NAVIGATE_TO_RECORD_FAILED", (host) =>
            host.send("NAVIGATE_TO_RECORD_FAILED", {
              objectCoordinates: { portalId: 987_654_321, objectId: CONTACT.id, objectTypeId: CONTACT.objectTypeId },
              error: { message: "The record could not be opened" },
            })),
        }, "Fail navigation to record"),
      ),
      h("div", { class: "group" },
        h("h3", {}, "DIAL_NUMBER payload"),
        h("label", { for: "dial-variant" }, "The Call button sends"),
        variant,
      ),
    ),
  );

  return {
    /** The DIAL_NUMBER changes for the record's Call button. */
    dialChanges() {
      const chosen = DIAL_NUMBER_VARIANTS[variant.value as DialNumberVariant] ?? DIAL_NUMBER_VARIANTS.documented;
      return {
        ...chosen,
        ...("phoneNumber" in chosen ? {} : { phoneNumber: CONTACT.phone }),
        ...("phone_number" in chosen ? { phone_number: CONTACT.phone } : {}),
      };
    },
    /** Re-applies the answer toggles to the simulators (after a new one appeared). */
    applyReplies,
  };
}
