// The playground's layouts, as a person uses them: the calling remote in
// HubSpot's navigation bar and HubSpot's calling window as a real second
// window, with the vanilla starter (coordinateSurfaces()) on its own origin.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openPlayground, playgroundPerFile } from "./support";

const env = playgroundPerFile();
// The far end answers by itself; slow enough to see each step.
const quick = { ringAfterMs: "100", answerAfterMs: "300" };

type Entry = { direction: string; type: string; surface?: string; data?: { externalCallId?: string } };
const toHost = (page: Page): Promise<Entry[]> =>
  page.evaluate(() =>
    ((window as any).playground.messages() as Entry[]).filter((m) => m.direction === "toHost" && m.type !== "SYNC_ACK"),
  );

describe.each(["vanilla", "react"])("playground: remote + calling window, %s starter", (starter) => {
  it("Call opens the calling window, which holds the call; the remote shows it, controls it, and survives navigation", async () => {
    const { page, widget: remote, errors } = await openPlayground(env.browser, env.running, { ...quick, layout: "remoteAndWindow", widget: starter });

    expect(await page.getByTestId("frame-title").textContent()).toContain("Calling remote");
    // The remote initializes first (a person presses Call on a loaded page). Chromium was seen to
    // lose a message a cross-site iframe posts to its page within a few ms of that page opening a
    // popup, so the window opens after the remote's INITIALIZED (see docs/guides/calling-window.md).
    await page.waitForFunction(() =>
      (window as any).playground.messages().some((m: Entry) => m.surface === "remote" && m.type === "INITIALIZED"),
    );
    // Log in from the remote: the owner (the calling window) is not open yet, so the remote waits for it.
    const opened = page.context().waitForEvent("page");
    await page.getByTestId("call-button").click();
    const popup = await opened;
    await popup.waitForLoadState();
    expect(new URL(popup.url()).pathname).toBe("/calling-integration-popup-ui/987654321");
    const window = popup.frameLocator("#widget-frame iframe");
    // The window is the owner: the full softphone; the remote: the compact view.
    await window.getByTestId("login").click();
    await remote.getByTestId("mirror-call").waitFor({ timeout: 15_000 });
    expect(await remote.getByTestId("mirror-call").textContent()).toContain("+1 (617) 555-0100");
    await remote.getByTestId("mirror-call").click();
    await window.locator('[data-testid="status"][data-screen="inCall"]').waitFor({ timeout: 15_000 });
    await remote.getByTestId("mirror-line").filter({ hasText: "On a call" }).waitFor();

    // HubSpot navigates: the remote reloads, the call goes on in the window.
    await page.getByTestId("navigate").click();
    // The reloaded remote shook hands again and initialized its new iframe...
    await page.waitForFunction(
      () => (window as any).playground.messages().filter((m: Entry) => m.surface === "remote" && m.type === "INITIALIZED").length === 2,
      null,
      { timeout: 15_000 },
    );
    // ...and shows the call the window still holds.
    await remote.getByTestId("mirror-line").filter({ hasText: "On a call" }).waitFor({ timeout: 15_000 });
    expect(await window.locator('[data-testid="status"]').getAttribute("data-screen")).toBe("inCall");

    await remote.getByTestId("mirror-hang-up").click();
    await window.locator('[data-testid="status"][data-screen="wrapUp"]').waitFor();
    await window.getByTestId("notes").fill("Called from the remote");
    await window.getByTestId("complete").click();
    await page.getByTestId("timeline-body").filter({ hasText: "Called from the remote" }).waitFor({ timeout: 15_000 });

    const sent = await toHost(page);
    const calls = sent.filter((m) => ["OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED", "CALL_COMPLETED"].includes(m.type));
    expect(calls.map((m) => `${m.surface} ${m.type}`)).toEqual([
      "window OUTGOING_CALL_STARTED",
      "window CALL_ANSWERED",
      "window CALL_ENDED",
      "window CALL_COMPLETED",
    ]);
    // The remote spoke only for its own iframe (twice: before and after navigating).
    expect(sent.filter((m) => m.surface === "remote").map((m) => m.type)).toEqual(["INITIALIZED", "INITIALIZED"]);
    expect(await page.getByTestId("message-log").locator('[data-surface="window"]').count()).toBeGreaterThan(4);
    expect(errors).toEqual([]);

    // Closing the calling window: the remote says where calls went.
    await page.getByTestId("close-window").click();
    await remote.getByTestId("mirror-line").filter({ hasText: "Open the calling window" }).waitFor({ timeout: 15_000 });
    await page.close();
  });
});

describe("playground: remote without calling window", () => {
  it("the remote holds the call; the widget's own link opens a window that shows it compactly", async () => {
    const { page, widget: remote, errors } = await openPlayground(env.browser, env.running, { ...quick, layout: "remoteOnly" });
    await remote.getByTestId("login").click();
    await page.getByTestId("call-button").click();
    await remote.getByTestId("dial").click();
    await remote.locator('[data-testid="status"][data-screen="inCall"]').waitFor({ timeout: 15_000 });
    // The compact view in a window the widget opens itself (its link, to HubSpot's popup address).
    const opened = page.context().waitForEvent("page");
    await remote.getByTestId("pop-out").click();
    const popup = await opened;
    const window = popup.frameLocator("#widget-frame iframe");
    await window.getByTestId("mirror-line").filter({ hasText: "On a call" }).waitFor({ timeout: 15_000 });
    await window.getByTestId("mirror-hang-up").click();
    await remote.locator('[data-testid="status"][data-screen="wrapUp"]').waitFor({ timeout: 15_000 });
    const sent = await toHost(page);
    expect(sent.filter((m) => m.type === "CALL_ENDED").map((m) => m.surface)).toEqual(["remote"]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
