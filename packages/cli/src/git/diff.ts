/**
 * The one parser of git's diffs: `git log -p` (plain and `--cc` combined diffs of merges, with
 * context lines) and `git diff --cached` (`-U0`, and `--raw -z` records). It cuts a patch into
 * units — one file of one commit, as blocks of new-file lines with the added ones marked — and
 * everything that reads a diff (the staged scan's added lines, history scans) goes through it.
 * Why git is asked for this exact format: docs/decisions.md, "History scans: the git log format".
 */
import { RuntimeError } from '../errors.js';
import type { TextBlock } from '../scan/unit.js';
import { TextChunker, type ChunkSizes, type TextChunk } from '../sources/chunks.js';

/** One file of one commit: what the commit added to it, with the lines around it. */
export interface PatchUnit {
  commit: string;
  /** ISO 8601 author date. */
  authorDate: string;
  /** Path relative to the repository root, `/`-separated. */
  file: string;
  /**
   * One block per hunk that added lines: the hunk's lines of the new file (context and added),
   * with the added ones in `reportRuns`.
   */
  blocks: TextBlock[];
  /** UTF-16 length of the added text (what the size limit and the report's stats count). */
  bytes: number;
}

/** How a history parser cuts a block too large to hold whole: past `wholeBlock` characters, into chunks of these sizes. */
export interface BlockChunking extends ChunkSizes {
  wholeBlock: number;
}

export interface SkippedPatch {
  commit: string;
  file: string;
  reason: 'binary' | 'submodule' | 'too-large';
}

/** Starts each commit's header line in the `--format` of `gitLogArgs`. */
export const COMMIT_MARK = '\u0001';

/**
 * A context line longer than this is left out (the block is cut there): such lines are
 * generated text (minified bundles, lockfiles, data), which would cost more to scan than the
 * change itself and hold no name or keyword a rule reads for the line next to it.
 */
export const MAX_CONTEXT_LINE = 1024;

/** Decodes a path as git prints it: plain, or C-quoted with escapes and octal UTF-8 bytes. */
export function decodeGitPath(raw: string): string {
  return raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? unquoteC(raw) : raw;
}

