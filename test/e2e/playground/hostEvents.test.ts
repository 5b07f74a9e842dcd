// The playground's host-side controls and the starter's error screens, in
// Chromium: every failure must be explained inside the widget's iframe.
import type { FrameLocator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { engagements, hostMessages, type OpenPlayground, openPlayground, playgroundPerFile, sequence } from "./support";

const env = playgroundPerFile();

const quick = { ringAfterMs: "50", answerAfterMs: "100" };
const screen = (widget: FrameLocator, name: string) => widget.locator(`[data-testid="status"][data-screen="${name}"]`).waitFor({ timeout: 10_000 });
const visible = (widget: FrameLocator, testId: string) => widget.locator(`[data-testid="${testId}"]:visible`);

async function open(query: Record<string, string> = {}): Promise<OpenPlayground> {
  const opened = await openPlayground(env.browser, env.running, { ...quick, ...query });
  await opened.widget.getByTestId("login").click();
  await screen(opened.widget, "keypad");
  return opened;
}

/** Call on the record, then Dial in the widget. */
async function call(page: Page, widget: FrameLocator): Promise<void> {
  await page.getByTestId("call-button").click();
  await widget.getByTestId("dial-request").waitFor();
  await widget.getByTestId("dial").click();
}

async function completeWith(widget: FrameLocator, notes: string): Promise<void> {
  await widget.getByTestId("notes").fill(notes);
  await widget.getByTestId("complete").click();
}

const errorsIn = (widget: FrameLocator) => widget.getByTestId("errors").textContent();

describe("playground: HubSpot's events", () => {
  it("Call before logging in: HubSpot waits for LOGGED_IN before it sends DIAL_NUMBER", async () => {
    const { page, widget, errors } = await openPlayground(env.browser, env.running, quick);
    await page.getByTestId("call-button").click();
    expect(await page.locator("#calling-status").textContent()).toContain("Log in to");
    expect(sequence(await hostMessages(page))).not.toContain("toWidget DIAL_NUMBER");
    await widget.getByTestId("login").click();
    await widget.getByTestId("dial-request").waitFor();
    const types = sequence(await hostMessages(page));
    expect(types.indexOf("toWidget DIAL_NUMBER")).toBe(types.indexOf("toHost LOGGED_IN") + 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("hang up from HubSpot (END_CALL): the widget hangs up and moves to wrap-up", async () => {
    const { page, widget } = await open();
    await call(page, widget);
    await screen(widget, "inCall");
    await page.getByTestId("end-call").click();
    await screen(widget, "wrapUp");
    await widget.getByTestId("notices").filter({ hasText: "ended from HubSpot" }).waitFor();
    const types = sequence(await hostMessages(page));
    expect(types.slice(types.indexOf("toWidget END_CALL"))).toEqual(["toWidget END_CALL", "toHost CALL_ENDED"]);
    await page.close();
  });

  it("minimise and restore send VISIBILITY_CHANGED; the call goes on", async () => {
    const { page, widget } = await open();
    await call(page, widget);
    await screen(widget, "inCall");
    await page.getByTestId("minimise").click();
    expect(await page.locator("#frame-box").getAttribute("class")).toContain("minimised");
    await page.getByTestId("minimise").click();
    const visibility = (await hostMessages(page)).filter((m) => m.type === "VISIBILITY_CHANGED").map((m) => m.data);
    expect(visibility).toEqual([{ isMinimized: true, isHidden: false }, { isMinimized: false, isHidden: false }]);
    await screen(widget, "inCall");
    await page.close();
  });

  it("an incoming call with a caller-ID match: answered, logged as INBOUND", async () => {
    const { page, widget } = await open();
    await page.getByTestId("caller-id-choice").selectOption("contact");
    await page.getByTestId("incoming-call").click();
    await screen(widget, "incoming");
    await widget.getByTestId("caller-id").filter({ hasText: "Ada Lovelace (contact)" }).waitFor();
    await widget.getByTestId("answer").click();
    await screen(widget, "inCall");
    await visible(widget, "hang-up").click();
    await completeWith(widget, "Called back about the invoice.");
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
    expect(logged?.properties).toMatchObject({ hs_call_direction: "INBOUND", hs_call_from_number: "+1 (617) 555-0100", hs_call_body: "Called back about the invoice." });
    await page.close();
  });

  it("an incoming call whose caller-ID lookup fails: the caller is shown as not found, not looked up forever", async () => {
    const { page, widget, errors } = await open();
    await page.getByTestId("caller-id-choice").selectOption("fail");
    await page.getByTestId("incoming-call").click();
    await screen(widget, "incoming");
    await widget.getByTestId("caller-id").filter({ hasText: "Caller not found in HubSpot" }).waitFor();
    expect(sequence(await hostMessages(page))).toContain("toWidget CALLER_ID_MATCH_FAILED");
    // Not an error to dismiss: the call can be answered as usual.
    expect(await errorsIn(widget)).toBe("");
    await widget.getByTestId("answer").click();
    await screen(widget, "inCall");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("DIAL_NUMBER as HubSpot sends it in practice (phone_number, threadId, objectId 0) still reaches the dial pad", async () => {
    const { page, widget } = await open();
    await page.getByTestId("dial-variant").selectOption("seenInPractice");
    await page.getByTestId("call-button").click();
    await widget.getByTestId("dial-request").waitFor();
    expect(await widget.getByTestId("number").inputValue()).toBe("+1 (617) 555-0100");
    const dial = (await hostMessages(page)).find((m) => m.type === "DIAL_NUMBER")?.data as Record<string, unknown>;
    expect(dial).toMatchObject({ phone_number: "+1 (617) 555-0100", threadId: 0, objectId: 0 });
    expect("objectType" in dial).toBe(false);
    await page.close();
  });
});

describe("the starter shows every failure inside the iframe", () => {
  it("microphone blocked: the call fails with a message that says what to do", async () => {
    const { page, widget } = await open({ dialError: "microphone" });
    await call(page, widget);
    await widget.getByTestId("errors").filter({ hasText: "Microphone blocked" }).waitFor();
    await screen(widget, "wrapUp");
    const ended = (await hostMessages(page)).find((m) => m.type === "CALL_ENDED")?.data;
    expect(ended).toMatchObject({ callEndStatus: "FAILED" });
    await page.close();
  });

  it("the network drops the call: a network message, the call ends FAILED", async () => {
    const { page, widget } = await open();
    await call(page, widget);
    await screen(widget, "inCall");
    await page.getByTestId("network-failure").click();
    await widget.getByTestId("errors").filter({ hasText: "Network problem" }).waitFor();
    await screen(widget, "wrapUp");
    expect(await widget.getByTestId("summary").textContent()).toContain("Failed");
    await page.close();
  });

  it("HubSpot cannot create the engagement: the widget says so; the call is still logged on completion", async () => {
    const { page, widget } = await open();
    await page.getByTestId("fail-engagement-create").check();
    await call(page, widget);
    await widget.getByTestId("errors").filter({ hasText: "HubSpot could not create the call record" }).waitFor();
    expect(await errorsIn(widget)).toContain("Missing scope: crm.objects.calls.write");
    await screen(widget, "inCall");
    await visible(widget, "hang-up").click();
    await completeWith(widget, "Logged without a placeholder engagement.");
    await page.getByTestId("timeline-body").filter({ hasText: "Logged without a placeholder engagement." }).waitFor();
    expect(sequence(await hostMessages(page))).toContain("toWidget CREATE_ENGAGEMENT_FAILED");
    await page.close();
  });

  it("HubSpot cannot log the call: the widget says so, keeps the notes, and a retry succeeds", async () => {
    const { page, widget } = await open();
    await page.getByTestId("fail-engagement-update").check();
    await call(page, widget);
    await screen(widget, "inCall");
    await visible(widget, "hang-up").click();
    await completeWith(widget, "Wants a demo next week.");
    await widget.getByTestId("errors").filter({ hasText: "The call was not saved to HubSpot" }).waitFor();
    await widget.getByTestId("complete").filter({ hasText: "Retry saving" }).waitFor();
    expect(await widget.getByTestId("notes").inputValue()).toBe("Wants a demo next week.");
    // One failure, one banner (not one per event that reports it), worded once.
    const banners = await widget.getByTestId("errors").locator(".alert").allTextContents();
    expect(banners).toHaveLength(1);
    expect(banners[0]).not.toContain("HubSpot reported a problem");

    await page.getByTestId("fail-engagement-update").uncheck();
    await widget.getByTestId("complete").click();
    await page.getByTestId("timeline-body").filter({ hasText: "Wants a demo next week." }).waitFor();
    // Saved: the notice says so and the failure is gone.
    await widget.getByTestId("notices").filter({ hasText: "Call saved to HubSpot." }).waitFor();
    expect(await errorsIn(widget)).toBe("");
    const types = sequence(await hostMessages(page));
    expect(types.filter((t) => t.includes("UPDATE_ENGAGEMENT") || t.includes("CALL_COMPLETED"))).toEqual([
      "toHost CALL_COMPLETED",
      "toWidget UPDATE_ENGAGEMENT_FAILED",
      "toHost CALL_COMPLETED",
      "toWidget UPDATE_ENGAGEMENT_SUCCEEDED",
    ]);
    await page.close();
  });
});
