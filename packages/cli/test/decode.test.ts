import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding, isBinary } from '../src/sources/decode.js';

const LE_BOM = Buffer.from([0xff, 0xfe]);
const BE_BOM = Buffer.from([0xfe, 0xff]);

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** Deterministic pseudo-random bytes (a fixed LCG), so a failure can be replayed. */
function pseudoRandomBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

const text = 'line 1\r\nconst café = "x";\r\n\tlast 😀 line\n';

describe('text encodings', () => {
  it('decodes UTF-16 LE and BE by their BOM, dropping the BOM and keeping CRLF and surrogate pairs', () => {
    for (const [bytes, encoding] of [
      [Buffer.concat([LE_BOM, Buffer.from(text, 'utf16le')]), 'utf-16le'],
      [Buffer.concat([BE_BOM, utf16be(text)]), 'utf-16be'],
    ] as const) {
      expect(detectEncoding(bytes)).toBe(encoding);
      expect(isBinary(bytes)).toBe(false);
      expect(decodeText(bytes)).toBe(text);
    }
  });

  it('decodes UTF-8 with and without a BOM (the BOM is dropped)', () => {
    const bytes = Buffer.from(text);
    expect(detectEncoding(bytes)).toBe('utf-8');
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]))).toBe(text);
    expect(decodeText(bytes)).toBe(text);
  });

  it('recognises BOM-less UTF-16 of mostly ASCII text, in either byte order', () => {
    const ascii = 'KEY=value\r\nOTHER=2\r\n';
    expect(detectEncoding(Buffer.from(ascii, 'utf16le'))).toBe('utf-16le');
    expect(detectEncoding(utf16be(ascii))).toBe('utf-16be');
    expect(decodeText(Buffer.from(ascii, 'utf16le'))).toBe(ascii);
    expect(decodeText(utf16be(ascii))).toBe(ascii);
  });

  it('accepts a surrogate pair cut in two by the 8 KB sniff window', () => {
    // BOM (2 bytes) + 4095 units puts the emoji's high surrogate in the window's last unit.
    const cut = `${'a'.repeat(4095)}😀 tail`;
    const bytes = Buffer.concat([LE_BOM, Buffer.from(cut, 'utf16le')]);
    expect(detectEncoding(bytes)).toBe('utf-16le');
    expect(decodeText(bytes)).toBe(cut);
  });

  it('replaces a trailing odd byte after a BOM with U+FFFD instead of calling the file binary', () => {
    const bytes = Buffer.concat([LE_BOM, Buffer.from('abc', 'utf16le'), Buffer.from([0x41])]);
    expect(decodeText(bytes)).toBe('abc\uFFFD');
  });
});

describe('binary files', () => {
  it('stay binary when they merely start with a UTF-16 BOM (random bytes hold lone surrogates or NUL units)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      for (const bom of [LE_BOM, BE_BOM]) {
        const bytes = Buffer.concat([bom, pseudoRandomBytes(1024, seed)]);
        expect(isBinary(bytes), `seed ${seed}`).toBe(true);
      }
    }
  });

  it('stay binary with a UTF-32 BOM or the signature of a binary format', () => {
    expect(isBinary(Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('a\0\0\0b\0\0\0')]))).toBe(true);
    expect(isBinary(Buffer.from([0x00, 0x00, 0xfe, 0xff, 0, 0, 0, 0x61]))).toBe(true);
    expect(isBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe(true);
    // signatures that need no NUL byte: a gzip stream, a JPEG, a ZIP that starts with text
    expect(isBinary(Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('token = 1\n'.repeat(100))]))).toBe(true);
    expect(isBinary(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF text')]))).toBe(true);
    expect(isBinary(Buffer.from('PK\u0003\u0004config.json'))).toBe(true);
  });

  it('random and compressed bytes are binary; UTF-8 text with a stray NUL is text, decoded with it', () => {
    for (let seed = 1; seed <= 200; seed++) expect(isBinary(pseudoRandomBytes(4096, seed)), `seed ${seed}`).toBe(true);
    for (const text of ['const a = 1;\0const b = 2;\n', 'const a = 1;\0const b = 2;\n\n', `${'export const a = 1;\n'.repeat(400)}\0\0\0\n`]) {
      expect(detectEncoding(Buffer.from(text))).toBe('utf-8');
      expect(decodeText(Buffer.from(text))).toBe(text);
    }
    // more than 1 in 20 bytes control characters no text holds: binary
    expect(isBinary(Buffer.from(`${'abcdefghijklmnopqrs'}\0`.repeat(100)))).toBe(false);
    expect(isBinary(Buffer.from(`${'abcdefghijklmnopq'}\0\u0001`.repeat(100)))).toBe(true);
  });

  it('stay binary without a BOM when the UTF-16 reading holds control characters or is mostly not ASCII', () => {
    // NUL every other byte, but with a control character no text holds.
    expect(isBinary(Buffer.from('abc\u0001def', 'utf16le'))).toBe(true);
    expect(isBinary(Buffer.from('abc\u0085def', 'utf16le'))).toBe(true);
    // Mostly CJK: no NUL byte pattern to go by, so without a BOM it stays binary (it holds a NUL).
    expect(isBinary(Buffer.from('秘密の鍵です\u0100\u0200a', 'utf16le'))).toBe(true);
    // The same text with a BOM is UTF-16.
    expect(isBinary(Buffer.concat([LE_BOM, Buffer.from('秘密の鍵です\u0100\u0200a', 'utf16le')]))).toBe(false);
  });

  it('still reads only the first 8 KB', () => {
    const controls = Buffer.alloc(8 * 1024, 1);
    expect(isBinary(Buffer.concat([Buffer.from('a'.repeat(8 * 1024)), Buffer.from([0]), controls]))).toBe(false);
    expect(isBinary(Buffer.concat([Buffer.from('a'.repeat(7 * 1024)), Buffer.from([0]), controls]))).toBe(true);
  });
});
