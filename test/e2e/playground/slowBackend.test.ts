// A slow voice backend (commandDelayMs): while a mute is still running, the
// user can always hang up, in both starters, and HubSpot hears CALL_ENDED.
import { describe, expect, it } from "vitest";
import { hostMessages, openPlayground, playgroundPerFile, sequence } from "./support";

const env = playgroundPerFile();
// Mute takes a minute: it is still running when the user hangs up.
const slow = { ringAfterMs: "50", answerAfterMs: "100", commandDelayMs: "60000" };

describe.each(["vanilla", "react"])("the %s starter with a slow voice backend", (widgetId) => {
  it("hangs up while a mute is still running", async () => {
    const { page, widget, errors } = await openPlayground(env.browser, env.running, { widget: widgetId, ...slow });
    await widget.getByTestId("login").click();
    await page.getByTestId("call-button").click();
    await widget.getByTestId("dial-request").waitFor();
    await widget.getByTestId("dial").click();
    await widget.locator('[data-testid="status"][data-screen="inCall"]').waitFor({ timeout: 10_000 });

    await widget.getByTestId("mute").click();
    const hangUp = widget.locator('[data-testid="hang-up"]:visible');
    await expect.poll(() => hangUp.isEnabled(), { timeout: 2_000 }).toBe(true);
    await hangUp.click();
    await widget.getByTestId("notes").waitFor({ timeout: 5_000 });

    const sent = sequence(await hostMessages(page));
    expect(sent).toContain("toHost CALL_ENDED");
    expect(sent.filter((entry) => entry === "toHost CALL_ENDED")).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
