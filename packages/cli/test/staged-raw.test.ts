import { describe, expect, it } from 'vitest';
import { parseRawDiff } from '../src/sources/staged.js';

const blob = (digit: string) => digit.repeat(40);

describe('parseRawDiff', () => {
  it('reads modes, blob, status and path; renames and copies carry their source', () => {
    const fields = [
      `:100644 100644 ${blob('1')} ${blob('2')} M`,
      'src/a.ts',
      `:000000 100644 ${blob('0')} ${blob('3')} A`,
      'new\nline.ts',
      `:100644 100644 ${blob('4')} ${blob('5')} R087`,
      'old name.ts',
      'new name.ts',
      `:100644 100644 ${blob('6')} ${blob('6')} C100`,
      'orig.ts',
      'copy.ts',
      `:100644 000000 ${blob('7')} ${blob('0')} D`,
      'gone.ts',
      `:100644 120000 ${blob('8')} ${blob('9')} T`,
      '.env',
    ];
    expect(parseRawDiff(fields)).toEqual([
      { status: 'M', oldMode: '100644', newMode: '100644', newBlob: blob('2'), path: 'src/a.ts' },
      { status: 'A', oldMode: '000000', newMode: '100644', newBlob: blob('3'), path: 'new\nline.ts' },
      { status: 'R', oldMode: '100644', newMode: '100644', newBlob: blob('5'), from: 'old name.ts', path: 'new name.ts' },
      { status: 'C', oldMode: '100644', newMode: '100644', newBlob: blob('6'), from: 'orig.ts', path: 'copy.ts' },
      { status: 'D', oldMode: '100644', newMode: '000000', newBlob: blob('0'), path: 'gone.ts' },
      { status: 'T', oldMode: '100644', newMode: '120000', newBlob: blob('9'), path: '.env' },
    ]);
  });

  it('fails loudly on output it does not understand', () => {
    expect(() => parseRawDiff(['not a raw record'])).toThrow(/unexpected git diff --raw output/);
  });
});
