/**
 * The history source: every line added by the commits of a range (`--since <rev>`: rev..HEAD,
 * `--history`: everything reachable from HEAD), read from a streaming `git log -p` (git/log.ts:
 * one for the range on the main thread; with worker threads, one per chunk of commits, each in
 * its worker) and cut into units (git/diff.ts) that are scanned as they are read. Only what is
 * found on an added line is reported; the context lines are there so that rules can read them.
 */
import { relativeTo } from '../paths.js';
import { createScanner, type KeyguardConfig, type Scanner } from '@keyguard/core';
import type { PatchUnit, SkippedPatch } from '../git/diff.js';
import { streamPatches } from '../git/log.js';
import { listCommits, resolveRange, type HistoryRange } from '../git/range.js';
import { createPathAllowlist } from '../suppress/allow.js';
import { defaultThreads, orderedPool } from '../workers/pool.js';
import { createProgressLine } from '../workers/progress.js';
import { scanUnit, type TextBlock, type UnitResult } from '../scan/unit.js';
import type { SkippedFile, Source, SourceFile } from './types.js';

/** A repository-root-relative path as the report shows it: relative to cwd, `/`-separated. */
export function displayPath(root: string, cwd: string, file: string): string {
  return relativeTo(cwd, file, root);
}

/** `displayPath` remembered per path: a history touches the same files again and again. */
function displayPaths(root: string, cwd: string): (file: string) => string {
  const known = new Map<string, string>();
  return (file) => {
    let shown = known.get(file);
    if (shown === undefined) {
      shown = displayPath(root, cwd, file);
      known.set(file, shown);
    }
    return shown;
  };
}

// ---------------------------------------------------------------------------------------------
// Worker-thread scans: the range's commits in chunks, each read and scanned by one worker.

/** Below this many commits, a scan without `--threads` stays on the main thread. */
export const MIN_COMMITS_FOR_WORKERS = 200;

/**
 * Commits per worker job: about eight jobs per thread so the work spreads evenly, but at least
 * 16 commits (each job starts a git process) and at most 512 (memory and progress).
 */
export function commitsPerChunk(commits: number, threads: number): number {
  return Math.min(512, Math.max(16, Math.ceil(commits / (threads * 8))));
}

/** One (commit, file), scanned: what the pipeline needs, without the added text. */
export interface ScannedPatch {
  /** As reports show it: relative to the cwd. */
  file: string;
  /** Relative to the repository root (what config globs match). */
  repoPath: string;
  commit: string;
  authorDate: string;
  bytes: number;
  /** The first added line (the .env policy measures it). */
  firstLine: string;
  result: UnitResult;
}

export interface ChunkResult {
  patches: ScannedPatch[];
  skipped: SkippedPatch[];
  commits: number;
  /** Repository paths config allow.paths excluded (the main thread records which glob matched). */
  allowedPaths: string[];
}

/** Reads one chunk of commits with its own `git log -p` and scans what they added (worker side). */
export async function scanCommitChunk(
  setup: { root: string; cwd: string; config: KeyguardConfig; allowBase: string },
  commits: readonly string[],
  scanner: Scanner,
): Promise<ChunkResult> {
  const { root, cwd, config, allowBase } = setup;
  const range: HistoryRange = { root, revisions: [], label: `${commits.length} commits` };
  const { units, parser } = streamPatches(range, unitLimit(config), commits);
  const allowed = config.allow.paths.length > 0 ? createPathAllowlist(config.allow.paths, undefined, allowBase).isPathAllowed : undefined;
  const allowedPaths = new Set<string>();
  const shown = displayPaths(root, cwd);
  const patches: ScannedPatch[] = [];
  for await (const unit of units) {
    if (allowed?.(unit.file)) {
      allowedPaths.add(unit.file);
      continue;
    }
    patches.push(scanPatch(scanner, unit, shown(unit.file)));
  }
  for (const skip of parser.skipped) if (allowed?.(skip.file)) allowedPaths.add(skip.file);
  return { patches, skipped: parser.skipped, commits: parser.commits, allowedPaths: [...allowedPaths] };
}

