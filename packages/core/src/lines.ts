/**
 * Line ends as every editor counts them: LF, CRLF and a lone CR each end a line. Line numbers
 * of findings and the lines directives target are counted the same way, so a file with CR-only
 * line ends is not one long line to which a single directive applies.
 */

export function isLineEnd(c: number): boolean {
  return c === 10 || c === 13;
}

/** How far past the known span a walker reads forward to reach a new offset, instead of starting over there. */
const CATCH_UP = 4096;

/**
 * The line around offsets that arrive in (roughly) increasing order, as keyword hits do, for
 * windows clipped to a line. It keeps a span known to hold no line end and only extends it, so
 * hits along one long line read each character about once, instead of a window's width per hit
 * (`q~q~q~…` on one line made every hit walk 768 characters, 8,500 for a long window).
 */
export class LineWalker {
  /** [lo, hi) holds no line end; `at` of the last query is inside it. */
  private lo = 0;
  private hi = 0;
  /** lo is where a line starts (the text's start or just after a line end). */
  private loIsStart = true;
  /** hi is where a line ends (the text's end or a line end character). */
  private hiIsEnd = false;
  private text: string;

  constructor(text: string) {
    this.text = text;
  }

  /**
   * Reads `text` from now on, as a new LineWalker of it would. A scanner keeps its walkers for its
   * life: the hidden class of walkers made per text died at a full GC, and with it the optimized
   * code of the scan loop's per-hit steps that had inlined them (docs/benchmarks.md, h36).
   */
  reset(text: string): void {
    this.text = text;
    this.lo = 0;
    this.hi = 0;
    this.loIsStart = true;
    this.hiIsEnd = false;
  }

  /** Where the line holding `at` starts, or `min` when it starts before `min`. */
  startOf(at: number, min: number): number {
    this.enter(at);
    if (this.lo > min && !this.loIsStart) {
      const { text } = this;
      let lo = this.lo;
      while (lo > min && !isLineEnd(text.charCodeAt(lo - 1))) lo--;
      this.lo = lo;
      this.loIsStart = lo === 0 || isLineEnd(text.charCodeAt(lo - 1));
    }
    return Math.max(this.lo, min);
  }

  /** Where the line holding `at` ends (its line end character, or the text's end), or `max` when it ends after `max`. */
  endOf(at: number, max: number): number {
    this.enter(at);
    if (this.hi < max && !this.hiIsEnd) {
      const { text } = this;
      let hi = this.hi;
      while (hi < max && !isLineEnd(text.charCodeAt(hi))) hi++;
      this.hi = hi;
      this.hiIsEnd = hi >= text.length || isLineEnd(text.charCodeAt(hi));
    }
    return Math.min(this.hi, max);
  }

  /** Makes the known span hold `at`: walks forward to it when it is close ahead, else starts over at it. */
  private enter(at: number): void {
    if (at >= this.lo && (at < this.hi || (at === this.hi && !this.hiIsEnd))) return;
    const { text } = this;
    if (at > this.hi && !this.hiIsEnd && at - this.hi <= CATCH_UP) {
      for (let i = this.hi; i < at; i++) {
        if (isLineEnd(text.charCodeAt(i))) {
          this.lo = i + 1;
          this.loIsStart = true;
        }
      }
      this.hi = at;
      return;
    }
    if (at < this.lo && !this.loIsStart && this.lo - at <= CATCH_UP) {
      // a hit a little behind the span (keywords of different lengths end in one place)
      let lo = this.lo;
      while (lo > at && !isLineEnd(text.charCodeAt(lo - 1))) lo--;
      this.lo = lo;
      if (lo === at) {
        this.loIsStart = at === 0 || isLineEnd(text.charCodeAt(at - 1));
        return;
      }
      this.loIsStart = true;
    }
    this.lo = at;
    this.hi = at;
    this.loIsStart = at === 0 || isLineEnd(text.charCodeAt(at - 1));
    this.hiIsEnd = at >= text.length || isLineEnd(text.charCodeAt(at));
  }
}

/**
 * Offsets where each line starts (index 0 = line 1). Text without a CR (nearly all) is walked by
 * the native `indexOf`, 4x faster than reading every character in JS (133 M characters of the
 * bench corpus: 76 vs 330 ms), and more on minified files with few line ends.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') === -1) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** The 0-based index of the line holding `offset`, given the text's `lineStarts`: one binary search. */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  return Math.max(0, firstAtOrAfter(starts, offset + 1) - 1);
}

