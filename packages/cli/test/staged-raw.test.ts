import { describe, expect, it } from 'vitest';
import { parseRawDiff } from '../src/git/diff.js';
import { utf16TextLines } from '../src/sources/staged.js';

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

describe('utf16TextLines', () => {
  const encode = (text: string, order: 'le' | 'be', bom = true) => {
    const le = Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf16le');
    return order === 'le' ? le : Buffer.from(le).swap16();
  };

  it('maps git’s byte-counted lines onto the decoded lines, LE and BE, with and without a BOM', () => {
    const text = 'a\r\nb\r\nc\r\n';
    for (const [order, bom] of [['le', true], ['be', true], ['le', false], ['be', false]] as const) {
      const bytes = encode(text, order, bom);
      for (const line of [1, 2, 3]) expect(utf16TextLines(bytes, text, new Set([line])), `${order} bom=${bom} line ${line}`).toEqual(new Set([line]));
    }
  });

  it('follows a character holding a 0x0A byte, which git counts as one more line', () => {
    // U+4E0A is 0A 4E in UTF-16 LE and 4E 0A in BE: git sees 4 lines where the text has 3
    const text = '# \u4E0A note\r\nkey = value\r\nend\r\n';
    for (const order of ['le', 'be'] as const) {
      const bytes = encode(text, order);
      const byteLines = bytes.filter((b) => b === 0x0a).length;
      expect(byteLines).toBe(4);
      expect(utf16TextLines(bytes, text, new Set([3])), order).toEqual(new Set([2]));
      expect(utf16TextLines(bytes, text, new Set([4])), order).toEqual(new Set([3]));
    }
  });
});
