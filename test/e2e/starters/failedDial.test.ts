// A dial that fails before it connects (microphone blocked, the voice
// service refusing the call), in both starters inside the playground: the
// user is offered Discard, not a wrap-up of a call that never happened, and
// HubSpot gets nothing after the FAILED end.
import type { FrameLocator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { engagements, hostMessages, openPlayground, playgroundPerFile, sequence } from "../playground/support";

const env = playgroundPerFile();

const screen = (widget: FrameLocator, name: string) =>
  widget.locator(`[data-testid="status"][data-screen="${name}"]`).waitFor({ timeout: 10_000 });

const CASES = [
  { starter: "vanilla", failure: "the microphone is blocked", query: { dialError: "microphone" }, banner: "Microphone blocked" },
  { starter: "vanilla", failure: "the voice service fails the call while it rings", query: { outcome: "fail", ringAfterMs: "50" }, banner: "Network problem" },
  { starter: "react", failure: "the microphone is blocked", query: { dialError: "microphone" }, banner: "Microphone blocked" },
  { starter: "react", failure: "the voice service is unreachable", query: { dialError: "network" }, banner: "Network problem" },
] as const;

/** Logs in, presses Call on the record and Dial in the widget. */
async function dial(page: Page, widget: FrameLocator): Promise<void> {
  await widget.getByTestId("login").click();
  await screen(widget, "keypad");
  await page.getByTestId("call-button").click();
  await widget.getByTestId("dial-request").waitFor();
  await widget.getByTestId("dial").click();
}

describe("a dial that fails before it connects", () => {
  for (const { starter, failure, query, banner } of CASES) {
    it(`${starter} starter, ${failure}: Discard closes the call; HubSpot gets no CALL_COMPLETED and keeps its placeholder`, async () => {
      const { page, widget, errors } = await openPlayground(env.browser, env.running, { widget: starter, ...query });
      await dial(page, widget);
      await widget.getByTestId("errors").filter({ hasText: banner }).waitFor();
      await screen(widget, "wrapUp");
      // Not a wrap-up: the screen says the call did not connect, and Discard comes first.
      await widget.locator("#wrap-up-title").filter({ hasText: "The call did not connect" }).waitFor();
      expect(await widget.getByTestId("summary").textContent()).toContain("Failed · not connected");
      expect(await widget.getByTestId("complete").textContent()).toBe("Log the attempt");
      expect(await widget.getByTestId("wrap-up-hint").textContent()).toContain("Discard closes the call and saves nothing more to HubSpot");
      const discard = widget.getByTestId("discard");
      expect(await discard.isVisible()).toBe(true);
      expect(await discard.evaluate((button, complete) => Boolean(button.compareDocumentPosition(complete as Node) & Node.DOCUMENT_POSITION_FOLLOWING), await widget.getByTestId("complete").elementHandle())).toBe(true);

      await discard.click();
      await screen(widget, "keypad");
      await widget.getByTestId("notices").filter({ hasText: "Call discarded: nothing more was saved to HubSpot." }).waitFor();
      // The reason stays shown: it says what to fix before the next call.
      expect(await widget.getByTestId("errors").textContent()).toContain(banner);
      expect(await widget.getByTestId("dial").isEnabled()).toBe(true);

      const messages = await hostMessages(page);
      const types = sequence(messages);
      const started = types.indexOf("toHost OUTGOING_CALL_STARTED");
      expect(started).toBeGreaterThan(-1);
      expect(types.slice(started).filter((type) => type.startsWith("toHost"))).toEqual(["toHost OUTGOING_CALL_STARTED", "toHost CALL_ENDED"]);
      const created = messages.find((m) => m.type === "CREATE_ENGAGEMENT_SUCCEEDED")?.data as { engagementId: number };
      // A dial refused at once ends before HubSpot's id arrives: CALL_ENDED names the engagement only when it had it.
      const ended = messages.find((m) => m.type === "CALL_ENDED")?.data as { callEndStatus: string; engagementId?: number };
      expect(ended.callEndStatus).toBe("FAILED");
      if (ended.engagementId !== undefined) expect(ended.engagementId).toBe(created.engagementId);
      // HubSpot's placeholder engagement, made when the call started, has nothing written to it.
      expect(await engagements(page)).toEqual([{ engagementId: created.engagementId, properties: {} }]);
      // The record's timeline shows the attempt as HubSpot holds it: ended FAILED, not logged.
      const card = page.getByTestId("timeline-call");
      await card.getByTestId("timeline-badge").filter({ hasText: "FAILED" }).waitFor();
      expect(await card.getByTestId("timeline-note").textContent()).toContain("not logged by the widget");
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it("vanilla starter: Log the attempt still logs the failed call, with the notes", async () => {
    const { page, widget } = await openPlayground(env.browser, env.running, { dialError: "microphone" });
    await dial(page, widget);
    await screen(widget, "wrapUp");
    await widget.getByTestId("notes").fill("Mic blocked by the browser policy.");
    await widget.getByTestId("complete").click();
    await page.getByTestId("timeline-body").filter({ hasText: "Mic blocked by the browser policy." }).waitFor();
    const [logged] = await engagements(page);
    expect(logged?.properties).toMatchObject({ hs_call_status: "FAILED", hs_call_body: "Mic blocked by the browser policy." });
    await page.close();
  });
});
