/**
 * Large text files in bounded chunks: a file over `WHOLE_FILE_BYTES` is never read into one
 * string (Node's strings end near 512 MB, and memory would grow with the file). It is decoded as
 * it is read and scanned a chunk at a time, each chunk carrying `overlap` characters of the text
 * before and after the part it owns, at least the scanner's `contextSpan`: a key that crosses a
 * chunk edge lies whole in the chunk that owns its start, and the rules read around it what they
 * read in a whole file. Memory holds one chunk and its overlaps, whatever the size of the file.
 */
import type { ScanRegion } from '@keyguard/core';
import type { TextEncoding } from './decode.js';

/** Files up to this size are read and scanned whole; larger ones in chunks. */
export const WHOLE_FILE_BYTES = 2 * 1024 * 1024;
/** Characters each chunk owns (it reports the findings that start in them). */
export const CHUNK_CHARS = 2 * 1024 * 1024;
/**
 * Bytes read at a time while a large file is streamed (git pipes 64 KB pieces too). 64 KB, not
 * 1 MB: a chunk's text is cut from fewer characters past its end, and the decoder's input stays
 * in cache: the bench corpus's 16 files over 2 MB (117 MB) took 2.31 → 2.01 s CPU, peak RSS
 * 199 → 159 MB (docs/benchmarks.md).
 */
export const READ_BYTES = 64 * 1024;
/** A chunk carries at least this much of its neighbours' text on each side (and the scanner's contextSpan). */
const MIN_OVERLAP = 64 * 1024;

/** The chunk sizes for a scanner that reads `contextSpan` characters around a value (`Scanner.contextSpan`, `contextSpanOf`). */
export function chunkSizes(contextSpan: number): ChunkSizes {
  return { chunk: CHUNK_CHARS, overlap: Math.max(MIN_OVERLAP, contextSpan) };
}

export interface TextChunk {
  /** The chunk's text: the part it owns and the overlaps around it. */
  text: string;
  /** What the chunk reports on, as offsets in `text`. */
  region: ScanRegion;
  /** File line (LF, CRLF and a lone CR end a line) of the text's first character. */
  startLine: number;
  /** 1-based column of the text's first character on that line (1 when the text starts a line). */
  startColumn: number;
  /** The same line counted as git counts lines (LF only), to map a diff's added lines. */
  startLfLine: number;
}

export interface ChunkSizes {
  chunk: number;
  overlap: number;
}

/**
 * Cuts text fed in pieces (decoded as it is read) into chunks. Each chunk owns `chunk`
 * characters (the last one what is left) and carries up to `overlap` characters on each side.
 * A chunk's text starts at a line start where there is one in the first half of its leading
 * overlap; otherwise it starts in the middle of a line, and directives on that first partial
 * line are not honoured (see ScanRegion.directivesFrom).
 */
export class TextChunker {
  /** Text not yet dropped, from global offset `base`. */
  private buffer = '';
  private base = 0;
  /** Global offset where the next chunk's owned part starts. */
  private owned = 0;
  /** Line counts up to `base`: lines ended (CR/LF/CRLF), LF bytes, offset of the line holding `base`. */
  private lines = 0;
  private lfs = 0;
  private lineStart = 0;
  /** A CR was the last character dropped: an LF right after it ends no further line. */
  private droppedCr = false;

  constructor(private readonly sizes: ChunkSizes) {
    if (sizes.overlap < 1 || sizes.chunk < 1) throw new Error('chunk sizes must be positive');
  }

  /** Adds decoded text; returns the chunks it completed. */
  push(text: string): TextChunk[] {
    this.buffer += text;
    const out: TextChunk[] = [];
    // a chunk is complete once its owned part and its trailing overlap (plus one character, to
    // see whether a CR there is followed by LF) are in the buffer
    while (this.buffer.length + this.base > this.owned + this.sizes.chunk + this.sizes.overlap) {
      out.push(this.emit(this.owned + this.sizes.chunk));
    }
    return out;
  }

