/**
 * Turning bytes from disk or git into text the engine can scan.
 *
 * Text is UTF-8 (a UTF-8 BOM is dropped), or UTF-16 LE / BE, which Windows tools write
 * (PowerShell `>` and `Out-File`, .NET resource and config files, `.reg` exports): recognised by
 * its BOM (FF FE / FE FF), or without one when the first 8 KB are mostly ASCII with a NUL as every
 * other byte. A file is binary when it starts with the signature of a binary format (PNG, ZIP,
 * ELF, …), or when its first 8 KB hold a NUL and more than 1 in 20 of them are NUL or other
 * control bytes no text holds (compressed and random data: about 1 in 10). Not git's rule (any
 * NUL in the first 8 KB): a text file with a stray NUL is still text, and a key in it is found.
 * Columns are counted in UTF-16 code units of the decoded text, as for UTF-8 files.
 */

export const BINARY_SNIFF_BYTES = 8 * 1024;

/** Control characters text without a BOM may hold: tab, LF, VT, FF, CR and ESC (colours in a saved log). */
const CONTROLS_IN_TEXT = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b]);

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

const decoders = {
  'utf-8': new TextDecoder('utf-8', { fatal: false }),
  'utf-16le': new TextDecoder('utf-16le', { fatal: false }),
  'utf-16be': new TextDecoder('utf-16be', { fatal: false }),
} satisfies Record<TextEncoding, unknown>;

/**
 * How the bytes are text, or undefined when they are binary. `bytes` may be only the start of a
 * file (at least its first 8 KB) whose whole length is `length`.
 */
export function detectEncoding(bytes: Uint8Array, length = bytes.length): TextEncoding | undefined {
  if (bytes.length >= 2) {
    const bom = bytes[0]! === 0xff && bytes[1]! === 0xfe ? 'utf-16le' : bytes[0]! === 0xfe && bytes[1]! === 0xff ? 'utf-16be' : undefined;
    // A UTF-16 BOM before units that are not text (a NUL unit — also how a UTF-32 LE BOM starts —
    // or a lone surrogate, as random bytes give) is a binary file that starts with those 2 bytes.
    if (bom) return looksLikeUtf16(bytes, bom, 2, false) ? bom : undefined;
  }
  if (BINARY_SIGNATURES.some((signature) => startsWith(bytes, signature))) return undefined;
  const sniffed = bytes.subarray(0, BINARY_SNIFF_BYTES);
  // no NUL: text (the native search is all most files cost; data without a NUL in 8 KB is rare)
  if (sniffed.indexOf(0) < 0) return 'utf-8';
  // NUL bytes: UTF-16 without a BOM if its text is plain enough to be sure
  if (length % 2 === 0) {
    if (looksLikeUtf16(bytes, 'utf-16le', 0, true)) return 'utf-16le';
    if (looksLikeUtf16(bytes, 'utf-16be', 0, true)) return 'utf-16be';
  }
  // else UTF-8 text with a stray NUL, unless control bytes are too many for text
  return controlCount(sniffed) * 20 > sniffed.length ? undefined : 'utf-8';
}

/** Starts of binary formats whose first bytes could pass for text (few NUL or control bytes). */
const BINARY_SIGNATURES: readonly Uint8Array[] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x50, 0x4b, 0x03, 0x04], // ZIP (jar, docx, xlsx, apk)
  [0x50, 0x4b, 0x05, 0x06], // empty ZIP
  [0x1f, 0x8b], // gzip
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x00, 0x61, 0x73, 0x6d], // WebAssembly
  [0xfe, 0xed, 0xfa, 0xce], // Mach-O
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbe], // Java class, universal Mach-O
  [0x77, 0x4f, 0x46, 0x46], // wOFF
  [0x77, 0x4f, 0x46, 0x32], // wOF2
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], // xz
  [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00], // SQLite format 3
].map((signature) => Uint8Array.from(signature));

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** A byte no text holds: NUL and the C0 controls but tab, line breaks, FF and ESC, and DEL. */
function isControl(byte: number): boolean {
  return (byte < 0x20 && !CONTROLS_IN_TEXT.has(byte)) || byte === 0x7f;
}

function controlCount(bytes: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < bytes.length; i++) if (isControl(bytes[i]!)) count++;
  return count;
}

/** Binary by detectEncoding's rule: a known binary signature, or too many control bytes for text (see above). */
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
