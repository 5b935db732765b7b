/**
 * What a source (files, the git index, git history) hands to the scan pipeline. Sources do the
 * I/O (git, the file system); the pipeline does detection, policy, filtering and reporting.
 */
import type { ScanResult } from '@keyguard/core';
import type { TextEncoding } from './decode.js';

export interface SourceFile {
  /** posix path relative to the cwd (what reports show); for history, relative to the repo root. */
  path: string;
  /** posix path relative to the repo root (the cwd outside git): what config globs match. */
  repoPath: string;
  /**
   * The decoded text: UTF-8 (invalid bytes replaced with U+FFFD) or UTF-16, a BOM dropped (see
   * decode.ts). '' for a file with a `stream`.
   */
  text: string;
  /**
   * A file too large to read whole (sources/chunks.ts): its bytes as they are read, which the
   * pipeline decodes and scans a chunk at a time, so memory never holds the whole file.
   */
  stream?: { encoding: TextEncoding; pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array> };
  /** With `stream`: the lines to report as git numbers them (LF only); undefined = every line. */
  reportLfLines?: ReadonlySet<number>;
  /** Size in bytes of the content read. */
  bytes: number;
  /** The commit the content comes from (history scans). */
  commit?: string;
  /** 1-based line numbers to report; undefined = every line. */
  reportLines?: ReadonlySet<number>;
  /** Whether the .env policy applies to this file (it is committed or about to be). Default true. */
  envPolicy?: boolean;
  /** Git mode of the entry when known ('120000' = symlink, whose text is the target path). */
  mode?: string;
  /**
   * A source that scans in worker threads hands over the result instead of leaving the scan to
   * the pipeline; the pipeline still applies reportLines, the .env policy and the filters.
   */
  result?: ScanResult;
}

/**
 * Why a file was not scanned, as a kind a program can act on: the text report stays quiet
 * about `binary`, `submodule` and `not-a-file` (skipped by design) and warns about the rest.
 */
export type SkipKind = 'binary' | 'submodule' | 'not-a-file' | 'too-large' | 'unreadable' | 'unmerged' | 'incomplete';

/** Skipped by design (a binary file, a submodule, a FIFO or device): reports stay quiet about these. */
const BY_DESIGN: ReadonlySet<SkipKind> = new Set(['binary', 'submodule', 'not-a-file']);

/**
 * Whether a skipped file could hold a key nobody looked at (too large, unreadable, unmerged):
 * every report names these, and `failOnUnscanned` fails the run on them.
 */
export function isUnscannedText(skip: SkippedFile): boolean {
  return !BY_DESIGN.has(skip.kind);
}

export interface SkippedFile {
  file: string;
  kind: SkipKind;
  /** Why the file was not scanned, e.g. "binary", "larger than maxFileSize (2000000 > 1048576 bytes)". */
  reason: string;
}

export interface Source {
  /** The git work tree root, when the source reads a repo. */
  readonly repoRoot?: string;
  /** Files to scan, in a stable order. */
  files(): AsyncIterable<SourceFile>;
  /** Files seen but not scanned, filled while `files()` runs. */
  readonly skipped: SkippedFile[];
  /**
   * Files whose name alone matters to the .env policy but whose content is not scanned (a
   * symlink, a binary or oversized file, a submodule): path relative to the cwd. The policy
   * applies to every path, before and whatever any content check decides.
   */
  readonly unreadNames?: Array<{ path: string; repoPath: string }>;
}
