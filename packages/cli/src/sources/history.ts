/**
 * The history source: every line added by the commits of a range (`--since <rev>`: rev..HEAD,
 * `--history`: everything reachable from HEAD), read from a streaming `git log -p` (git/log.ts)
 * and cut into scan units (git/diff.ts), one per (commit, file): the hunks that added lines,
 * with a few lines of context so that rules can read around a value. On a long range the
 * source offers parts instead (chunks of commits): the pipeline hands them to worker threads,
 * each of which runs its own `git log -p` on its chunk. The source never scans.
 */
import { relativeTo } from '../paths.js';
import { contextSpanOf, rules, type KeyguardConfig } from '@keyguard/core';
import type { BlockChunking, PatchUnit, SkippedPatch } from '../git/diff.js';
import { streamPatches } from '../git/log.js';
import { listCommits, resolveRange, type HistoryRange } from '../git/range.js';
import { createPathAllowlist } from '../suppress/allow.js';
import { defaultThreads, type HistoryWorkerSetup } from '../workers/pool.js';
import { createProgressLine, type ProgressLine } from '../workers/progress.js';
import type { ScanUnit } from '../scan/unit.js';
import { chunkSizes, WHOLE_FILE_BYTES } from './chunks.js';
import type { SkippedFile, Source, SourcePart, SourceParts } from './types.js';

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

/** What a worker learnt from its chunk of commits besides the units (see SourcePart.tail). */
export interface HistoryPartTail {
  skipped: SkippedPatch[];
  commits: number;
  /** Units the part yielded (the progress line counts them). */
  units: number;
  /** Repository paths config allow.paths excluded (the main thread records which glob matched). */
  allowedPaths: string[];
}

/** One chunk of commits, read by a worker with its own `git log -p` (the units are scanned by the pipeline's code there). */
export function openHistoryPart(setup: HistoryWorkerSetup, commits: readonly string[]): SourcePart<HistoryPartTail> {
  const { root, cwd, config, allowBase } = setup;
  const range: HistoryRange = { root, revisions: [], label: `${commits.length} commits` };
  const { units, parser } = streamPatches(range, config.maxFileSize, commits, blockChunking());
  const allowed = config.allow.paths.length > 0 ? createPathAllowlist(config.allow.paths, undefined, allowBase).isPathAllowed : undefined;
  const allowedPaths = new Set<string>();
  const shown = displayPaths(root, cwd);
  let count = 0;
  async function* read(): AsyncGenerator<ScanUnit> {
    for await (const unit of units) {
      if (allowed?.(unit.file)) {
        allowedPaths.add(unit.file);
        continue;
      }
      count++;
      yield scanUnitOf(unit, shown(unit.file));
    }
  }
  return {
    units: read(),
    tail() {
      for (const skip of parser.skipped) if (allowed?.(skip.file)) allowedPaths.add(skip.file);
      return { skipped: parser.skipped, commits: parser.commits, units: count, allowedPaths: [...allowedPaths] };
    },
  };
}

/** A (commit, file) of the log as a scan unit: `file` as reports show it. */
function scanUnitOf(unit: PatchUnit, file: string): ScanUnit {
  return { file, repoPath: unit.file, commit: unit.commit, authorDate: unit.authorDate, blocks: unit.blocks, bytes: unit.bytes };
}