/** Scans one (commit, file) and keeps what the pipeline needs of it. */
function scanPatch(scanner: Scanner, unit: PatchUnit, file: string): ScannedPatch {
  return {
    file,
    repoPath: unit.file,
    commit: unit.commit,
    authorDate: unit.authorDate,
    bytes: unit.bytes,
    firstLine: firstAddedLine(unit),
    result: scanUnit(scanner, { ...unit, file }),
  };
}

function firstAddedLine(unit: { blocks: TextBlock[] }): string {
  const block = unit.blocks[0];
  if (block === undefined) return '';
  // The first added line of the first block (which may start with context lines).
  let start = 0;
  for (let skip = (block.reportRuns?.[0] ?? block.startLine) - block.startLine; skip > 0; skip--) start = block.text.indexOf('\n', start) + 1;
  const end = block.text.indexOf('\n', start);
  return end === -1 ? block.text.slice(start) : block.text.slice(start, end);
}

// ---------------------------------------------------------------------------------------------
// The source the scan pipeline reads: one SourceFile per (commit, file), already scanned.

export interface HistorySourceOptions {
  cwd: string;
  /** `--since <rev>`; undefined scans the whole history (`--history`). */
  since?: string;
  config: KeyguardConfig;
  /** Where config allow.paths globs start (see LoadedConfig); default the repo root. */
  allowBase?: string;
  /** Worker threads; 1 scans on the main thread; default one per core from MIN_COMMITS_FOR_WORKERS commits on, on machines with MIN_CORES_FOR_WORKERS cores or more. */
  threads?: number;
  /** true for repository-relative paths that must not be scanned (config allow.paths). */
  isPathAllowed?: (repoPath: string) => boolean;
  /** Show a progress line on stderr (only on a terminal, never in CI). Default true. */
  progress?: boolean;
  /** Where the worker script is (default: beside the pool module or bundle). */
  workerUrl?: URL;
  /** Commits per worker job (default: `commitsPerChunk`). */
  commitsPerChunk?: number;
}

export interface HistorySource extends Source {
  /** Commits read so far. */
  readonly commits: number;
  /** The range, once `files()` has started. */
  readonly range: HistoryRange | undefined;
}

/**
 * A history unit (one file's added lines in one commit) is scanned whole, so it is held whole:
 * beyond this, whatever maxFileSize says, it is skipped and reported (chunks are for files and
 * staged blobs, see sources/chunks.ts).
 */
export const MAX_HISTORY_UNIT = 16 * 1024 * 1024;

/** What a history scan holds of one unit at most: maxFileSize, never past MAX_HISTORY_UNIT. */
function unitLimit(config: KeyguardConfig): number {
  return Math.min(config.maxFileSize, MAX_HISTORY_UNIT);
}

const skipReasons: Record<SkippedPatch['reason'], string> = {
  binary: 'binary file in history',
  submodule: 'submodule',
  'too-large': `added text over maxFileSize (at most ${MAX_HISTORY_UNIT / 1024 / 1024} MB in a history scan) in one commit`,
};

/**
 * The history source: scans as it reads (inside the source, on the main thread or on worker
 * threads) and hands each (commit, file) over with its result, newest commit first. Findings are not yet
 * merged across commits: suppress/history-merge.ts does that on the whole list.
 */