  /** The last chunk (none for an empty text that was never started). */
  end(): TextChunk[] {
    if (this.buffer.length + this.base <= this.owned && this.owned > 0) return [];
    return [this.emit(this.base + this.buffer.length)];
  }

  private emit(ownedEnd: number): TextChunk {
    const textEnd = Math.min(this.base + this.buffer.length, ownedEnd + this.sizes.overlap);
    const chunk: TextChunk = {
      text: this.buffer.slice(0, textEnd - this.base),
      region: { from: this.owned - this.base, to: ownedEnd - this.base },
      startLine: this.lines + 1,
      startColumn: this.base - this.lineStart + 1,
      startLfLine: this.lfs + 1,
    };
    if (this.base !== this.lineStart) {
      const firstLineEnd = nextLineStart(chunk.text, 0);
      chunk.region.directivesFrom = firstLineEnd === -1 ? chunk.text.length : firstLineEnd;
    }
    this.owned = ownedEnd;
    // the next chunk starts `overlap` before its owned part, moved forward to a line start when
    // one is near: a chunk that starts a line reads its directives as the whole file does
    let next = Math.max(this.base, ownedEnd - this.sizes.overlap);
    const lineStartNear = nextLineStart(this.buffer, next - this.base);
    if (lineStartNear !== -1 && this.base + lineStartNear <= ownedEnd - this.sizes.overlap / 2) next = this.base + lineStartNear;
    // never between the CR and LF of a CRLF
    if (next > this.base && this.buffer.charCodeAt(next - this.base - 1) === 13 && this.buffer.charCodeAt(next - this.base) === 10) next++;
    this.drop(next - this.base);
    return chunk;
  }

  /**
   * Drops `count` characters from the buffer's start, counting the lines they end. The line ends
   * are found by the native string search, not by reading every character in JS: that loop was
   * the chunked path's largest cost (0.7 s of a 6 s CPU profile of the bench corpus, whose 15
   * files over 2 MB hold 117 MB).
   */
  private drop(count: number): void {
    if (count <= 0) return;
    const text = this.buffer;
    const part = text.slice(0, count);
    let lfs = 0;
    let lastLf = -1;
    for (let i = part.indexOf('\n'); i !== -1; i = part.indexOf('\n', i + 1)) {
      lfs++;
      lastLf = i;
    }
    // a forward search first: most text holds no CR, and lastIndexOf would read the whole part
    // backwards without the native search's speed
    const firstCr = part.indexOf('\r');
    const lastCr = firstCr === -1 ? -1 : part.lastIndexOf('\r');
    // every LF and CR ends a line, but the LF of a CRLF (a CR last in the part counts here, and
    // the LF after it, first in the next part, does not)
    let lines = lfs;
    for (let i = firstCr; i !== -1; i = part.indexOf('\r', i + 1)) if (part.charCodeAt(i + 1) !== 10) lines++;
    if (this.droppedCr && part.charCodeAt(0) === 10) lines--;
    this.lfs += lfs;
    this.lines += lines;
    const lastEnd = Math.max(lastLf, lastCr);
    if (lastEnd !== -1) this.lineStart = this.base + lastEnd + 1;
    this.droppedCr = part.charCodeAt(count - 1) === 13;
    this.buffer = text.slice(count);
    this.base += count;
  }
}

/** Offset just after the first line end at or after `from`, or -1 (native searches, as in drop). */
function nextLineStart(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  const cr = text.indexOf('\r', from);
  if (cr !== -1 && (lf === -1 || cr < lf)) return text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
  return lf === -1 ? -1 : lf + 1;
}

/** Decodes byte pieces (UTF-8 or UTF-16, a leading BOM dropped) and cuts them into chunks. */
export async function* chunksOf(pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, encoding: TextEncoding, sizes: ChunkSizes): AsyncGenerator<TextChunk> {
  const decoder = new TextDecoder(encoding, { fatal: false });
  const chunker = new TextChunker(sizes);
  for await (const piece of pieces) yield* chunker.push(decoder.decode(piece, { stream: true }));
  yield* chunker.push(decoder.decode());
  yield* chunker.end();
}
