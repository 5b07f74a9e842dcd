// Text from outside (HubSpot's error messages, settings it returns) must not
// drive the user's terminal: an ESC can clear the screen, set the window
// title, or hide what follows; a carriage return can overwrite a line.

// C0 controls but tab and line feed, DEL, C1 controls (U+0080 to U+009F,
// 0x9B alone starts a CSI sequence), and the bidirectional overrides that can
// make text read differently from what it is (U+202A..U+202E, U+2066..U+2069).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * @internal Replaces every character that a terminal would act on instead
 * of showing (ESC, BEL, CR, C1 controls, bidi overrides) by its `\uXXXX`
 * escape, keeping line feeds and tabs. The escape is also valid inside a JSON
 * string, so `--json` output stays parseable (and means the same).
 */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