// ---------------------------------------------------------------------------------------------
// The source the scan pipeline reads: one unit per (commit, file), or parts for worker threads.

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
 * A block of a history unit (a hunk's lines) over the size a file is read whole at is cut into
 * chunks as git streams it, as a large file is (sources/chunks.ts): memory holds a chunk, not the
 * file's added text, up to maxFileSize. The overlap is the built-in catalog's context span, which
 * bounds every config's (custom rules search the default window).
 */
function blockChunking(): BlockChunking {
  return { wholeBlock: WHOLE_FILE_BYTES, ...chunkSizes(contextSpanOf(rules)) };
}

const skipReasons: Record<SkippedPatch['reason'], string> = {
  binary: 'binary file in history',
  submodule: 'submodule',
  'too-large': 'added text over maxFileSize in one commit',
};

/**
 * The history source: one unit per (commit, file), newest commit first, read on this thread
 * (`units()`), or, from MIN_COMMITS_FOR_WORKERS commits on (or with `--threads`), parts that the
 * pipeline hands to worker threads (`parts()`). Findings are not merged across commits here:
 * suppress/history-merge.ts does that on the whole list.
 */
export function openHistorySource(options: HistorySourceOptions): HistorySource {
  const skipped: SkippedFile[] = [];
  // files a commit added but keyguard did not read (binary, too large) still meet the .env policy
  const unreadNames: Array<{ path: string; repoPath: string }> = [];
  const skipKeys = new Set<string>();
  let commits = 0;
  let unitsRead = 0;
  let range: HistoryRange | undefined;
  const resolved = (): HistoryRange => (range ??= resolveRange(options.cwd, options.since));

  /** Records a skip once per path and reason, the first (newest) one, as the single-stream parser does. */
  const recordSkip = (current: HistoryRange, skip: SkippedPatch) => {
    const key = `${skip.reason}\0${skip.file}`;
    if (skipKeys.has(key)) return;
    skipKeys.add(key);
    if (options.isPathAllowed?.(skip.file)) return;
    const file = displayPath(current.root, options.cwd, skip.file);
    skipped.push({ file, kind: skip.reason, reason: `${skipReasons[skip.reason]} (commit ${skip.commit.slice(0, 12)})` });
    unreadNames.push({ path: file, repoPath: skip.file });
  };

  const showProgress = (progress: ProgressLine, current: HistoryRange) =>
    progress.update(`keyguard: ${current.label}: ${commits} commits read, ${unitsRead} file changes scanned`);

  /** `--threads 1`, or a short range: one `git log` for the whole range, read on this thread. */
  async function* units(): AsyncGenerator<ScanUnit> {
    const current = resolved();
    const progress = options.progress === false ? undefined : createProgressLine();
    try {
      const { units: patches, parser } = streamPatches(current, options.config.maxFileSize, undefined, blockChunking());
      const shown = displayPaths(current.root, options.cwd);
      for await (const patch of patches) {
        commits = parser.commits;
        if (options.isPathAllowed?.(patch.file)) continue;
        unitsRead++;
        if (progress) showProgress(progress, current);
        yield scanUnitOf(patch, shown(patch.file));
      }
      commits = parser.commits;
      for (const skip of parser.skipped) recordSkip(current, skip);
    } finally {
      progress?.done();
    }
  }

  /**
   * Worker threads pay off on long ranges; a pull request's few commits are read faster on this
   * thread than workers start (unless --threads asks for them): then there are no parts.
   */
  async function parts(): Promise<SourceParts<string[], HistoryPartTail> | undefined> {
    if (options.threads === 1) return undefined;
    const current = resolved();
    const all = listCommits(current);
    const threads = options.threads ?? (all.length < MIN_COMMITS_FOR_WORKERS ? 1 : defaultThreads());
    if (threads <= 1) return undefined;
    const progress = options.progress === false ? undefined : createProgressLine();
    const size = options.commitsPerChunk ?? commitsPerChunk(all.length, threads);
    async function* jobs(): AsyncGenerator<string[]> {
      for (let start = 0; start < all.length; start += size) yield all.slice(start, start + size);
    }
    return {
      threads,
      setup: { kind: 'history', config: options.config, allowBase: options.allowBase ?? '', root: current.root, cwd: options.cwd },
      jobs: jobs(),
      ...(options.workerUrl === undefined ? {} : { workerUrl: options.workerUrl }),
      absorb(tail) {
        commits += tail.commits;
        unitsRead += tail.units;
        // The worker applied allow.paths itself; asking the predicate records which glob matched.
        for (const path of tail.allowedPaths) options.isPathAllowed?.(path);
        for (const skip of tail.skipped) recordSkip(current, skip);
        if (progress) showProgress(progress, current);
      },
      close() {
        progress?.done();
      },
    };
  }

  return {
    units,
    parts,
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
