// The React starter in the playground, driven in Chromium as a person would:
// the page plays HubSpot (localhost), examples/react runs in its iframe
// (127.0.0.1), and everything between them is real postMessage through the
// real SDK. Same flow and helpers as test/e2e/playground/ for the vanilla
// starter: the React starter must behave the same.
import type { FrameLocator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CALL_OUTCOMES } from "../../../src/index";
import { engagements, hostMessages, openPlayground, playgroundPerFile, sequence } from "../playground/support";

const env = playgroundPerFile();

// Short but real delays in the simulated provider (passed on to the widget's URL).
const quick = { ringAfterMs: "150", answerAfterMs: "300" };
const react = { widget: "react", ...quick };
const NOTES = "Discussed the renewal. Send the pricing sheet by Friday.";
const screen = (widget: FrameLocator, name: string) =>
  widget.locator(`[data-testid="status"][data-screen="${name}"]`).waitFor({ timeout: 10_000 });

const reactWidget = () => {
  const served = env.running.widgets.find((item) => item.id === "react");
  if (!served) throw new Error("the playground does not serve the React starter");
  return served;
};

describe("playground with the React starter", () => {
  it("is served on its own 127.0.0.1 origin and picked with ?widget=react", async () => {
    const served = reactWidget();
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(env.running.widgets.map((item) => item.url).filter((url) => url === served.url)).toHaveLength(1);
    const { page, errors } = await openPlayground(env.browser, env.running, react);
    expect(await page.getByTestId("app-name").textContent()).toBe(served.name);
    expect(await page.getByTestId("provider-picker").inputValue()).toBe("react");
    expect(await page.locator("#widget-frame iframe").getAttribute("src")).toMatch(new RegExp(`^${served.url}\\?`));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("log in, Call on the record, dial, answer, hang up, notes, complete: the engagement is logged", async () => {
    const { page, widget, errors } = await openPlayground(env.browser, env.running, react);

    await widget.getByTestId("login").click();
    await page.getByTestId("call-button").click();
    // HubSpot's number arrives in the widget, ready to dial.
    await widget.getByTestId("dial-request").waitFor();
    expect(await widget.getByTestId("number").inputValue()).toBe("+1 (617) 555-0100");
    const fromNumber = await widget.getByTestId("from-number").inputValue();
    expect(fromNumber).toBe("+1 617 555 0199");

    const dialedAt = Date.now();
    await widget.getByTestId("dial").click();
    await screen(widget, "calling");
    // The simulated far end answers; the timer runs.
    await screen(widget, "inCall");
    await widget.getByTestId("call-timer").filter({ hasText: /^0:0[1-9]$/ }).waitFor({ timeout: 10_000 });
    await page.getByTestId("timeline-call").filter({ hasText: "In progress" }).waitFor();

    await widget.getByTestId("hang-up").click();
    const hungUpAt = Date.now();
    await screen(widget, "wrapUp");
    await widget.getByTestId("notes").fill(NOTES);
    expect(await widget.getByTestId("outcome").inputValue()).toBe("connected");
    await widget.getByTestId("complete").click();
    await page.getByTestId("timeline-body").filter({ hasText: NOTES }).waitFor();
    await widget.getByTestId("notices").filter({ hasText: "Call saved to HubSpot." }).waitFor();
    await screen(widget, "keypad");

    const messages = await hostMessages(page);
    // One SYNC_ACK and one INITIALIZED: StrictMode's double mount left one client talking to HubSpot.
    expect(sequence(messages)).toEqual([
      "toWidget SYNC",
      "toHost SYNC_ACK",
      "toHost INITIALIZED",
      "toHost LOGGED_IN",
      "toWidget DIAL_NUMBER",
      "toHost OUTGOING_CALL_STARTED",
      "toWidget CREATE_ENGAGEMENT_SUCCEEDED",
      "toHost CALL_ANSWERED",
      "toHost CALL_ENDED",
      "toHost CALL_COMPLETED",
      "toWidget UPDATE_ENGAGEMENT_SUCCEEDED",
    ]);

    const data = (type: string) => messages.find((m) => m.type === type)?.data as Record<string, any>;
    const started = data("OUTGOING_CALL_STARTED");
    const engagementId = data("CREATE_ENGAGEMENT_SUCCEEDED").engagementId;
    expect(data("INITIALIZED")).toMatchObject({ isLoggedIn: false, sizeInfo: { width: 400, height: 600 } });
    expect(started).toMatchObject({ toNumber: "+1 (617) 555-0100", fromNumber, createEngagement: true });
    expect(data("CALL_ENDED")).toEqual({ externalCallId: started.externalCallId, callEndStatus: "COMPLETED", engagementId });
    expect(data("CALL_COMPLETED")).toMatchObject({ externalCallId: started.externalCallId, engagementId, hideWidget: false });

    const [logged, ...others] = await engagements(page);
    expect(others).toEqual([]);
    expect(logged?.engagementId).toBe(engagementId);
    const properties = logged?.properties ?? {};
    expect(properties).toMatchObject({
      hs_call_body: NOTES,
      hs_call_status: "COMPLETED",
      hs_call_direction: "OUTBOUND",
      hs_call_to_number: "+1 (617) 555-0100",
      hs_call_from_number: "+1 617 555 0199",
      hs_call_disposition: CALL_OUTCOMES.connected,
      hs_call_callee_object_id: "3000000101",
      hs_call_callee_object_type: "CONTACT",
      hubspot_owner_id: "55555555",
    });
    // Talk time in ms: at least the second the timer showed, at most the time from dial to hang-up.
    const duration = Number(properties.hs_call_duration);
    expect(properties.hs_call_duration).toMatch(/^\d+$/);
    expect(duration).toBeGreaterThanOrEqual(1_000);
    expect(duration).toBeLessThanOrEqual(hungUpAt - dialedAt);

    expect(await page.getByTestId("timeline-outcome").textContent()).toBe("Connected");
    expect(await widget.getByTestId("errors").textContent()).toBe("");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("an incoming call with a caller-ID match: answered, logged as INBOUND", async () => {
    const { page, widget, errors } = await openPlayground(env.browser, env.running, react);
    await widget.getByTestId("login").click();
    await screen(widget, "keypad");
    await page.getByTestId("caller-id-choice").selectOption("contact");
    await page.getByTestId("incoming-call").click();
    await screen(widget, "incoming");
    expect(await widget.getByTestId("party").textContent()).toBe("+1 (617) 555-0100");
    await widget.getByTestId("caller-id").filter({ hasText: "Ada Lovelace (contact)" }).waitFor();
    await widget.getByTestId("answer").click();
    await screen(widget, "inCall");
    await widget.getByTestId("hang-up").click();
    await widget.getByTestId("notes").fill("Called back about the invoice.");
    await widget.getByTestId("complete").click();
    await page.getByTestId("timeline-call").filter({ hasText: "Inbound call from Ada Lovelace" }).waitFor();

    const types = sequence(await hostMessages(page));
    const from = types.indexOf("toHost INCOMING_CALL");
    expect(types.slice(from, from + 4)).toEqual([
      "toHost INCOMING_CALL",
      "toWidget CREATE_ENGAGEMENT_SUCCEEDED",
      "toWidget CALLER_ID_MATCH_SUCCEEDED",
      "toHost CALL_ANSWERED",
    ]);
    const [logged] = await engagements(page);
    expect(logged?.properties).toMatchObject({
      hs_call_direction: "INBOUND",
      hs_call_from_number: "+1 (617) 555-0100",
      hs_call_body: "Called back about the invoice.",
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("an incoming call whose caller-ID lookup fails: the caller is shown as not found, with no error banner", async () => {
    const { page, widget, errors } = await openPlayground(env.browser, env.running, react);
    await widget.getByTestId("login").click();
    await screen(widget, "keypad");
    await page.getByTestId("caller-id-choice").selectOption("fail");
    await page.getByTestId("incoming-call").click();
    await screen(widget, "incoming");
    await widget.getByTestId("caller-id").filter({ hasText: "Caller not found in HubSpot" }).waitFor();
    expect(sequence(await hostMessages(page))).toContain("toWidget CALLER_ID_MATCH_FAILED");
    expect(await widget.getByTestId("errors").textContent()).toBe("");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("HubSpot cannot log the call: one banner, the notes kept; a retry saves it and clears the banner", async () => {
    const { page, widget } = await openPlayground(env.browser, env.running, react);
    await widget.getByTestId("login").click();
    await screen(widget, "keypad");
    await page.getByTestId("fail-engagement-update").check();
    await page.getByTestId("call-button").click();
    await widget.getByTestId("dial-request").waitFor();
    await widget.getByTestId("dial").click();
    await screen(widget, "inCall");
    await widget.getByTestId("hang-up").click();
    await widget.getByTestId("notes").fill("Wants a demo next week.");
    await widget.getByTestId("complete").click();
    await widget.getByTestId("complete").filter({ hasText: "Retry saving" }).waitFor();
    const banners = await widget.getByTestId("errors").locator(".alert").allTextContents();
    expect(banners).toHaveLength(1);
    expect(banners[0]).toContain("The call was not saved to HubSpot");
    expect(banners[0]).not.toContain("HubSpot reported a problem");
    expect(await widget.getByTestId("notes").inputValue()).toBe("Wants a demo next week.");

    await page.getByTestId("fail-engagement-update").uncheck();
    await widget.getByTestId("complete").click();
    await page.getByTestId("timeline-body").filter({ hasText: "Wants a demo next week." }).waitFor();
    await widget.getByTestId("notices").filter({ hasText: "Call saved to HubSpot." }).waitFor();
    expect(await widget.getByTestId("errors").textContent()).toBe("");
    await page.close();
  });

  it("an incoming call declined: ended as REJECTED, wrapped up like any call", async () => {
    const { page, widget } = await openPlayground(env.browser, env.running, react);
    await widget.getByTestId("login").click();
    await screen(widget, "keypad");
    await page.getByTestId("incoming-call").click();
    await screen(widget, "incoming");
    await widget.getByTestId("decline").click();
    await screen(widget, "wrapUp");
    expect(await widget.getByTestId("summary").textContent()).toContain("Declined");
    const ended = (await hostMessages(page)).find((m) => m.type === "CALL_ENDED")?.data;
    expect(ended).toMatchObject({ callEndStatus: "REJECTED" });
    expect(sequence(await hostMessages(page))).not.toContain("toHost CALL_ANSWERED");
    await page.close();
  });

  it("shows failures inside the iframe: microphone blocked", async () => {
    const { page, widget } = await openPlayground(env.browser, env.running, { ...react, dialError: "microphone" });
    await widget.getByTestId("login").click();
    await page.getByTestId("call-button").click();
    await widget.getByTestId("dial-request").waitFor();
    await widget.getByTestId("dial").click();
    await widget.getByTestId("errors").filter({ hasText: "Microphone blocked" }).waitFor();
    await screen(widget, "wrapUp");
    const ended = (await hostMessages(page)).find((m) => m.type === "CALL_ENDED")?.data;
    expect(ended).toMatchObject({ callEndStatus: "FAILED" });
    await page.close();
  });

  it("the picker switches from the vanilla starter to the React starter", async () => {
    const { page, widget } = await openPlayground(env.browser, env.running, { widget: "vanilla", ...quick });
    await page.getByTestId("provider-picker").selectOption("react");
    await page.getByTestId("app-name").filter({ hasText: reactWidget().name }).waitFor();
    await page.waitForFunction(() => (window as unknown as { playground: { host(): { synced: boolean } } }).playground.host().synced);
    expect(await page.locator("#widget-frame iframe").getAttribute("src")).toMatch(new RegExp(`^${reactWidget().url}`));
    expect(new URL(page.url()).searchParams.get("widget")).toBe("react");
    await widget.getByTestId("login").click();
    await screen(widget, "keypad");
    await page.close();
  });
});