/** The first index of the ascending `list` whose value is `at` or more (list.length when none is): one binary search. */
export function firstAtOrAfter(list: readonly number[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How far each side of an offset `LineAround` reads. */
const LINE_REACH = 1000;

/**
 * The line holding an offset, at most 1000 characters each side of it (what validators read as
 * `context.line`), for the few offsets of a text that reach a validator. Each is found by walking
 * from the offset: building the text's whole line index for the first one cost ~5% of a full
 * scan (a bundle of megabytes indexed for one candidate). Once the walks have read about the
 * text's length, the line index is built and searched instead, so work stays linear in the text.
 */
export class LineAround {
  #starts: number[] | undefined;
  /** Characters the walks may still read before the line index takes over. */
  #budget: number;
  private text: string;

  constructor(text: string) {
    this.text = text;
    this.#starts = undefined;
    this.#budget = text.length + 64 * 1024;
  }

  /**
   * Reads `text` from now on, as a new LineAround of it would. A scanner keeps one for its life:
   * the hidden class of one made per text died at a full GC, and with it the optimized code of
   * `of` and of the scanner's `accept` (docs/benchmarks.md, the closures of the scan loop).
   */
  reset(text: string): void {
    this.text = text;
    this.#starts = undefined;
    this.#budget = text.length + 64 * 1024;
  }

  of(at: number): string {
    const { text } = this;
    let start: number;
    let end: number;
    if (this.#starts === undefined && this.#budget > 0) {
      this.#budget -= 2 * LINE_REACH + 2;
      start = lineStartAtOrBefore(text, at, Math.max(0, at - LINE_REACH));
      end = lineStartAfter(text, at, at + LINE_REACH + 2);
    } else {
      const list = (this.#starts ??= lineStarts(text));
      const lo = lineIndexAt(list, at);
      start = Math.max(list[lo]!, at - LINE_REACH);
      end = lo + 1 < list.length ? list[lo + 1]! : text.length;
    }
    // the next line starts after its line end (CR, LF or CRLF): the line stops before it
    while (end > start && isLineEnd(text.charCodeAt(end - 1))) end--;
    return text.slice(start, Math.max(start, Math.min(end, at + LINE_REACH)));
  }
}

/** The last line start at or before `at`, or `min` when there is none after `min`. */
function lineStartAtOrBefore(text: string, at: number, min: number): number {
  for (let s = at; s > min; s--) {
    const c = text.charCodeAt(s - 1);
    // after a CR that a LF follows, the line starts after the LF
    if (c === 10 || (c === 13 && text.charCodeAt(s) !== 10)) return s;
  }
  return min;
}

/** The first line start after `at`, the text's end, or `limit` when it is past `limit`. */
function lineStartAfter(text: string, at: number, limit: number): number {
  let q = at;
  for (const n = Math.min(text.length, limit); q < n; q++) {
    const c = text.charCodeAt(q);
    if (c === 10) return q + 1;
    if (c === 13) return text.charCodeAt(q + 1) === 10 ? q + 2 : q + 1;
  }
  return q;
}

/** Offsets → 1-based line and UTF-16 column. */
export class LineIndex {
  private readonly starts: number[];
  constructor(text: string) {
    this.starts = lineStarts(text);
  }
  position(offset: number): { line: number; column: number } {
    const index = lineIndexAt(this.starts, offset);
    return { line: index + 1, column: offset - this.starts[index]! + 1 };
  }
}

/**
 * git numbers lines by their LF bytes only. Maps the git-numbered lines of `text` (e.g. the
 * lines a diff adds) to the lines of the text as keyguard numbers them, every line they overlap:
 * a key on an added line of a CR-only file is reported, never filtered out by a line mismatch.
 */
export function linesOverlappingLfLines(text: string, lfLines: ReadonlySet<number>): Set<number> {
  if (!text.includes('\r')) return new Set(lfLines);
  const lfStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lfStarts.push(i + 1);
  const index = new LineIndex(text);
  const lines = new Set<number>();
  for (const lf of lfLines) {
    const start = lfStarts[lf - 1];
    if (start === undefined) continue;
    const end = Math.max(start, (lfStarts[lf] ?? text.length + 1) - 1);
    for (let l = index.position(start).line, last = index.position(end).line; l <= last; l++) lines.add(l);
  }
  return lines;
}