export function openHistorySource(options: HistorySourceOptions): HistorySource {
  const skipped: SkippedFile[] = [];
  // files a commit added but keyguard did not read (binary, too large) still meet the .env policy
  const unreadNames: Array<{ path: string; repoPath: string }> = [];
  let commits = 0;
  let range: HistoryRange | undefined;

  async function* files(): AsyncGenerator<SourceFile> {
    const current = resolveRange(options.cwd, options.since);
    range = current;
    // Worker threads pay off on long ranges; a pull request's few commits are scanned faster
    // on the main thread than workers start (unless --threads asks for them).
    const commitList = options.threads === 1 ? undefined : listCommits(current);
    const threads = options.threads ?? ((commitList?.length ?? 0) < MIN_COMMITS_FOR_WORKERS ? 1 : defaultThreads());
    const progress = options.progress === false ? undefined : createProgressLine();
    const skips = new Map<string, SkippedPatch>();
    let scanned = 0;
    try {
      const patches = threads <= 1 ? onMainThread(current, skips) : onWorkers(current, commitList ?? [], threads, skips);
      for await (const patch of patches) {
        scanned++;
        progress?.update(`keyguard: ${current.label}: ${commits} commits read, ${scanned} file changes scanned`);
        yield {
          path: patch.file,
          repoPath: patch.repoPath,
          // The scan is done (result); the pipeline reads the text only for the .env policy.
          text: patch.firstLine,
          bytes: patch.bytes,
          commit: patch.commit,
          result: patch.result,
        };
      }
    } finally {
      progress?.done();
    }
    for (const skip of skips.values()) {
      if (options.isPathAllowed?.(skip.file)) continue;
      const file = displayPath(current.root, options.cwd, skip.file);
      skipped.push({ file, kind: skip.reason, reason: `${skipReasons[skip.reason]} (commit ${skip.commit.slice(0, 12)})` });
      unreadNames.push({ path: file, repoPath: skip.file });
    }
  }

  /** `--threads 1`: one `git log` for the whole range, scanned as it is read. */
  async function* onMainThread(current: HistoryRange, skips: Map<string, SkippedPatch>): AsyncGenerator<ScannedPatch> {
    const { units, parser } = streamPatches(current, unitLimit(options.config));
    const scanner = createScanner({ config: options.config });
    const shown = displayPaths(current.root, options.cwd);
    for await (const unit of units) {
      commits = parser.commits;
      if (options.isPathAllowed?.(unit.file)) continue;
      yield scanPatch(scanner, unit, shown(unit.file));
    }
    commits = parser.commits;
    for (const skip of parser.skipped) addSkip(skips, skip);
  }

  /** Worker threads: chunks of the range's commits, each read and scanned by one worker. */
  async function* onWorkers(
    current: HistoryRange,
    all: readonly string[],
    threads: number,
    skips: Map<string, SkippedPatch>,
  ): AsyncGenerator<ScannedPatch> {
    async function* chunks(): AsyncGenerator<string[]> {
      const size = options.commitsPerChunk ?? commitsPerChunk(all.length, threads);
      for (let start = 0; start < all.length; start += size) yield all.slice(start, start + size);
    }
    const answers = orderedPool<string[], ChunkResult>(chunks(), {
      threads,
      setup: { kind: 'history', config: options.config, allowBase: options.allowBase ?? '', root: current.root, cwd: options.cwd },
      workerUrl: options.workerUrl,
    });
    for await (const chunk of answers) {
      commits += chunk.commits;
      // The worker applied allow.paths itself; asking the predicate records which glob matched.
      for (const path of chunk.allowedPaths) options.isPathAllowed?.(path);
      for (const skip of chunk.skipped) addSkip(skips, skip);
      yield* chunk.patches;
    }
  }

  return {
    files,
    skipped,
    unreadNames,
    get commits() {
      return commits;
    },
    get range() {
      return range;
    },
    get repoRoot() {
      return range?.root;
    },
  };
}

/** Keeps the first (newest) skip of a path for a reason, as the single-stream parser does. */
function addSkip(skips: Map<string, SkippedPatch>, skip: SkippedPatch): void {
  const key = `${skip.reason}\0${skip.file}`;
  if (!skips.has(key)) skips.set(key, skip);
}
