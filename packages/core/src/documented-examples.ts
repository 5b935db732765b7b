/**
 * Documentation inside data files: a value nested under a key named `example`, `examples`,
 * `x-example` or `x-examples` in a JSON or YAML file. OpenAPI (`example`, `examples`), Swagger 2
 * (`x-example`), JSON Schema (`examples`) and the AWS SDK's API examples
 * (`"examples": { "<Operation>": [ { "input": {…}, "output": {…} } ] }`) all write the sample
 * requests and responses of an API there: a `"Password"` or an `"idToken"` in them shows the
 * shape of a call, it signs nobody in. Only rules whose sole evidence is a name or a claim read
 * this (`Rule.quietInExamples`); a provider key with its own prefix or checksum is reported
 * wherever it is, since real keys do get pasted into examples (docs/decisions.md).
 *
 * The key is often far above the value (the AWS files open with `"examples": {` and hold the
 * values thousands of lines below), so a text is walked once, forward, at its first candidate
 * that asks, and the spans under example keys are kept for the rest (`memoLast`): linear in the
 * text, whatever the number of candidates. A chunk of a file larger than the CLI reads whole
 * (2 MB) is walked from its own start: where the example key lies before the chunk, the value is
 * reported, as it would be without this (more findings, never fewer).
 */
import { memoLast } from './rules/values.js';

/** The keys whose value is documentation. */
const EXAMPLE_KEYS: ReadonlySet<string> = new Set(['example', 'examples', 'x-example', 'x-examples']);

/** Cheap test that a text can hold an example key at all: most texts skip the walk. */
const MAY_HOLD_EXAMPLE_KEY = /(?:^|[\s"'{,])(?:x-)?examples?["']?[ \t]*:/m;

type DataFormat = 'json' | 'yaml';

const formatOf = memoLast((path: string): DataFormat | undefined => {
  const lower = path.toLowerCase();
  if (/\.(?:json|jsonc|json5)$/.test(lower)) return 'json';
  if (/\.ya?ml$/.test(lower)) return 'yaml';
  return undefined;
});

/** Whether offset `index` of `text` (a file at `path`) lies in a value under an example key of a JSON or YAML file. */
export function inDocumentedExample(text: string, index: number, path: string): boolean {
  const format = formatOf(path);
  if (format === undefined) return false;
  const spans = format === 'json' ? jsonExampleSpans(text) : yamlExampleSpans(text);
  return within(spans, index);
}

/** Whether `index` lies in one of `spans` (flat, sorted, non-overlapping [start, end) pairs). */
function within(spans: readonly number[], index: number): boolean {
  let lo = 0;
  let hi = spans.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[2 * mid + 1]! <= index) lo = mid + 1;
    else hi = mid;
  }
  return lo < spans.length / 2 && spans[2 * lo]! <= index;
}

const NONE: readonly number[] = [];

/**
 * The spans of values under example keys in a JSON (or JSONC) text, outermost only: each an
 * object, array or string given to such a key. Brackets before the text's first one are not
 * matched (a chunk that starts inside a structure): a closer with nothing open is passed over.
 */
export const jsonExampleSpans = memoLast((text: string): readonly number[] => {
  if (!MAY_HOLD_EXAMPLE_KEY.test(text)) return NONE;
  const spans: number[] = [];
  let depth = 0;
  // depth of the container given to an example key (-1 outside one), and where it opened
  let exampleDepth = -1;
  let exampleStart = 0;
  // the last key read in the current object names an example, and its value has not started
  let pendingExample = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const end = stringEnd(text, i);
      let j = end;
      while (j < n && isBlank(text.charCodeAt(j))) j++;
      if (j < n && text.charCodeAt(j) === 58 /* : */) {
        // a key: only short ones are compared
        pendingExample = exampleDepth === -1 && end - i - 2 <= 10 && EXAMPLE_KEYS.has(text.slice(i + 1, end - 1));
        i = j;
        continue;
      }
      if (pendingExample) spans.push(i, end);
      pendingExample = false;
      i = end - 1;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (pendingExample) {
        exampleDepth = depth;
        exampleStart = i;
      }
      pendingExample = false;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (depth === 0) continue;
      if (depth === exampleDepth) {
        spans.push(exampleStart, i + 1);
        exampleDepth = -1;
      }
      depth--;
      pendingExample = false;
    } else if (c === 47 /* / */ && i + 1 < n) {
      // JSONC comments
      const next = text.charCodeAt(i + 1);
      if (next === 47) {
        const eol = text.indexOf('\n', i);
        i = eol === -1 ? n : eol;
      } else if (next === 42 /* * */) {
        const close = text.indexOf('*/', i + 2);
        i = close === -1 ? n : close + 1;
      }
    } else if (c === 44 /* , */) pendingExample = false;
  }
  if (exampleDepth !== -1) spans.push(exampleStart, n);
  return spans;
});

/** The offset after the string that opens at `start` (its closing quote, or the line's end). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    const eol = text.indexOf('\n', i);
    if (quote === -1) return eol === -1 ? text.length : eol;
    if (eol !== -1 && eol < quote) return eol;
    // a quote after an odd run of backslashes is escaped
    let backslashes = 0;
    for (let k = quote - 1; k > start && text.charCodeAt(k) === 92; k--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** `key:` (possibly after list dashes, possibly quoted) at the start of a YAML line. */
const YAML_EXAMPLE_KEY = /^((?:- +)*)(["']?)((?:x-)?examples?)\2[ \t]*:(?:[ \t]|$)/;

/**
 * The spans of values under example keys in a YAML text: from the key's colon to the first later
 * line indented no deeper than the key (a compact list, `- …` at the key's own indent, stays in
 * it). Blank lines and comments end nothing.
 */
export const yamlExampleSpans = memoLast((text: string): readonly number[] => {
  if (!MAY_HOLD_EXAMPLE_KEY.test(text)) return NONE;
  const spans: number[] = [];
  let keyColumn = -1;
  let start = 0;
  for (let lineStart = 0; lineStart < text.length; ) {
    const eol = text.indexOf('\n', lineStart);
    const lineEnd = eol === -1 ? text.length : eol;
    let column = 0;
    while (lineStart + column < lineEnd && text.charCodeAt(lineStart + column) === 32) column++;
    const first = lineStart + column < lineEnd ? text.charCodeAt(lineStart + column) : -1;
    const blank = first === -1 || first === 13 || first === 35 /* # */;
    if (!blank) {
      if (keyColumn !== -1 && (column < keyColumn || (column === keyColumn && first !== 45 /* - */))) {
        spans.push(start, lineStart);
        keyColumn = -1;
      }
      if (keyColumn === -1) {
        const m = YAML_EXAMPLE_KEY.exec(text.slice(lineStart + column, Math.min(lineEnd, lineStart + column + 80)));
        if (m !== null) {
          keyColumn = column + m[1]!.length;
          start = lineStart + column + m[0].length;
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  if (keyColumn !== -1) spans.push(start, text.length);
  return spans;
});
