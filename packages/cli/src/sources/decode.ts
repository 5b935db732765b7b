/** Turning bytes from disk or git into text the engine can scan. */

const BINARY_SNIFF_BYTES = 8 * 1024;

/** A NUL byte in the first 8 KB marks a file as binary (git's own heuristic). */
export function isBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * UTF-8 with invalid sequences replaced by U+FFFD (one code unit each, so columns after them
 * still line up with what an editor shows) and a leading BOM dropped.
 */
export function decodeText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function skippedForSize(size: number, maxFileSize: number): string {
  return `larger than maxFileSize (${size} > ${maxFileSize} bytes)`;
}