/** The path of a `+++ b/path` / `--- a/path` line, or undefined for /dev/null. */
export function parseDiffPath(rest: string): string | undefined {
  if (rest === '/dev/null') return undefined;
  // git adds a TAB after a name that contains a space (for GNU patch); a TAB inside a name is
  // always quoted as \t, so a raw trailing TAB is never part of the name.
  const path = decodeGitPath(rest.replace(/\t$/, ''));
  return path.replace(/^[ab]\//, '');
}

type State = 'between' | 'header' | 'hunk';

const NO_UNITS: readonly PatchUnit[] = Object.freeze([]);

/**
 * Reads `git log` output (see `gitLogArgs`) line by line and emits a `PatchUnit` for each file
 * of each commit that added lines. Synchronous and incremental: feed lines with `push`, which
 * returns the units completed by that line; `end` flushes the last one.
 */
export class PatchParser {
  private commit = '';
  private authorDate = '';
  private state: State = 'between';
  private file: string | undefined;
  private skipFile: SkippedPatch['reason'] | undefined;
  private blocks: TextBlock[] = [];
  /** The current block: consecutive lines of the new file (context and added). */
  private blockLines: string[] = [];
  private blockStart = 0;
  /** The block's added lines as runs of line numbers [first, last, …]. */
  private blockRuns: number[] = [];
  private bytes = 0;
  /** UTF-16 length of the current block's text (its added and context lines). */
  private blockChars = 0;
  /** UTF-16 length of the current block's added lines. */
  private blockAdded = 0;
  /** Of `bytes`, what blocks cut into chunks added (their units count it). */
  private chunkedBytes = 0;
  /** The current block, once it grew past `chunking.wholeBlock`: its text goes to a chunker, not to `blockLines`. */
  private chunker: TextChunker | undefined;
  /** Units completed while reading the current line (chunks of a large block, the file's last unit). */
  private out: PatchUnit[] = [];
  /** Parents in the current hunk (1 for a normal diff, 2+ for a combined merge diff). */
  private parents = 1;
  /** Line number in the new file of the next line that exists there. */
  private nextLine = 0;
  /** Commits seen so far (for progress). */
  commits = 0;
  /** Files not scanned, once per path and reason (the newest commit that had it). */
  private readonly skips = new Map<string, SkippedPatch>();

  /**
   * @param maxUnitBytes a file's added text beyond this is skipped as too large.
   * @param chunking without it, every block is held whole; with it (history scans), a block
   * larger than `wholeBlock` is cut into chunks as it is read, each one unit of one block, by the
   * same chunker as large files (sources/chunks.ts): memory holds a chunk, not the file.
   */
  constructor(
    private readonly maxUnitBytes = Number.POSITIVE_INFINITY,
    private readonly chunking?: BlockChunking,
  ) {}

  /** Reads one line; returns the units it completed, if any. */
  push(line: string): readonly PatchUnit[] {
    // Hunk lines are the bulk of the stream: they never start with the commit mark or "diff".
    if (this.state === 'hunk') {
      const first = line.charCodeAt(0);
      if (first === 43 /* + */ || first === 45 /* - */ || first === 32 /* space */ || first === 92 /* \ */) {
        this.readHunkLine(line);
        return this.completed();
      }
    }
    if (line.startsWith(COMMIT_MARK)) {
      this.flushFile();
      const [commit = '', authorDate = ''] = line.slice(1).split(' ');
      this.commit = commit;
      this.authorDate = authorDate;
      this.state = 'between';
      this.commits++;
      return this.completed();
    }
    if (line.startsWith('diff --git ') || line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      this.flushFile();
      this.state = 'header';
      return this.completed();
    }
    if (this.state === 'header') this.readHeader(line);
    else if (this.state === 'hunk') this.readHunkLine(line);
    return this.completed();
  }

  private completed(): readonly PatchUnit[] {
    if (this.out.length === 0) return NO_UNITS;
    const out = this.out;
    this.out = [];
    return out;
  }

  get skipped(): SkippedPatch[] {
    return [...this.skips.values()];
  }

  end(): readonly PatchUnit[] {
    this.flushFile();
    return this.completed();
  }

  private readHeader(line: string): void {
    if (line.startsWith('+++ ')) {
      this.file = parseDiffPath(line.slice(4));
    } else if (line.startsWith('Binary files ')) {
      this.skip('binary', / and (.*) differ$/.exec(line)?.[1]);
    } else if (/^(new file mode|index \S+) 160000$/.test(line)) {
      this.skip('submodule', undefined);
    } else if (line.startsWith('@@')) {
      this.startHunk(line);
    }
  }

  private skip(reason: SkippedPatch['reason'], rawPath: string | undefined): void {
    this.skipFile = reason;
    if (rawPath !== undefined && !this.file) this.file = parseDiffPath(rawPath);
  }

  private startHunk(line: string): void {
    const marks = /^(@+) /.exec(line)?.[1] ?? '@@';
    this.parents = marks.length - 1;
    // New-file range: the last "+start[,count]" before the closing marks.
    const match = / \+(\d+)(?:,\d+)? @+/.exec(line);
    this.nextLine = match ? Number(match[1]) : 0;
    this.flushBlock();
    this.state = 'hunk';
  }

  private readHunkLine(line: string): void {
    if (line.startsWith('@@')) {
      this.startHunk(line);
      return;
    }
    const parents = this.parents;
    // Not a hunk line: "\ No newline at end of file", or the empty line git writes before the
    // next commit.
    if (line.length < parents || line.charCodeAt(0) === 92 /* \ */) return;
    // One column per parent: "-" in any column is a line removed against that parent, which is
    // not in the new file and never enters the scanned text. A line is added by this commit
    // only when it is "+" against every parent; a merge's line that is "+" against some parents
    // only came from another parent (whose commit reports it), and is context here like " ".
    let added = true;
    for (let i = 0; i < parents; i++) {
      const mark = line.charCodeAt(i);
      if (mark === 45 /* - */) return;
      if (mark !== 43 /* + */) added = false;
    }
    const lineNumber = this.nextLine++;
    if (this.skipFile || this.file === undefined) return;
    let text = line.slice(parents);
    if (text.charCodeAt(text.length - 1) === 13 /* \r */) text = text.slice(0, -1);
    if (!added && text.length > MAX_CONTEXT_LINE) {
      this.flushBlock();
      return;
    }
    if (!this.chunker && this.blockLines.length === 0) {
      this.blockStart = lineNumber;
      this.blockChars = 0;
      this.blockAdded = 0;
    }
    if (added) {
      const runs = this.blockRuns;
      if (runs.length > 0 && runs[runs.length - 1] === lineNumber - 1) runs[runs.length - 1] = lineNumber;
      else runs.push(lineNumber, lineNumber);
      this.bytes += text.length + 1;
      this.blockAdded += text.length + 1;
      if (this.bytes > this.maxUnitBytes) {
        this.skipFile = 'too-large';
        this.blockLines = [];
        this.blockRuns = [];
        this.blocks = [];
        this.chunker = undefined;
        this.blockChars = 0;
        return;
      }
    }
    if (this.chunker) {
      this.emitChunks(this.chunker.push(`\n${text}`));
      return;
    }
    this.blockLines.push(text);
    this.blockChars += text.length + 1;
    if (this.chunking && this.blockChars > this.chunking.wholeBlock) {
      this.chunker = new TextChunker(this.chunking);
      this.emitChunks(this.chunker.push(this.blockLines.join('\n')));
      this.blockLines = [];
    }
  }

  /** Chunks of the current (large) block, each as a unit of one block that owns the chunk's region. */
  private emitChunks(chunks: TextChunk[]): void {
    if (this.file === undefined) return;
    for (const chunk of chunks) {
      this.out.push({
        commit: this.commit,
        authorDate: this.authorDate,
        file: this.file,
        // the block's added lines, shared: they only grow, and a chunk reports only lines it holds
        blocks: [{ startLine: this.blockStart + chunk.startLine - 1, startColumn: chunk.startColumn, text: chunk.text, region: chunk.region, reportRuns: this.blockRuns }],
        bytes: chunk.region.to - chunk.region.from,
      });
    }
  }

  /** Ends the current block; a block without added lines (context around a removal) is dropped. */
  private flushBlock(): void {
    if (this.chunker) {
      this.emitChunks(this.chunker.end());
      this.chunker = undefined;
      this.chunkedBytes += this.blockAdded;
      this.blockRuns = [];
      return;
    }
    if (this.blockLines.length === 0) return;
    const runs = this.blockRuns;
    if (runs.length > 0) {
      // Only added lines: no context to tell apart (a new file, or a hunk at a context cut).
      const allAdded = runs.length === 2 && runs[0] === this.blockStart && runs[1] === this.blockStart + this.blockLines.length - 1;
      this.blocks.push({ startLine: this.blockStart, text: this.blockLines.join('\n'), ...(allAdded ? {} : { reportRuns: runs }) });
      this.blockRuns = [];
    }
    this.blockLines = [];
  }

  private flushFile(): void {
    this.flushBlock();
    if (this.skipFile && this.file !== undefined) {
      const key = `${this.skipFile}\0${this.file}`;
      if (!this.skips.has(key)) this.skips.set(key, { commit: this.commit, file: this.file, reason: this.skipFile });
    } else if (this.file !== undefined && this.blocks.length > 0) {
      this.out.push({
        commit: this.commit,
        authorDate: this.authorDate,
        file: this.file,
        blocks: this.blocks,
        bytes: this.bytes - this.chunkedBytes,
      });
    }
    this.file = undefined;
    this.skipFile = undefined;
    this.blocks = [];
    this.bytes = 0;
    this.chunkedBytes = 0;
    this.parents = 1;
    this.state = 'between';
  }
}

/**
 * Cuts a byte stream into lines (without the '\n'). Each chunk is decoded once, up to its last
 * newline, so a multi-byte character split across chunks is decoded whole; invalid UTF-8
 * becomes U+FFFD.
 */
export class LineSplitter {
  private rest: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): string[] {
    const data = this.rest.length > 0 ? Buffer.concat([this.rest, chunk]) : chunk;
    const last = data.lastIndexOf(10);
    if (last === -1) {
      this.rest = data;
      return [];
    }
    this.rest = data.subarray(last + 1);
    return data.toString('utf8', 0, last).split('\n');
  }

  end(): string[] {
    const last = this.rest.length > 0 ? [this.rest.toString('utf8')] : [];
    this.rest = Buffer.alloc(0);
    return last;
  }
}

