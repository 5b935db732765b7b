/**
 * The scan unit, the one thing every source yields (files, the git index, git history), and
 * `scanUnit`, the one place that scans a unit's text: the same whether it runs in a worker
 * thread or on the main thread (`--threads 1`), so both give identical findings.
 */
import { copyFinding, type Finding, type IncompleteRegion, type InlineDirective, type Scanner, type ScanRegion, type SuppressedFinding } from '@keyguard/core';
import type { TextEncoding } from '../sources/decode.js';
import { directiveHides } from '../suppress/inline.js';

/** A run of consecutive lines: its first line number in the file, and its text. */
export interface TextBlock {
  startLine: number;
  text: string;
  /**
   * The lines of the block to report, as runs of file line numbers `[first, last, first, last,
   * …]` in order; undefined reports every line. History scans put the commit's added lines
   * here: the other lines of the block are context — scanned, so that rules can read the lines
   * around a value, but what is found on them belongs to the commit that added them.
   */
  reportRuns?: number[];
  /** 1-based column of the text's first character on its line: a chunk of a large file may start mid-line. */
  startColumn?: number;
  /** A chunk of a large file: what it owns, the rest of its text is context (see sources/chunks.ts). */
  region?: ScanRegion;
}

/** What `scanUnit` reads of a unit: its text blocks, and where they come from. */
export interface WorkUnit {
  /** Path as reports show it: posix, relative to the cwd. */
  file: string;
  blocks: TextBlock[];
  /** Size of the content read, for stats: bytes of a file, the UTF-16 length of a history unit's added text. */
  bytes: number;
  /** History scans: the commit that added the blocks, and its author date (ISO 8601). */
  commit?: string;
  authorDate?: string;
}

/**
 * What every source yields: a file of the work tree, a staged file, or one commit's change to a
 * file. Sources differ only in how they produce units; scan/pipeline.ts scans them all alike.
 * - a file: one block, line 1 on, no report runs (every line counts);
 * - a staged file: one block, the whole file, the lines added against HEAD as report runs;
 * - a commit's change: one block per hunk (added lines and their context), the added ones as runs;
 * - a file too large to hold whole: no blocks but a `stream`, which the pipeline cuts into
 *   blocks (chunks) as it is read.
 */
export interface ScanUnit extends WorkUnit {
  /** posix path relative to the repo root (the cwd outside git): what config globs and the .env policy match. */
  repoPath: string;
  /** Whether the .env policy applies (the file is committed or about to be). Default true. */
  envPolicy?: boolean;
  /** A file too large to read whole (sources/chunks.ts); `blocks` is then empty. */
  stream?: StreamedText;
}

export interface StreamedText {
  encoding: TextEncoding;
  /** The file's bytes as they are read: memory never holds the whole file. */
  pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** The lines to report as git numbers them (LF only); undefined = every line. */
  reportLfLines?: ReadonlySet<number>;
}

export interface UnitDirective extends InlineDirective {
  file: string;
  commit?: string;
}

/** A finding as a unit reports it: with its commit and author date in a history scan. */
export type UnitFinding<F extends Finding = Finding> = F & { authorDate?: string };

export interface UnitResult {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  directives: UnitDirective[];
  /** Lines (of the file) where a rule did not examine every keyword hit (see ScanResult.incomplete). */
  incomplete?: IncompleteRegion[];
}

/** Line numbers as the runs `[first, last, …]` of `TextBlock.reportRuns`, in order. */
export function toRuns(lines: ReadonlySet<number>): number[] {
  const runs: number[] = [];
  for (const line of [...lines].sort((a, b) => a - b)) {
    if (runs.length > 0 && runs[runs.length - 1] === line - 1) runs[runs.length - 1] = line;
    else runs.push(line, line);
  }
  return runs;
}

/** A whole file's text as the one block of its unit; `reportLines` (1-based) are the lines that count as added, undefined = all. */
export function wholeFileBlocks(text: string, reportLines?: ReadonlySet<number>): TextBlock[] {
  return [{ startLine: 1, text, ...(reportLines === undefined ? {} : { reportRuns: toRuns(reportLines) }) }];
}

/** Whether the lines first…last (file line numbers) meet one of the runs. */
export function touchesRuns(runs: readonly number[], first: number, last: number): boolean {
  for (let i = 0; i < runs.length; i += 2) {
    if (runs[i]! > last) return false;
    if (runs[i + 1]! >= first) return true;
  }
  return false;
}

/**
 * Scans each block on its own and moves its line numbers to where the block sits in the file.
 * In a block with `reportRuns`:
 * - a finding is reported when one of its lines is reported (a PEM block whose body the
 *   commit replaced starts on an unchanged BEGIN line, and its secret is new all the same);
 * - a directive is listed (for `--report-unused`) only on a reported line: the commit that
 *   added it lists it, and later commits that only show it as context do not list it again.
 *   A context directive still suppresses a finding on a reported line, as it does in the file;
 * - a suppressed finding is kept when it is on a reported line or when a listed directive
 *   suppressed it (a directive added above an old key is in use, not unused).
 */
export function scanUnit(scanner: Scanner, unit: WorkUnit): UnitResult {
  const result: UnitResult = { findings: [], suppressed: [], directives: [] };
  for (const block of unit.blocks) {
    const shift = block.startLine - 1;
    const columnShift = (block.startColumn ?? 1) - 1;
    const scanned = scanner.scan(block.text, unit.file, block.region);
    const runs = block.reportRuns;
    const reported = (finding: Finding) => runs === undefined || touchesRuns(runs, finding.line + shift, finding.endLine + shift);
    const directives = runs === undefined ? scanned.directives : scanned.directives.filter((d) => touchesRuns(runs, d.line + shift, d.line + shift));
    // copyFinding, not a spread: the fingerprints stay unhashed until something reads them
    const place = <T extends Finding>(finding: T): UnitFinding<T> =>
      copyFinding(finding, {
        file: unit.file,
        line: finding.line + shift,
        endLine: finding.endLine + shift,
        ...(columnShift === 0 ? {} : { column: finding.column + (finding.line === 1 ? columnShift : 0), endColumn: finding.endColumn + (finding.endLine === 1 ? columnShift : 0) }),
        ...(unit.commit === undefined ? {} : { commit: unit.commit }),
        ...(unit.authorDate === undefined ? {} : { authorDate: unit.authorDate }),
      }) as UnitFinding<T>;
    for (const finding of scanned.findings) if (reported(finding)) result.findings.push(place(finding));
    // only where it meets the reported lines: a key missed on an old line would not be reported either
    for (const region of scanned.incomplete ?? []) {
      const [line, endLine] = [region.line + shift, region.endLine + shift];
      if (runs === undefined || touchesRuns(runs, line, endLine)) (result.incomplete ??= []).push({ ...region, line, endLine });
    }
    for (const finding of scanned.suppressed) {
      if (reported(finding) || directives.some((directive) => directiveHides(directive, finding))) result.suppressed.push(place(finding));
    }
    for (const directive of directives) {
      result.directives.push({
        ...directive,
        line: directive.line + shift,
        target: directive.target + shift,
        file: unit.file,
        ...(unit.commit === undefined ? {} : { commit: unit.commit }),
      });
    }
  }
  return result;
}
