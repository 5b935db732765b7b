/**
 * Characters a terminal or a log viewer acts on instead of showing: C0 and C1 controls (ESC,
 * U+009B CSI, a newline that would start a fake line) and the bidi controls that reorder what is
 * shown (U+202E). Every untrusted string (file names, matches, messages, ignore values, config
 * values quoted in an error) goes through terminalSafe before it is printed: by the CLI, and by
 * the ESLint plugin for the text it puts into lint messages (ESLint's formatters print them raw).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with each unsafe character shown as `\u{1b}`; the characters of `keep` (e.g. '\n') stay. */
export function terminalSafe(text: string, keep = ''): string {
  return text.replace(UNSAFE, (c) => (keep.includes(c) ? c : `\\u{${c.charCodeAt(0).toString(16)}}`));
}

/** Whether `text` holds a character terminalSafe would escape. */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}
