/**
 * What the CLI prints is made safe for a terminal: file names, titles, notes and error messages come
 * from files anyone can write, and a name like `x\x1b]0;TITLE\x07\x1b[2J.txt` would set the terminal's
 * title and clear it. Human output loses every C0 control but newline and tab, DEL, every C1 control
 * (U+0080–U+009F: U+009B is a one-byte CSI), and the bidi controls that reorder what is shown
 * (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C). JSON output keeps every character, escaped
 * as \uXXXX, so it stays valid JSON and parses back to the same strings.
 */

/** Characters never printed raw; \t and \n are kept in human output. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw among those (it escapes all of C0 itself). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Controls that break a one-line field (a path, a title) into several lines. */
const LINE_BREAKS = /[\t\n\r\u0085\u2028\u2029]+/g;

/** Text for a terminal: unsafe controls removed, newlines and tabs kept. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, '');
}

/** One field of one line (a path, a title): also line breaks and tabs become a space. */
export function terminalLine(text: string): string {
  return terminalText(text.replace(LINE_BREAKS, ' '));
}

/** JSON text (already serialised) with the controls JSON.stringify leaves raw escaped as \uXXXX. */
export function escapeJsonText(json: string): string {
  // These characters can only occur inside JSON strings, where \uXXXX stands for the same character.
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A value as JSON that is safe to print and parses back to the same value. */
export function terminalJson(value: unknown, indent = 2): string {
  return escapeJsonText(JSON.stringify(value, null, indent) ?? 'null');
}
