import { describe, expect, it } from 'vitest';
import { createScanner, ignoreCommentFor } from '@keyguard/core';
import { testSecret } from '@keyguard/core/testing';

describe('ignoreCommentFor', () => {
  it.each([
    ['src/pay.ts', '// keyguard-ignore-next-line github-pat -- <reason>'],
    ['README.md', '<!-- keyguard-ignore-next-line github-pat -- <reason> -->'],
    ['deploy/values.yaml', '# keyguard-ignore-next-line github-pat -- <reason>'],
    ['.env.example', '# keyguard-ignore-next-line github-pat -- <reason>'],
    ['db/seed.sql', '-- keyguard-ignore-next-line github-pat -- <reason>'],
    ['notes.unknownext', '// keyguard-ignore-next-line github-pat -- <reason>'],
  ])('%s: %s', (file, comment) => {
    expect(ignoreCommentFor(file, 'github-pat')).toBe(comment);
  });

  it('writes a comment the scanner honours in that file', () => {
    const scanner = createScanner();
    const key = testSecret('github-pat');
    for (const [file, line] of [
      ['README.md', `token: ${key}`],
      ['deploy/values.yaml', `token: ${key}`],
      ['src/pay.ts', `export const token = '${key}';`],
    ] as const) {
      expect(scanner.scan(`${line}\n`, file).findings.length, file).toBeGreaterThan(0);
      const reason = ignoreCommentFor(file, 'github-pat', 'reason: documented sample value');
      expect(scanner.scan(`${reason}\n${line}\n`, file).findings, file).toEqual([]);
    }
  });
});
