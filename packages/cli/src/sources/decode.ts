/**
 * Turning bytes from disk or git into text the engine can scan.
 *
 * Text is UTF-8 (a UTF-8 BOM is dropped), or UTF-16 LE / BE, which Windows tools write
 * (PowerShell `>` and `Out-File`, .NET resource and config files, `.reg` exports): recognised by
 * its BOM (FF FE / FE FF), or without one when the first 8 KB are mostly ASCII with a NUL as every
 * other byte. Anything else with a NUL byte in its first 8 KB is binary (git's own heuristic).
 * Columns are counted in UTF-16 code units of the decoded text, as for UTF-8 files.
 */

const BINARY_SNIFF_BYTES = 8 * 1024;

/** Control characters text without a BOM may hold: tab, LF, VT, FF, CR and ESC (colours in a saved log). */
const CONTROLS_IN_TEXT = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b]);

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

const decoders = {
  'utf-8': new TextDecoder('utf-8', { fatal: false }),
  'utf-16le': new TextDecoder('utf-16le', { fatal: false }),
  'utf-16be': new TextDecoder('utf-16be', { fatal: false }),
} satisfies Record<TextEncoding, unknown>;

/** How the bytes are text, or undefined when they are binary. */
export function detectEncoding(bytes: Uint8Array): TextEncoding | undefined {
  if (bytes.length >= 2) {
    const bom = bytes[0]! === 0xff && bytes[1]! === 0xfe ? 'utf-16le' : bytes[0]! === 0xfe && bytes[1]! === 0xff ? 'utf-16be' : undefined;
    // A UTF-16 BOM before units that are not text (a NUL unit — also how a UTF-32 LE BOM starts —
    // or a lone surrogate, as random bytes give) is a binary file that starts with those 2 bytes.
    if (bom) return looksLikeUtf16(bytes, bom, 2, false) ? bom : undefined;
  }
  const sniffed = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sniffed.indexOf(0) < 0) return 'utf-8';
  // NUL bytes: UTF-16 without a BOM if its text is plain enough to be sure, else binary.
  if (bytes.length % 2 !== 0) return undefined;
  if (looksLikeUtf16(bytes, 'utf-16le', 0, true)) return 'utf-16le';
  if (looksLikeUtf16(bytes, 'utf-16be', 0, true)) return 'utf-16be';
  return undefined;
}

/** A NUL byte in the first 8 KB marks a file as binary, unless it is UTF-16 text (see above). */
export function isBinary(bytes: Uint8Array): boolean {
  return detectEncoding(bytes) === undefined;
}

/**
 * The text of bytes that are not binary: invalid sequences replaced by U+FFFD (one code unit
 * each, so columns after them still line up with what an editor shows) and a leading BOM
 * dropped. Binary bytes decode as UTF-8. A source that has run `detectEncoding` passes its answer.
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding = detectEncoding(bytes) ?? 'utf-8'): string {
  return decoders[encoding].decode(bytes);
}

export function skippedForSize(size: number, maxFileSize: number): string {
  return `larger than maxFileSize (${size} > ${maxFileSize} bytes)`;
}

/**
 * Whether the UTF-16 code units in the first 8 KB from `start` are text: no U+0000 and no lone
 * surrogate. Without a BOM (`strict`) also no control character but tab, line breaks and ESC, and
 * at least half the units ASCII — which is what tells LE from BE: ASCII in one byte order is
 * U+xx00 in the other, never ASCII, and UTF-8 text with a stray NUL pairs its bytes into units that
 * are not ASCII either.
 */
function looksLikeUtf16(bytes: Uint8Array, order: 'utf-16le' | 'utf-16be', start: number, strict: boolean): boolean {
  const end = Math.min(bytes.length, start + BINARY_SNIFF_BYTES);
  const [low, high] = order === 'utf-16le' ? [0, 1] : [1, 0];
  let units = 0;
  let ascii = 0;
  let pendingHigh = false;
  for (let i = start; i + 1 < end; i += 2) {
    const unit = bytes[i + low]! | (bytes[i + high]! << 8);
    units++;
    // A high surrogate must be followed by a low one, and a low one must follow a high one.
    const isLowSurrogate = unit >= 0xdc00 && unit <= 0xdfff;
    if (pendingHigh !== isLowSurrogate) return false;
    pendingHigh = unit >= 0xd800 && unit <= 0xdbff;
    if (unit === 0) return false;
    if (unit < 0x80) {
      ascii++;
      if (strict && unit < 0x20 && !CONTROLS_IN_TEXT.has(unit)) return false;
    } else if (strict && unit < 0xa0) {
      return false; // C1 controls
    }
  }
  // A high surrogate last is accepted: the window cut a pair in two, or the file ends in U+FFFD.
  return !strict || (units > 0 && ascii * 2 >= units);
}
