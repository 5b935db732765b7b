import { createScanner, lineStarts } from '@keyguard/core';
import { pseudoRandomText } from '@keyguard/core/testing';
import { describe, expect, it } from 'vitest';
import { chunksOf, TextChunker, type TextChunk } from '../src/sources/chunks.js';
import { scanUnit } from '../src/scan/unit.js';

function chunk(text: string, sizes: { chunk: number; overlap: number }, piece: number): TextChunk[] {
  const chunker = new TextChunker(sizes);
  const out: TextChunk[] = [];
  for (let at = 0; at < text.length; at += piece) out.push(...chunker.push(text.slice(at, at + piece)));
  out.push(...chunker.end());
  return out;
}

describe('TextChunker', () => {
  const alphabets = ['ab\n', 'ab\r', 'ab\r\n', 'abcdefgh\r\n\n\r', 'abcdefghijklmnopqrstuvwxyz'];
  it('owns every character exactly once, carries its overlaps, and knows where each chunk starts (line, column, LF line)', () => {
    for (const [i, alphabet] of alphabets.entries()) {
      for (const sizes of [
        { chunk: 50, overlap: 20 },
        { chunk: 7, overlap: 3 },
        { chunk: 100, overlap: 1 },
      ]) {
        for (const piece of [1, 13, 1000]) {
          const text = pseudoRandomText(1000, i * 31 + sizes.chunk + piece, alphabet);
          const starts = lineStarts(text);
          const chunks = chunk(text, sizes, piece);
          let owned = 0;
          let start = 0;
          for (const c of chunks) {
            // where the chunk's text sits in the whole text
            start = text.indexOf(c.text, Math.max(0, owned - sizes.overlap - 2));
            expect(text.slice(start, start + c.text.length)).toBe(c.text);
            expect(start + c.region.from).toBe(owned);
            const line = starts.filter((at) => at <= start).length;
            expect([c.startLine, c.startColumn]).toEqual([line, start - starts[line - 1]! + 1]);
            expect(c.startLfLine).toBe(text.slice(0, start).split('\n').length);
            // the leading overlap: at least half of it (the start moves to a line start), never more
            expect(c.region.from).toBeLessThanOrEqual(sizes.overlap);
            if (owned > 0) expect(c.region.from).toBeGreaterThanOrEqual(Math.min(owned, Math.floor(sizes.overlap / 2)));
            // the trailing overlap is whole, up to the end of the text
            expect(c.text.length - c.region.to).toBe(Math.min(sizes.overlap, text.length - (start + c.region.to)));
            // a chunk that starts mid-line does not honour directives before its first line end
            expect(c.region.directivesFrom !== undefined).toBe(c.startColumn !== 1);
            owned = start + c.region.to;
          }
          expect(owned).toBe(text.length);
        }
      }
    }
  });

  it('never starts a chunk between the CR and the LF of a CRLF', () => {
    const text = 'x\r\n'.repeat(500);
    for (const c of chunk(text, { chunk: 10, overlap: 4 }, 7)) expect(c.text.startsWith('\n')).toBe(false);
  });

  it('gives an empty text one empty chunk', () => {
    expect(chunk('', { chunk: 10, overlap: 4 }, 1)).toEqual([{ text: '', region: { from: 0, to: 0 }, startLine: 1, startColumn: 1, startLfLine: 1 }]);
  });
});

describe('scanning in chunks', () => {
  const scanner = createScanner();
  const part = ['gh', 'p_'].join('');
  const body = 'Qx7bN2kLm9PzR4tV8wY1cD5fG3hJ6sA0eU2iO7';
  const key = (n: number) => `${part}${body.slice(0, 30)}${String(n).padStart(6, '0')}`;

  it('finds what a scan of the whole text finds, once each, at the same line and column, whatever cuts the text', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) lines.push(i % 37 === 5 ? `const token${i} = "${key(i)}";` : `export const value${i} = ${i};`);
    const oneLine = lines.join(' ');
    for (const text of [lines.join('\n'), lines.join('\r\n'), lines.join('\r'), oneLine]) {
      const whole = scanner.scan(text, 'a.js').findings.map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.match}`);
      expect(whole.length).toBeGreaterThan(5);
      for (const sizes of [
        { chunk: 500, overlap: 200 },
        { chunk: 97, overlap: 60 },
      ]) {
        const found: string[] = [];
        for await (const c of chunksOf([Buffer.from(text)], 'utf-8', sizes)) {
          const result = scanUnit(scanner, { file: 'a.js', bytes: c.text.length, blocks: [{ startLine: c.startLine, startColumn: c.startColumn, text: c.text, region: c.region }] });
          found.push(...result.findings.map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.match}`));
        }
        expect(found).toEqual(whole);
      }
    }
  });

  it('honours a directive once, and not on the first line of a chunk that starts mid-line', async () => {
    const text = `${'let a = 1;\n'.repeat(30)}// keyguard-ignore-next-line\nconst t = "${key(1)}";\n`;
    const directives: number[] = [];
    let findings = 0;
    let suppressed = 0;
    for await (const c of chunksOf([Buffer.from(text)], 'utf-8', { chunk: 100, overlap: 100 })) {
      const result = scanUnit(scanner, { file: 'a.js', bytes: 0, blocks: [{ startLine: c.startLine, startColumn: c.startColumn, text: c.text, region: c.region }] });
      directives.push(...result.directives.map((d) => d.line));
      findings += result.findings.length;
      suppressed += result.suppressed.length;
    }
    expect(directives).toEqual([31]);
    expect([findings, suppressed]).toEqual([0, 1]);
    // A string that holds a comment opener, cut so that the chunk starts after its quote: the
    // marker would look like a comment, so it is not honoured there and the key is reported.
    const tricky = `const s = "${'x'.repeat(300)} // keyguard-ignore"; const t = "${key(2)}";\n`;
    let reported = 0;
    for await (const c of chunksOf([Buffer.from(tricky)], 'utf-8', { chunk: 290, overlap: 40 })) {
      reported += scanUnit(scanner, { file: 'a.js', bytes: 0, blocks: [{ startLine: c.startLine, startColumn: c.startColumn, text: c.text, region: c.region }] }).findings.length;
    }
    expect(reported).toBe(1);
  });
});
