import { describe, expect, it } from 'vitest';
import { lineIndexAt, lineStarts } from '../src/lines.js';

/** The definition, one character at a time: LF, CRLF and a lone CR each end a line. */
function referenceStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') i++;
    if (c === '\r' || c === '\n') starts.push(i + 1);
  }
  return starts;
}

function pseudoRandomText(length: number, seed: number, alphabet: string): string {
  let state = seed >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out += alphabet[(state >>> 16) % alphabet.length];
  }
  return out;
}

describe('lineStarts', () => {
  it('finds every line start, with and without CRs (the LF-only path searches natively)', () => {
    const alphabets = ['ab\n', 'abcdefghijklmnop\n', 'ab\r', 'ab\r\n', 'ab\r\n\n\r', 'abc', 'é€😀\n', '\n'];
    for (const [i, alphabet] of alphabets.entries()) {
      for (const length of [0, 1, 2, 17, 1000]) {
        const text = pseudoRandomText(length, i * 7 + length, alphabet);
        expect(lineStarts(text)).toEqual(referenceStarts(text));
      }
    }
    expect(lineStarts('a\nb\n')).toEqual([0, 2, 4]);
    expect(lineStarts('\n\n')).toEqual([0, 1, 2]);
    expect(lineStarts('a\r\nb\rc\n')).toEqual([0, 3, 5, 7]);
  });

  it('lineIndexAt finds the line of every offset', () => {
    const text = pseudoRandomText(500, 3, 'ab\n\r');
    const starts = lineStarts(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const index = lineIndexAt(starts, offset);
      expect(starts[index]!).toBeLessThanOrEqual(offset);
      if (index + 1 < starts.length) expect(starts[index + 1]!).toBeGreaterThan(offset);
    }
  });
});
