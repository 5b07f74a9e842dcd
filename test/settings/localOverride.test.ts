import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors/validationError";
import { buildLocalOverride, LOCAL_OVERRIDE_KEYS } from "../../src/settings/localOverride";

// Runs a snippet the way the browser console would, against a recording
// localStorage, and returns what it stored.
function run(snippet: string): Map<string, string | null> {
  const stored = new Map<string, string | null>();
  const localStorage = {
    setItem: (key: string, value: string) => stored.set(key, value),
    removeItem: (key: string) => stored.set(key, null),
  };
  new Function("localStorage", snippet)(localStorage);
  return stored;
}

describe("buildLocalOverride", () => {
  it("builds the exact setItem snippet for the current key", () => {
    const override = buildLocalOverride({ name: "Acme (local)", url: "https://localhost:5174/" });
    expect(override).toEqual({
      key: "LocalSettings:Calling:CallingExtensions",
      value: '{"name":"Acme (local)","url":"https://localhost:5174/"}',
      snippet:
        'localStorage.setItem("LocalSettings:Calling:CallingExtensions", "{\\"name\\":\\"Acme (local)\\",\\"url\\":\\"https://localhost:5174/\\"}");',
    });
  });

  it("keeps quotes, backslashes and script-like text inside the string", () => {
    const name = `Bob's "phone" \\ "); alert(1); ("\u2028</script>`;
    const { snippet, key } = buildLocalOverride({ name, url: "https://localhost:5174/?a=1&b='2'" });
    const stored = run(snippet);
    expect([...stored.keys()]).toEqual([key]);
    expect(JSON.parse(stored.get(key) ?? "")).toEqual({
      name,
      url: "https://localhost:5174/?a=1&b='2'",
    });
  });

  it("uses the legacy key with `legacy`", () => {
    const { key, snippet } = buildLocalOverride({
      name: "A",
      url: "https://localhost/",
      legacy: true,
    });
    expect(key).toBe(LOCAL_OVERRIDE_KEYS.legacy);
    expect(snippet.startsWith('localStorage.setItem("LocalSettings:Sales:CallingExtensions"')).toBe(
      true,
    );
  });

  it("removes the override with `clear`", () => {
    expect(buildLocalOverride({ clear: true })).toEqual({
      key: LOCAL_OVERRIDE_KEYS.current,
      value: null,
      snippet: 'localStorage.removeItem("LocalSettings:Calling:CallingExtensions");',
    });
    expect(
      run(buildLocalOverride({ clear: true, legacy: true }).snippet).get(
        LOCAL_OVERRIDE_KEYS.legacy,
      ),
    ).toBeNull();
  });

  it("refuses an empty name and a non-https url", () => {
    const error = (() => {
      try {
        buildLocalOverride({ name: "", url: "http://acme.example/" });
      } catch (e) {
        return e;
      }
    })() as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((issue) => issue.path)).toEqual(["name", "url"]);
  });
});
