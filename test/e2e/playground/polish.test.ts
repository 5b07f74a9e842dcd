// The playground page as a developer reads it during a call: the log follows
// new messages (or says there are some), one time format, a status line
// that follows the call, an incoming call that cannot reach the widget says
// why, HubSpot's notices never push the widget's Dial button out of sight,
// and the record's timeline shows a save HubSpot refused.
import type { FrameLocator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { hostMessages, type OpenPlayground, openPlayground, playgroundPerFile, sequence } from "./support";

const env = playgroundPerFile();

const screen = (widget: FrameLocator, name: string) =>
  widget.locator(`[data-testid="status"][data-screen="${name}"]`).waitFor({ timeout: 10_000 });

async function loggedIn(query: Record<string, string> = {}, viewport?: { width: number; height: number }): Promise<OpenPlayground> {
  const opened = await openPlayground(env.browser, env.running, query, viewport);
  await opened.widget.getByTestId("login").click();
  await screen(opened.widget, "keypad");
  return opened;
}

/** HubSpot's page changes visibility `count` times: that many new messages in the log. */
const visibilityChanges = (page: Page, count: number) =>
  page.evaluate((n) => {
    const host = (window as unknown as { playground: { host(): { setVisibility(v: { isMinimized: boolean; isHidden: boolean }): void } } }).playground.host();
    for (let i = 0; i < n; i++) host.setVisibility({ isMinimized: i % 2 === 0, isHidden: false });
  }, count);

/** Where the log is scrolled: at the bottom or not, and how far from the top. */
const logScroll = (page: Page) =>
  page.getByTestId("message-log").evaluate((list) => ({
    atBottom: list.scrollHeight - list.scrollTop - list.clientHeight < 2,
    top: list.scrollTop,
    overflows: list.scrollHeight > list.clientHeight,
  }));

describe("playground: the message log", () => {
  it("follows new messages at the bottom; scrolled up, it stays put and offers a 'new messages' button", async () => {
    const { page, errors } = await loggedIn();
    const newMessages = page.getByTestId("log-new-messages");
    await visibilityChanges(page, 30);
    await page.waitForFunction(() => document.querySelectorAll('#message-log li[data-type="VISIBILITY_CHANGED"]').length === 30);
    expect(await logScroll(page)).toMatchObject({ atBottom: true, overflows: true });
    expect(await newMessages.isHidden()).toBe(true);

    // Reading an older message: new ones do not move the log.
    await page.getByTestId("message-log").evaluate((list) => (list.scrollTop = 0));
    await visibilityChanges(page, 3);
    await newMessages.filter({ hasText: "↓ 3 new messages" }).waitFor();
    expect((await logScroll(page)).top).toBe(0);

    await newMessages.click();
    expect((await logScroll(page)).atBottom).toBe(true);
    expect(await newMessages.isHidden()).toBe(true);

    // Scrolling back down by hand also makes it follow again.
    await page.getByTestId("message-log").evaluate((list) => (list.scrollTop = 0));
    await visibilityChanges(page, 1);
    await newMessages.filter({ hasText: "↓ 1 new message" }).waitFor();
    await page.getByTestId("message-log").evaluate((list) => (list.scrollTop = list.scrollHeight));
    await newMessages.waitFor({ state: "hidden" });
    await visibilityChanges(page, 1);
    await page.waitForFunction(() => document.querySelectorAll('#message-log li[data-type="VISIBILITY_CHANGED"]').length === 35);
    expect((await logScroll(page)).atBottom).toBe(true);
    expect(await newMessages.isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("writes every time in one format: entries, separators and the moments inside payloads, in local time to the millisecond", async () => {
    const { page, widget } = await loggedIn({ ringAfterMs: "50", answerAfterMs: "100" });
    await page.getByTestId("call-button").click();
    await widget.getByTestId("dial-request").waitFor();
    await widget.getByTestId("dial").click();
    await screen(widget, "inCall");
    await page.getByTestId("message-log").locator('li[data-type="OUTGOING_CALL_STARTED"] [data-testid="payload-time"]').waitFor();
    const shown = await page.getByTestId("message-log").evaluate((list) => {
      const local = (at: number) => {
        const d = new Date(at);
        const pad = (n: number, w = 2) => String(n).padStart(w, "0");
        return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
      };
      const times = [...list.querySelectorAll("time")].map((time) => ({ text: time.textContent, expected: local(Date.parse(time.getAttribute("datetime") ?? "")) }));
      const separators = [...list.querySelectorAll("li.separator")].map((item) => item.textContent ?? "");
      const started = list.querySelector('li[data-type="OUTGOING_CALL_STARTED"] [data-testid="payload-time"]')?.textContent ?? "";
      return { times, separators, started };
    });
    expect(shown.separators.length).toBeGreaterThan(0);
    expect(shown.times.length).toBeGreaterThan(shown.separators.length);
    for (const { text, expected } of shown.times) {
      expect(text).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{3}$/);
      expect(text).toBe(expected);
    }
    for (const text of shown.separators) expect(text).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{3} · /);
    // callStartTime (epoch milliseconds in the payload) is also written the log's way.
    const started = (await hostMessages(page)).find((m) => m.type === "OUTGOING_CALL_STARTED")?.data as { callStartTime: number };
    const expected = await page.evaluate((at) => {
      const d = new Date(at);
      const pad = (n: number, w = 2) => String(n).padStart(w, "0");
      return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
    }, started.callStartTime);
    expect(shown.started).toBe(`callStartTime ${expected}`);
    await page.close();
  });
});

describe("playground: the status line follows the call", () => {
  it("ringing, connected, ended, completed, logged: one line per step, with what HubSpot was told", async () => {
    const { page, widget, errors } = await loggedIn({ ringAfterMs: "100", answerAfterMs: "300" });
    // Every line the status shows, in order, with its data-call.
    await page.evaluate(() => {
      const status = document.getElementById("calling-status") as HTMLElement;
      const seen: { call: string; text: string }[] = [];
      (window as unknown as { statusLines: typeof seen }).statusLines = seen;
      new MutationObserver(() => {
        const line = { call: status.dataset.call ?? "", text: status.textContent ?? "" };
        if (seen.at(-1)?.text !== line.text) seen.push(line);
      }).observe(status, { childList: true, characterData: true, subtree: true, attributes: true });
    });
    await page.getByTestId("call-button").click();
    await widget.getByTestId("dial-request").waitFor();
    await widget.getByTestId("dial").click();
    await screen(widget, "inCall");
    await page.locator('#calling-status[data-call="connected"]').waitFor();
    await widget.locator('[data-testid="hang-up"]:visible').click();
    await page.locator('#calling-status[data-call="ended"]').filter({ hasText: "Call ended: COMPLETED (CALL_ENDED)" }).waitFor();
    await widget.getByTestId("complete").click();
    await page.locator('#calling-status[data-call="logged"]').filter({ hasText: /^Call logged on the record \(engagement \d+\)$/ }).waitFor();

    const lines = await page.evaluate(() => (window as unknown as { statusLines: { call: string; text: string }[] }).statusLines);
    const steps = lines.map((line) => line.call).filter((call, i, all) => call !== "" && call !== all[i - 1]);
    // HubSpot (the simulator) answers CALL_COMPLETED in the same task, so "completed" may be replaced before it is painted.
    expect(steps.filter((step) => step !== "completed")).toEqual(["ringing", "connected", "ended", "logged"]);
    expect(lines.find((line) => line.call === "ringing")?.text).toBe("Calling +1 (617) 555-0100: ringing… (OUTGOING_CALL_STARTED)");
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("playground: an incoming call that cannot reach the widget says why", () => {
  it("logged out: ignored, and the page says the widget is logged out", async () => {
    const { page, widget, errors } = await openPlayground(env.browser, env.running);
    await screen(widget, "login");
    await page.getByTestId("incoming-call").click();
    const status = page.locator('#calling-status.error[data-call="ignored"]');
    await status.waitFor();
    expect(await status.textContent()).toMatch(/^Incoming call from \+1 \(617\) 555-0100 ignored: .+ is logged out .*Log in inside the widget/);
    expect(sequence(await hostMessages(page))).not.toContain("toHost INCOMING_CALL");
    await screen(widget, "login");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("unavailable: ignored with the reason; available again, the call comes through", async () => {
    const { page, widget, errors } = await loggedIn();
    const available = widget.locator("#available");
    await available.check();
    await page.waitForFunction(() => (window as unknown as { playground: { messages(): { type: string }[] } }).playground.messages().some((m) => m.type === "USER_AVAILABLE"));
    await available.uncheck();
    await page.waitForFunction(() => (window as unknown as { playground: { messages(): { type: string }[] } }).playground.messages().some((m) => m.type === "USER_UNAVAILABLE"));
    await page.getByTestId("incoming-call").click();
    const status = page.locator('#calling-status.error[data-call="ignored"]');
    await status.waitFor();
    expect(await status.textContent()).toContain("ignored: the user is unavailable");
    expect(await status.textContent()).toContain("USER_UNAVAILABLE");
    expect(sequence(await hostMessages(page))).not.toContain("toHost INCOMING_CALL");
    await screen(widget, "keypad");

    await available.check();
    await page.waitForFunction(() => (window as unknown as { playground: { messages(): { type: string }[] } }).playground.messages().filter((m) => m.type === "USER_AVAILABLE").length === 2);
    await page.getByTestId("incoming-call").click();
    await screen(widget, "incoming");
    await page.locator('#calling-status[data-call="ringing"]').filter({ hasText: "Incoming call from" }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("playground: notices never push the widget's Dial button out of sight", () => {
  for (const starter of ["vanilla", "react"] as const) {
    it(`${starter} starter, 400 x 600 iframe, HubSpot's notices on the page and the widget's own alerts: Dial stays visible`, async () => {
      const viewport = { width: 1280, height: 900 };
      const { page, widget } = await loggedIn({ widget: starter }, viewport);
      await page.getByTestId("call-button").click();
      await widget.getByTestId("dial-request").waitFor();
      // Four notices on HubSpot's page (ERROR alerts the widget sends, as the SDK's sendError does).
      const frame = page.frames().find((candidate) => candidate.url().startsWith(env.running.widgets.find((w) => w.id === starter)?.url ?? "-"));
      if (!frame) throw new Error("the widget's frame is missing");
      const hostOrigin = new URL(env.running.playgroundUrl).origin;
      await frame.evaluate((origin) => {
        for (let i = 1; i <= 4; i++) window.parent.postMessage({ type: "ERROR", data: { message: `Notice ${i} from the widget` }, messageId: `test_${i}` }, origin);
      }, hostOrigin);
      await page.getByTestId("host-notices").locator(".host-notice").nth(3).waitFor();
      // Three failures HubSpot reports to the widget, each an alert inside it.
      for (let i = 0; i < 3; i++) await page.getByTestId("navigate-failed").click();
      await widget.getByTestId("errors").locator(".alert").nth(2).waitFor();

      const dial = widget.getByTestId("dial");
      const iframe = await page.locator("#widget-frame iframe").boundingBox();
      const button = await dial.boundingBox();
      if (!iframe || !button) throw new Error("no layout");
      expect([iframe.width, iframe.height]).toEqual([400, 600]);
      // Inside the iframe's 400 x 600 viewport, without scrolling it...
      const inFrame = await dial.evaluate((element) => {
        const box = element.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return { top: box.top, bottom: box.bottom, height: innerHeight, reachable: hit === element || element.contains(hit) };
      });
      expect(inFrame.top).toBeGreaterThanOrEqual(0);
      expect(inFrame.bottom).toBeLessThanOrEqual(inFrame.height);
      expect(inFrame.reachable).toBe(true);
      // ...and on the page's screen, without scrolling the page.
      expect(button.y).toBeGreaterThanOrEqual(iframe.y);
      expect(button.y + button.height).toBeLessThanOrEqual(Math.min(iframe.y + iframe.height, viewport.height));
      expect(await page.evaluate(() => scrollY)).toBe(0);
      // Still usable: Dial places the call.
      await dial.click();
      await screen(widget, "calling");
      await page.close();
    });
  }
});

describe("playground: the activity card shows a failed save", () => {
  it("UPDATE_ENGAGEMENT_FAILED: the card says HubSpot could not save the call, with HubSpot's message; a retry logs it", async () => {
    const { page, widget, errors } = await loggedIn({ ringAfterMs: "50", answerAfterMs: "100" });
    await page.getByTestId("fail-engagement-update").check();
    await page.getByTestId("call-button").click();
    await widget.getByTestId("dial-request").waitFor();
    await widget.getByTestId("dial").click();
    await screen(widget, "inCall");
    await widget.locator('[data-testid="hang-up"]:visible').click();
    await widget.getByTestId("notes").fill("Asked for a quote.");
    await widget.getByTestId("complete").click();

    const card = page.getByTestId("timeline-call");
    await card.getByTestId("timeline-save-failed").waitFor();
    expect(await card.getByTestId("timeline-save-failed").textContent()).toBe(
      "HubSpot could not save the call: The engagement was deleted (UPDATE_ENGAGEMENT_FAILED). The widget can retry.",
    );
    expect(await card.getByTestId("timeline-badge").textContent()).toBe("Not saved");
    const engagementId = ((await hostMessages(page)).find((m) => m.type === "CREATE_ENGAGEMENT_SUCCEEDED")?.data as { engagementId: number }).engagementId;
    expect(await card.getAttribute("data-engagement-id")).toBe(String(engagementId));
    expect(await page.getByTestId("timeline-call").count()).toBe(1);
    await page.locator('#calling-status.error[data-call="saveFailed"]').waitFor();

    await page.getByTestId("fail-engagement-update").uncheck();
    await widget.getByTestId("complete").click();
    await card.getByTestId("timeline-body").filter({ hasText: "Asked for a quote." }).waitFor();
    expect(await card.getByTestId("timeline-save-failed").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
