// The playground, driven in Chromium as a person would: the page plays
// HubSpot (localhost), the vanilla starter runs in its iframe (127.0.0.1),
// and everything between them is real postMessage through the real SDK.
import { mkdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CALL_OUTCOMES } from "../../../src/index";
import { engagements, hostMessages, openPlayground, type PlaygroundWindow, playgroundPerFile, sequence } from "./support";

const env = playgroundPerFile();

// Short but real delays in the simulated provider (passed on to the widget's URL).
const quick = { ringAfterMs: "150", answerAfterMs: "300" };
const NOTES = "Discussed the renewal. Send the pricing sheet by Friday.";

describe("playground: the page's origin", () => {
  it("opened on 127.0.0.1 instead of localhost, the page moves to the origin the widgets trust and connects", async () => {
    const page = await env.browser.newPage();
    const trusted = new URL(env.running.playgroundUrl);
    const other = new URL(env.running.playgroundUrl);
    other.hostname = "127.0.0.1";
    other.searchParams.set("widget", "vanilla");
    await page.goto(other.href);
    await page.waitForURL((url) => url.origin === trusted.origin, { timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get("widget")).toBe("vanilla");
    await page.waitForFunction(() => (window as unknown as PlaygroundWindow).playground?.host().synced === true, null, { timeout: 30_000 });
    await page.close();
  });
});

describe("playground: a whole call, as a person makes it", () => {
  it("log in, Call on the record, dial, answer, hang up, notes, complete: the engagement is logged", async () => {
    const { page, widget, errors } = await openPlayground(env.browser, env.running, quick);
    expect(env.running.playgroundUrl).toMatch(/^http:\/\/localhost:\d+\/$/);
    expect(env.running.widgets[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await page.getByTestId("app-name").textContent()).toBe(env.running.widgets[0]?.name);
    expect(await page.locator("#widget-frame iframe").evaluate((frame: HTMLIFrameElement) => [frame.width, frame.height])).toEqual(["400px", "600px"]);

    await widget.getByTestId("login").click();
    await page.getByTestId("call-button").click();
    // HubSpot's number arrives in the widget, ready to dial.
    await widget.getByTestId("dial-request").waitFor();
    expect(await widget.getByTestId("number").inputValue()).toBe("+1 (617) 555-0100");
    const fromNumber = await widget.getByTestId("from-number").inputValue();
    expect(fromNumber).toBe("+1 617 555 0199");

    const dialedAt = Date.now();
    await widget.getByTestId("dial").click();
    await widget.locator('[data-testid="status"][data-screen="calling"]').waitFor();
    // The simulated far end answers; the timer runs.
    await widget.locator('[data-testid="status"][data-screen="inCall"]').waitFor({ timeout: 10_000 });
    await widget.getByTestId("call-timer").filter({ hasText: /^0:0[1-9]$/ }).waitFor({ timeout: 10_000 });
    await page.getByTestId("timeline-call").filter({ hasText: "In progress" }).waitFor();

    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/playground-mid-call.png", fullPage: true });

    await widget.locator(`[data-testid="hang-up"]:visible`).click();
    const hungUpAt = Date.now();
    await widget.getByTestId("notes").fill(NOTES);
    expect(await widget.getByTestId("outcome").inputValue()).toBe("connected");
    await widget.getByTestId("complete").click();
    await page.getByTestId("timeline-body").filter({ hasText: NOTES }).waitFor();
    await widget.getByTestId("notices").filter({ hasText: "Call saved to HubSpot." }).waitFor();

    const messages = await hostMessages(page);
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
    // Timestamps are recorded, in order.
    const times = messages.map((m) => m.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const data = (type: string) => messages.find((m) => m.type === type)?.data as Record<string, any>;
    const started = data("OUTGOING_CALL_STARTED");
    const engagementId = data("CREATE_ENGAGEMENT_SUCCEEDED").engagementId;
    expect(data("SYNC")).toMatchObject({ portalId: 987_654_321, userId: 4_444_444, ownerId: 55_555_555, iframeLocation: "widget", usesCallingWindow: false, hostUrl: env.running.playgroundUrl.slice(0, -1) });
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

    // The page's log shows every message, with its direction and type.
    const rows = await page.getByTestId("message-log").locator("li.entry").evaluateAll((items) =>
      items.map((item) => `${item.getAttribute("data-direction")} ${item.getAttribute("data-type")}`),
    );
    expect(rows).toEqual(sequence(messages));
    expect(await page.getByTestId("timeline-outcome").textContent()).toBe("Connected");
    expect(await widget.getByTestId("errors").textContent()).toBe("");
    expect(errors).toEqual([]);
    await page.close();
  });
});
