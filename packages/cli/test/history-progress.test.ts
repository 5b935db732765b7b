import { describe, expect, it } from 'vitest';
import { createProgressLine, progressEnabled } from '../src/workers/progress.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY, written, write: (chunk: string) => written.push(chunk) > 0 } as unknown as NodeJS.WriteStream & { written: string[] };
}

describe('history scan progress line', () => {
  it('shows only on a terminal and never in CI', () => {
    expect(progressEnabled(fakeStream(true), {})).toBe(true);
    expect(progressEnabled(fakeStream(false), {})).toBe(false);
    expect(progressEnabled(fakeStream(true), { CI: 'true' })).toBe(false);
    expect(progressEnabled(fakeStream(true), { CI: 'false' })).toBe(true);
  });

  it('redraws one line and clears it when done', () => {
    const stream = fakeStream(true);
    const saved = process.env.CI;
    delete process.env.CI;
    try {
      const line = createProgressLine(stream, 0);
      line.update('3 commits');
      line.done();
    } finally {
      if (saved !== undefined) process.env.CI = saved;
    }
    expect(stream.written).toEqual(['\r\u001b[2K3 commits', '\r\u001b[2K']);
  });

  it('writes nothing when disabled', () => {
    const stream = fakeStream(false);
    const line = createProgressLine(stream, 0);
    line.update('x');
    line.done();
    expect(stream.written).toEqual([]);
  });
});
