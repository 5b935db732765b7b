/**
 * What a source (files, the git index, git history) hands to the scan pipeline: scan units
 * (scan/unit.ts), one type for every source. Sources do the I/O (git, the file system); the
 * pipeline does detection, policy, filtering and reporting.
 */
import type { ScanUnit } from '../scan/unit.js';
import type { WorkerSetup } from '../workers/pool.js';

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

/** A file the .env policy sees by name though its content is not scanned: path relative to the cwd, and to the repo root. */
export interface UnreadName {
  path: string;
  repoPath: string;
}

export interface Source {
  /** The git work tree root, when the source reads a repo. */
  readonly repoRoot?: string;
  /** The units to scan, in a stable order, read on this thread. */
  units(): AsyncIterable<ScanUnit>;
  /**
   * A source that worker threads can read in parts (history: chunks of commits, each read by
   * its own `git log` in its worker; files: batches of paths, each file read in its worker; so
   * no text crosses threads) says how, when workers pay off;
   * the pipeline then dispatches the parts instead of reading `units()`. Undefined: `units()`.
   */
  parts?(): Promise<SourceParts | undefined>;
  /** Files seen but not scanned, filled while the units are read. */
  readonly skipped: SkippedFile[];
  /**
   * Files whose name alone matters to the .env policy but whose content is not scanned (a
   * symlink, a binary or oversized file, a submodule): path relative to the cwd. The policy
   * applies to every path, before and whatever any content check decides.
   */
  readonly unreadNames?: UnreadName[];
}

/**
 * A source read in parts on worker threads. Each worker gets `setup` once and opens each job
 * it is given as a `SourcePart` (the `openPart` of the setup's kind, workers/scan-worker.ts),
 * scans the part's units with the pipeline's own `scanOneUnit`, and answers the findings and
 * the part's `tail`, which the pipeline hands to `absorb` in the jobs' order.
 */
export interface SourceParts<Job = unknown, Tail = unknown> {
  threads: number;
  setup: WorkerSetup;
  jobs: AsyncIterable<Job>;
  /** What a part learnt besides its units (skipped files, counts), in the jobs' order. */
  absorb(tail: Tail): void;
  /** Called once the parts are done, or the scan stopped. */
  close(): void;
  /** Where the worker script is (default: beside the pool module or bundle). */
  workerUrl?: URL;
  /** Parts sent and not yet absorbed, at most (OrderedPoolOptions.window). */
  window?: number;
}

/** One part of a source, as a worker reads it. */
export interface SourcePart<Tail = unknown> {
  units: AsyncIterable<ScanUnit>;
  /** Read once `units` is done. */
  tail(): Tail;
}