/**
 * Which lines a diff adds (`git diff -U0`), as new-side line numbers per repo-relative path:
 * the units of `PatchParser`, flattened.
 */
export function addedLinesByPath(patch: Buffer): Map<string, Set<number>> {
  const added = new Map<string, Set<number>>();
  const parser = new PatchParser();
  const take = (units: readonly PatchUnit[]) => {
    for (const unit of units) {
      const lines = added.get(unit.file) ?? new Set<number>();
      added.set(unit.file, lines);
      for (const block of unit.blocks) {
        const runs = block.reportRuns ?? [block.startLine, block.startLine + lineCount(block.text) - 1];
        for (let i = 0; i < runs.length; i += 2) for (let line = runs[i]!; line <= runs[i + 1]!; line++) lines.add(line);
      }
    }
  };
  const splitter = new LineSplitter();
  for (const line of splitter.push(patch)) take(parser.push(line));
  for (const line of splitter.end()) take(parser.push(line));
  take(parser.end());
  return added;
}

function lineCount(text: string): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** One staged change from `git diff --cached --raw -z`. */
export interface StagedEntry {
  status: string;
  oldMode: string;
  newMode: string;
  newBlob: string;
  /** Repo-relative path in the index. */
  path: string;
  /** The source path of a rename or copy. */
  from?: string;
}

/** Parses `git diff --raw -z --no-abbrev` records. */
export function parseRawDiff(fields: string[]): StagedEntry[] {
  const entries: StagedEntry[] = [];
  for (let i = 0; i < fields.length; ) {
    const header = fields[i++]!;
    const match = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*$/.exec(header);
    if (!match) throw new RuntimeError(`unexpected git diff --raw output: ${JSON.stringify(header.slice(0, 80))}`);
    const [, oldMode, newMode, , newBlob, status] = match as unknown as [string, string, string, string, string, string];
    if (status === 'R' || status === 'C') {
      const from = fields[i++]!;
      entries.push({ status, oldMode, newMode, newBlob, from, path: fields[i++]! });
    } else {
      entries.push({ status, oldMode, newMode, newBlob, path: fields[i++]! });
    }
  }
  return entries;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Undoes git's C-style path quoting; octal escapes are raw bytes of UTF-8. */
export function unquoteC(quoted: string): string {
  const body = Array.from(quoted.replace(/^"/, '').replace(/"$/, ''));
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    const octal = body.slice(i + 1, i + 4).join('');
    if (/^[0-3][0-7]{2}$/.test(octal)) {
      bytes.push(parseInt(octal, 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
