import { describe, expect, it } from 'vitest';
import { isLineEnd, LineAround, lineIndexAt, lineStarts, LineWalker } from '../src/lines.js';
import { pseudoRandomText } from '@keyguard/core/testing';

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

/** A deterministic pseudo-random generator, so a failure reproduces. */
function generator(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
}

/**
 * A stand-in for `text` that counts the characters read through `charCodeAt` (what the walkers
 * read one at a time); `indexOf` and `slice` pass through to the text.
 */
function countingReads(text: string): { text: string; reads: () => number } {
  let reads = 0;
  const counted = {
    length: text.length,
    charCodeAt: (i: number) => {
      reads++;
      return text.charCodeAt(i);
    },
    indexOf: (s: string, from?: number) => text.indexOf(s, from),
    slice: (a: number, b: number) => text.slice(a, b),
  };
  return { text: counted as unknown as string, reads: () => reads };
}

/** The line bounds the slow way: walk from `at` to `min` / `max`, stopping at a line end. */
function naiveStart(text: string, at: number, min: number): number {
  let start = at;
  while (start > min && !isLineEnd(text.charCodeAt(start - 1))) start--;
  return start;
}
function naiveEnd(text: string, at: number, max: number): number {
  let end = at;
  while (end < max && !isLineEnd(text.charCodeAt(end))) end++;
  return end;
}

describe('LineWalker: the line around keyword hits, each character read about once', () => {
  it('agrees with a walk from each offset, over LF, CRLF and lone CR, for hits in any order and windows of any width', () => {
    const random = generator(7);
    const pieces = ['a', 'bb', 'x-api-key=', '\n', '\r\n', '\r', ' ', 'q~', '1.a', '\n\n'];
    // half the rounds read with one walker reset for each text, as a scanner keeps its walkers
    const kept = new LineWalker('');
    for (let round = 0; round < 300; round++) {
      let text = '';
      const length = 1 + random(400);
      while (text.length < length) text += pieces[random(pieces.length)]!;
      let walker = kept;
      if (round % 2 === 0) walker = new LineWalker(text);
      else kept.reset(text);
      let at = random(text.length);
      for (let query = 0; query < 60; query++) {
        // mostly forward in small steps, as hits arrive; sometimes a step back or a jump
        const step = random(10);
        at = step < 6 ? at + random(8) : step < 8 ? at - random(40) : random(text.length);
        at = Math.max(0, Math.min(text.length - 1, at));
        const before = [0, 8, 64, 256, 5000][random(5)]!;
        const after = [0, 8, 512, 8500][random(4)]!;
        const min = Math.max(0, at - before);
        const max = Math.min(text.length, at + after);
        const context = `${JSON.stringify(text)} at ${at} [${min}, ${max})`;
        if (random(2) === 0) {
          expect(walker.startOf(at, min), context).toBe(naiveStart(text, at, min));
          expect(walker.endOf(at, max), context).toBe(naiveEnd(text, at, max));
        } else {
          expect(walker.endOf(at, max), context).toBe(naiveEnd(text, at, max));
          expect(walker.startOf(at, min), context).toBe(naiveStart(text, at, min));
        }
      }
    }
  });

  it('reads a long line about once for hits along it, not a window per hit', () => {
    const text = 'q~'.repeat(50_000);
    const counted = countingReads(text);
    const walker = new LineWalker(counted.text);
    for (let at = 0; at < text.length; at += 2) {
      walker.startOf(at, Math.max(0, at - 256));
      walker.endOf(at, Math.min(text.length, at + 8500));
    }
    // a walk per hit would read 50,000 × 8,756 characters
    expect(counted.reads()).toBeLessThan(3 * text.length);
  });
});

/** The line around `at` from the whole line index, as the scanner read it before LineAround. */
function indexedLineAround(text: string, at: number): string {
  const list = referenceStarts(text);
  const lo = lineIndexAt(list, at);
  const start = Math.max(list[lo]!, at - 1000);
  let end = lo + 1 < list.length ? list[lo + 1]! : text.length;
  while (end > start && isLineEnd(text.charCodeAt(end - 1))) end--;
  return text.slice(start, Math.max(start, Math.min(end, at + 1000)));
}

describe('LineAround: the line a validator reads, walked from the offset', () => {
  it('agrees with the whole line index for every offset, before and after the walks run out of budget', () => {
    const random = generator(11);
    const pieces = ['a', 'bb', 'key=', '\n', '\r\n', '\r', ' ', 'x'.repeat(900), 'y'.repeat(1500), '\n\r\n', '\r\r'];
    for (let round = 0; round < 200; round++) {
      let text = '';
      const length = random(6000);
      while (text.length < length) text += pieces[random(pieces.length)]!;
      const around = new LineAround(text);
      // 60 queries: past ~33 the walks' budget (64K + the text's length) is spent and the index is used
      for (let query = 0; query < 60; query++) {
        const at = random(text.length + 1);
        expect(around.of(at), `round ${round} at ${at}`).toBe(indexedLineAround(text, at));
      }
    }
    for (const text of ['', 'abc', 'a\r\nb', '\r\n\r\n', 'x'.repeat(2500)]) {
      const around = new LineAround(text);
      for (let at = 0; at <= text.length; at++) expect(around.of(at)).toBe(indexedLineAround(text, at));
    }
  });

  it('reads about the length of the text for any number of offsets on one long line', () => {
    const text = 'k'.repeat(200_000);
    const counted = countingReads(text);
    const around = new LineAround(counted.text);
    for (let at = 0; at < text.length; at += 10) around.of(at);
    // a walk per offset would read 20,000 × 2,000 characters
    expect(counted.reads()).toBeLessThan(2 * text.length + 128 * 1024);
  });
});
