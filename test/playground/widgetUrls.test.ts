// `npm run dev -- --widget-url <url>` and PLAYGROUND_WIDGET_URL: which widget
// addresses the playground hosts, and the errors for the ones it cannot.
import { describe, expect, it } from "vitest";
import { checkWidgetUrl, widgetUrlsFrom } from "../../playground/server.mjs";

describe("widgetUrlsFrom", () => {
  it("takes every --widget-url, in both spellings, in order", () => {
    expect(widgetUrlsFrom(["--widget-url", "http://127.0.0.1:8080", "--widget-url=https://phone.example.com/widget?v=2"], {})).toEqual([
      "http://127.0.0.1:8080/",
      "https://phone.example.com/widget?v=2",
    ]);
  });

  it("falls back to PLAYGROUND_WIDGET_URL (comma- or space-separated); the command line wins", () => {
    const env = { PLAYGROUND_WIDGET_URL: "http://127.0.0.1:8080/, http://127.0.0.1:8081/" };
    expect(widgetUrlsFrom([], env)).toEqual(["http://127.0.0.1:8080/", "http://127.0.0.1:8081/"]);
    expect(widgetUrlsFrom(["--widget-url", "http://127.0.0.1:9000/"], env)).toEqual(["http://127.0.0.1:9000/"]);
    expect(widgetUrlsFrom([], {})).toEqual([]);
  });

  it("refuses an address it cannot host, saying what is expected", () => {
    expect(() => widgetUrlsFrom(["--widget-url"], {})).toThrow(/needs an address/);
    expect(() => widgetUrlsFrom(["--widget-url", "127.0.0.1:8080"], {})).toThrow(/http\(s\) address|full address/);
    expect(() => checkWidgetUrl("file:///tmp/widget.html")).toThrow(/http\(s\) address/);
    expect(() => checkWidgetUrl("http://user:secret@127.0.0.1:8080/")).toThrow(/user name or password/);
    expect(() => widgetUrlsFrom([], { PLAYGROUND_WIDGET_URL: "not a url" })).toThrow(/full address/);
  });
});
