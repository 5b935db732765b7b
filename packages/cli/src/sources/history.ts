/**
 * The history source: every line added by the commits of a range (`--since <rev>`: rev..HEAD,
 * `--history`: everything reachable from HEAD), read from a streaming `git log -p` (ONE for the
 * range on the main thread; with worker threads, one per chunk of commits, each in its worker)
 * and cut into units (one commit × one file: each hunk's lines of the new file, context and
 * added, with the added ones marked) that are scanned as they are read. Only what is found on
 * an added line is reported; the context lines are there so that rules can read them.
 *
 * Why these `git log` options:
 * - `-U5` (`CONTEXT_LINES`): up to five unchanged lines above and below each change. Only added
 *   lines can introduce a secret, but some rules judge a value by the lines around it, and a
 *   commit that changes only the value line of an existing block would otherwise be judged
 *   without them (a miss that `keyguard scan` and `--staged`, which read the whole file, do
 *   not have). What the rules read, in lines, in the usual layouts:
 *   - 1 above: `keyguard-ignore-next-line`; the `mnemonic`/`phrase` keyword of a seed phrase
 *     written on the next line; the `new Deframe({` around an `apiKey:` (the rule looks 300
 *     characters back);
 *   - 1–2 above: the `machine` and `login` of a .netrc password (the rule looks 400 characters
 *     back);
 *   - 1 above and below: the BEGIN/END armour around a PEM body that a commit replaced
 *     (the regex needs both); `authDomain` beside a Firebase `apiKey` (which makes it a
 *     public web key instead of a Google API key);
 *   - 3 above: `"type": "service_account"` above `"private_key"` in the JSON key file Google
 *     issues (type, project_id, private_key_id, private_key);
 *   - 4 above: `variable "db_password" {` above `default = "…"` once description, type and
 *     sensitive come first (terraform-variable-default, which looks 500 characters back); the
 *     `PuTTY-User-Key-File-` header above a replaced key (header, Encryption, Comment,
 *     Public-Lines).
 *   Five covers these with a line to spare. Rules that look further still see more than with
 *   -U0 but not all they would in the file: the Twilio and Discord token shapes (the provider's
 *   name within 3000 characters) and a PEM block whose body changed only in part.
 *   The cost (pnpm bench history, see docs/decisions.md) is mostly git's: with -U0 git trims
 *   the files' common tail before diffing, which it cannot do once it must show context, so any
 *   n ≥ 1 costs about the same there (eslint's 242 releases: git 0.68 → 0.94 s); the extra text
 *   scanned (+54% on that history at n = 5, +7% on three's) costs the scanner little, because
 *   most context has no keyword. Context lines over `MAX_CONTEXT_LINE` are left out.
 *   With context, git also aligns a few repeated lines (blank lines, `}`) differently from -U0:
 *   the same text is then reported at another of its identical lines, or not at all where git
 *   now pairs it with an identical old line (which was reported when it was added).
 * - `--inter-hunk-context=0`: hunks merge only when their context touches (the default, pinned
 *   against `diff.interHunkContext`), so a block is at most its changes and 2 × 5 lines more.
 * - `--cc` (dense combined diffs for merges): a clean merge shows nothing, and a conflict
 *   resolution shows only hunks with lines that differ from *every* parent. A line has one mark
 *   column per parent: `-` in any column is a line removed against that parent (not in the new
 *   file: never scanned), a space in every column is context. We report a merge's line only
 *   when it is new against all parents (`+` in every column): lines taken from one side were
 *   added by that side's own commit, which the walk visits (or which lies outside the range
 *   because it is already in `<rev>`). That gives one report per added line and still catches
 *   an "evil merge" that slips a key into the resolution. `-m` would diff a merge against each
 *   parent and report the other side's lines again; `--first-parent` would hide the commits of
 *   merged branches, whose intermediate states (a key added then removed) never reach the
 *   first-parent line. A line `+` against some parents only is context: in the new file,
 *   scanned, not reported.
 * - `-M`: a renamed file is not a deletion plus an addition of all its lines, so moving a file
 *   does not report its old keys again as new.
 * - `--no-color --no-ext-diff --no-textconv --no-relative --src-prefix/--dst-prefix --root` and
 *   `-c core.quotePath=false -c diff.noprefix=false`: user configuration must not change the
 *   format we parse.
 * - Binary files produce no hunk ("Binary files … differ") and are listed as skipped.
 * Paths with odd characters are C-quoted by git ("b/new\nline.txt", octal for bytes); we decode
 * them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { isAbsolute, join, relative, sep } from 'node:path';
import { createScanner, type Finding, type KeyguardConfig, type Scanner, type SuppressedFinding } from '@keyguard/core';
import { RuntimeError } from '../errors.js';
import type { FindingFilter } from '../filters.js';
import { createPathAllowlist } from '../ignores.js';
import { defaultThreads, orderedPool } from '../workers/pool.js';
import { createProgressLine } from '../workers/progress.js';
import { scanUnit, type TextBlock, type UnitDirective, type UnitResult } from '../workers/scan-unit.js';
import type { SkippedFile, Source, SourceFile } from './types.js';
import { unquoteC } from './hunks.js';

/** One file of one commit: what the commit added to it, with the lines around it. */
export interface PatchUnit {
  /** Position in `git log` order (newest commit first), for a stable report order. */
  seq: number;
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

export interface SkippedPatch {
  commit: string;
  file: string;
  reason: 'binary' | 'submodule' | 'too-large';
}

const COMMIT_MARK = '\u0001';

/**
 * Unchanged lines git shows around each change (`-U<n>`), scanned as context; see the comment
 * at the top of this file for why 5.
 */
export const CONTEXT_LINES = 5;

/**
 * A context line longer than this is left out (the block is cut there): such lines are
 * generated text (minified bundles, lockfiles, data), which would cost more to scan than the
 * change itself and hold no name or keyword a rule reads for the line next to it.
 */
export const MAX_CONTEXT_LINE = 1024;

/** `git log` arguments that produce the stream `PatchParser` reads. */
export function gitLogArgs(range: string[]): string[] {
  return [
    '-c', 'core.quotePath=false',
    '-c', 'diff.noprefix=false',
    '-c', 'diff.mnemonicPrefix=false',
    '-c', 'diff.suppressBlankEmpty=false',
    '-c', 'log.showSignature=false',
    'log', '-p', `-U${CONTEXT_LINES}`, '--inter-hunk-context=0', '--cc', '-M', '--root',
    '--no-color', '--no-ext-diff', '--no-textconv', '--no-relative', '--no-mailmap',
    '--src-prefix=a/', '--dst-prefix=b/',
    `--format=format:${COMMIT_MARK}%H %aI`,
    ...range, '--',
  ];
}

/** Decodes a path as git prints it: plain, or C-quoted with escapes and octal UTF-8 bytes. */
export function decodeGitPath(raw: string): string {
  return raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? unquoteC(raw) : raw;
}

/** The path of a `+++ b/path` / `--- a/path` line, or undefined for /dev/null. */
function headerPath(rest: string): string | undefined {
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
  private seq = 0;
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
  /** Parents in the current hunk (1 for a normal diff, 2+ for a combined merge diff). */
  private parents = 1;
  /** Line number in the new file of the next line that exists there. */
  private nextLine = 0;
  /** Commits seen so far (for progress). */
  commits = 0;
  /** Files not scanned, once per path and reason (the newest commit that had it). */
  private readonly skips = new Map<string, SkippedPatch>();

  /** @param maxUnitBytes a file's added text beyond this is skipped as too large. */
  constructor(private readonly maxUnitBytes = Number.POSITIVE_INFINITY) {}

  /** Reads one line; returns the unit it completed, if any (at most one per line). */
  push(line: string): readonly PatchUnit[] {
    // Hunk lines are the bulk of the stream: they never start with the commit mark or "diff".
    if (this.state === 'hunk') {
      const first = line.charCodeAt(0);
      if (first === 43 /* + */ || first === 45 /* - */ || first === 32 /* space */ || first === 92 /* \ */) {
        this.readHunkLine(line);
        return NO_UNITS;
      }
    }
    if (line.startsWith(COMMIT_MARK)) {
      const unit = this.flushFile();
      const [commit = '', authorDate = ''] = line.slice(1).split(' ');
      this.commit = commit;
      this.authorDate = authorDate;
      this.state = 'between';
      this.commits++;
      return unit ? [unit] : NO_UNITS;
    }
    if (line.startsWith('diff --git ') || line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      const unit = this.flushFile();
      this.state = 'header';
      return unit ? [unit] : NO_UNITS;
    }
    if (this.state === 'header') this.readHeader(line);
    else if (this.state === 'hunk') this.readHunkLine(line);
    return NO_UNITS;
  }

  get skipped(): SkippedPatch[] {
    return [...this.skips.values()];
  }

  end(): readonly PatchUnit[] {
    const unit = this.flushFile();
    return unit ? [unit] : NO_UNITS;
  }

  private readHeader(line: string): void {
    if (line.startsWith('+++ ')) {
      this.file = headerPath(line.slice(4));
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
    if (rawPath !== undefined && !this.file) this.file = headerPath(rawPath);
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
    if (this.blockLines.length === 0) this.blockStart = lineNumber;
    this.blockLines.push(text);
    if (!added) return;
    const runs = this.blockRuns;
    if (runs.length > 0 && runs[runs.length - 1] === lineNumber - 1) runs[runs.length - 1] = lineNumber;
    else runs.push(lineNumber, lineNumber);
    this.bytes += text.length + 1;
    if (this.bytes > this.maxUnitBytes) {
      this.skipFile = 'too-large';
      this.blockLines = [];
      this.blockRuns = [];
      this.blocks = [];
    }
  }

  /** Ends the current block; a block without added lines (context around a removal) is dropped. */
  private flushBlock(): void {
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

  private flushFile(): PatchUnit | undefined {
    this.flushBlock();
    let unit: PatchUnit | undefined;
    if (this.skipFile && this.file !== undefined) {
      const key = `${this.skipFile}\0${this.file}`;
      if (!this.skips.has(key)) this.skips.set(key, { commit: this.commit, file: this.file, reason: this.skipFile });
    } else if (this.file !== undefined && this.blocks.length > 0) {
      unit = {
        seq: this.seq++,
        commit: this.commit,
        authorDate: this.authorDate,
        file: this.file,
        blocks: this.blocks,
        bytes: this.bytes,
      };
    }
    this.file = undefined;
    this.skipFile = undefined;
    this.blocks = [];
    this.bytes = 0;
    this.parents = 1;
    this.state = 'between';
    return unit;
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

// ---------------------------------------------------------------------------------------------
// The range: which commits, and clear errors when git cannot give them.

function runGit(cwd: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new RuntimeError(`cannot run git: ${result.error.message}`);
  return { code: result.status ?? 1, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

export interface HistoryRange {
  /** The repository's top-level folder. */
  root: string;
  /** Revision arguments for `git log` (empty when the repository has no commit yet). */
  revisions: string[];
  /** A human description for messages ("origin/main..HEAD", "all history"). */
  label: string;
}

/**
 * Resolves `--since <rev>` (or the whole history when `since` is undefined) into `git log`
 * revisions, and turns every way it can fail into a message that says what to do (exit 2).
 */
export function resolveRange(cwd: string, since: string | undefined): HistoryRange {
  const mode = since === undefined ? '--history' : `--since ${since}`;
  const top = runGit(cwd, ['rev-parse', '--show-toplevel']);
  if (top.code !== 0) {
    throw new RuntimeError(`${mode} needs a git repository, and ${cwd} is not inside one (${top.stderr || 'git rev-parse failed'})`);
  }
  const root = top.stdout;
  const head = runGit(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (head.code !== 0) {
    if (since === undefined) return { root, revisions: [], label: 'all history (no commits yet)' };
    throw new RuntimeError(`--since ${since}: the repository at ${root} has no commits yet, so there is no range to scan`);
  }
  const shallow = runGit(cwd, ['rev-parse', '--is-shallow-repository']).stdout === 'true';
  if (since === undefined) {
    // The oldest commit of a shallow clone diffs as if it added every file it holds.
    if (shallow) {
      throw new RuntimeError(
        '--history needs the whole history, and this is a shallow clone: run `git fetch --unshallow` ' +
          '(in GitHub Actions check out with `fetch-depth: 0`)',
      );
    }
    return { root, revisions: ['HEAD'], label: 'all history' };
  }

  const resolved = runGit(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${since}^{commit}`]);
  if (resolved.code !== 0) {
    if (shallow) throw new RuntimeError(shallowMessage(cwd, since, `'${since}' is not in this shallow clone`));
    throw new RuntimeError(
      `--since ${since}: unknown revision '${since}' (not a commit, branch or tag git can resolve here). ` +
        'Check the name; for a remote branch, fetch it first (git fetch origin <branch>) and use origin/<branch>.',
    );
  }
  const base = resolved.stdout;
  if (shallow && runGit(cwd, ['merge-base', base, 'HEAD']).code !== 0) {
    throw new RuntimeError(shallowMessage(cwd, since, `'${since}' and HEAD have no common ancestor in this shallow clone`));
  }
  return { root, revisions: ['HEAD', `^${base}`], label: `${since}..HEAD` };
}

function shallowMessage(cwd: string, since: string, problem: string): string {
  const depth = runGit(cwd, ['rev-list', '--count', 'HEAD']).stdout || '?';
  return (
    `--since ${since}: ${problem} (it holds only ${depth} commit${depth === '1' ? '' : 's'} of history), ` +
    'so the range cannot be scanned. Fetch the history it needs: `git fetch --unshallow`, or ' +
    '`git fetch --deepen=N` with N at least the number of commits in the range (and fetch the base branch); ' +
    'in GitHub Actions check out with `fetch-depth: 0` (actions/checkout).'
  );
}

/** A repository-root-relative path as the report shows it: relative to cwd, `/`-separated. */
export function displayPath(root: string, cwd: string, file: string): string {
  const absolute = isAbsolute(file) ? file : join(root, file);
  return relative(cwd, absolute).split(sep).join('/');
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

export interface PatchStream {
  units: AsyncGenerator<PatchUnit>;
  parser: PatchParser;
}

/**
 * Starts `git log` over the range and yields its units as they are parsed. The stream is
 * pulled: when the consumer stops pulling (a full scan queue), git's stdout is not read and git
 * blocks on the pipe, so memory stays bounded whatever the history's size.
 */
export function streamPatches(range: HistoryRange, maxUnitBytes: number, commits?: readonly string[]): PatchStream {
  const parser = new PatchParser(maxUnitBytes);
  async function* units(): AsyncGenerator<PatchUnit> {
    if (commits === undefined ? range.revisions.length === 0 : commits.length === 0) return;
    // A chunk of a worker-thread scan: exactly these commits, in this order, from stdin.
    const revisions = commits === undefined ? range.revisions : ['--no-walk=unsorted', '--stdin'];
    const child = spawn('git', gitLogArgs(revisions), { cwd: range.root, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.on('error', () => {
      // git may exit before reading its input (it then reports why through its exit code).
    });
    child.stdin.end(commits === undefined ? '' : `${commits.join('\n')}\n`);
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 4096) stderr += chunk;
    });
    const exited = new Promise<number>((resolve, reject) => {
      child.on('error', (error) => reject(new RuntimeError(`cannot run git log: ${error.message}`)));
      child.on('close', (code) => resolve(code ?? 1));
    });
    let finished = false;
    try {
      const lines = new LineSplitter();
      // Parse a whole chunk synchronously, then hand its units over: per-line awaits would
      // cost more than the parsing itself.
      const parse = (text: string[]): PatchUnit[] => {
        const ready: PatchUnit[] = [];
        for (const line of text) {
          const units = parser.push(line);
          if (units.length > 0) ready.push(...units);
        }
        return ready;
      };
      for await (const chunk of readAhead(child.stdout, READ_AHEAD_BYTES)) {
        for (const unit of parse(lines.push(chunk))) yield unit;
      }
      for (const unit of [...parse(lines.end()), ...parser.end()]) yield unit;
      finished = true;
    } finally {
      if (!finished) child.kill();
    }
    const code = await exited;
    if (code !== 0) throw new RuntimeError(`git log over ${range.label} failed (exit ${code}): ${stderr.trim()}`);
  }
  return { units: units(), parser };
}

/** How far git may run ahead of the scan (a pipe alone holds 64 KB, so git would wait on every scan). */
const READ_AHEAD_BYTES = 8 * 1024 * 1024;

/**
 * Reads a stream in flowing mode into a queue of at most `limit` bytes, pausing the stream
 * (and so the writer, through the pipe) beyond it: the producer keeps working while the
 * consumer is busy, and memory stays bounded.
 */
export async function* readAhead(stream: NodeJS.ReadableStream, limit: number): AsyncGenerator<Buffer> {
  const queue: Buffer[] = [];
  let queued = 0;
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  stream.on('data', (chunk: Buffer) => {
    queue.push(chunk);
    queued += chunk.length;
    if (queued >= limit) stream.pause();
    notify();
  });
  stream.on('end', () => {
    ended = true;
    notify();
  });
  stream.on('error', (error: Error) => {
    failure = error;
    notify();
  });
  for (;;) {
    const chunk = queue.shift();
    if (chunk) {
      queued -= chunk.length;
      if (queued < limit / 2 && stream.isPaused()) stream.resume();
      yield chunk;
      continue;
    }
    if (failure) throw failure;
    if (ended) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
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

/** The commits of a range, in `git log` order (newest first). */
export function listCommits(range: HistoryRange): string[] {
  if (range.revisions.length === 0) return [];
  const result = spawnSync('git', ['rev-list', ...range.revisions, '--'], { cwd: range.root, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  if (result.error || result.status !== 0) {
    throw new RuntimeError(`git rev-list over ${range.label} failed: ${result.error?.message ?? result.stderr.trim()}`);
  }
  return result.stdout.split('\n').filter(Boolean);
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
  const { units, parser } = streamPatches(range, config.maxFileSize, commits);
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

const skipReasons: Record<SkippedPatch['reason'], string> = {
  binary: 'binary file in history',
  submodule: 'submodule',
  'too-large': 'added text over maxFileSize in one commit',
};

/**
 * The history source: scans as it reads (inside the source, on the main thread or on worker
 * threads) and hands each (commit, file) over with its result, newest commit first. Findings are not yet
 * merged across commits: `mergeHistoryFindings` does that on the whole list.
 */
export function openHistorySource(options: HistorySourceOptions): HistorySource {
  const skipped: SkippedFile[] = [];
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
      skipped.push({
        file: displayPath(current.root, options.cwd, skip.file),
        reason: `${skipReasons[skip.reason]} (commit ${skip.commit.slice(0, 12)})`,
      });
    }
  }

  /** `--threads 1`: one `git log` for the whole range, scanned as it is read. */
  async function* onMainThread(current: HistoryRange, skips: Map<string, SkippedPatch>): AsyncGenerator<ScannedPatch> {
    const { units, parser } = streamPatches(current, options.config.maxFileSize);
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

/** A finding of a history scan: where the secret first appeared, and every commit that added it. */
export interface HistoryFinding extends Finding {
  /** The oldest commit of the range that added this secret to this file. */
  commit: string;
  /** That commit's author date (ISO 8601). */
  authorDate: string;
  /** Every commit of the range that added the secret to this file, oldest first. */
  commits: string[];
}

/**
 * One finding per secret and file: the same key added by several commits (added, removed,
 * added again; or cherry-picked onto two branches of the range) is reported once, at the
 * oldest commit that added it, with the list of all of them. `findings` come in the history
 * source's order (newest commit first); the result is in chronological order.
 */
export function mergeHistoryFindings(
  findings: ReadonlyArray<Finding & { authorDate?: string }>,
  authorDates: (commits: string[]) => Map<string, string> = () => new Map(),
): HistoryFinding[] {
  // Chronological rank of each commit: the source yields newest first.
  const rank = new Map<string, number>();
  for (let i = findings.length - 1; i >= 0; i--) {
    const commit = findings[i]!.commit ?? '';
    if (!rank.has(commit)) rank.set(commit, rank.size);
  }
  const groups = new Map<string, Array<Finding & { authorDate?: string }>>();
  for (const finding of findings) {
    const key = `${finding.fingerprint}\0${finding.file}`;
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  const merged = [...groups.values()].map((group): HistoryFinding => {
    const oldest = group[group.length - 1]!;
    const commits = [...new Set(group.map((finding) => finding.commit ?? '').reverse())];
    return { ...oldest, commit: oldest.commit ?? '', authorDate: oldest.authorDate ?? '', commits };
  });
  // Findings the pipeline adds itself (a committed .env file) carry no author date.
  const known = new Map<string, string>();
  for (const finding of findings) if (finding.commit && finding.authorDate) known.set(finding.commit, finding.authorDate);
  const missing = [...new Set(merged.filter((finding) => !finding.authorDate && finding.commit && !known.has(finding.commit)).map((finding) => finding.commit))];
  if (missing.length > 0) for (const [commit, date] of authorDates(missing)) known.set(commit, date);
  for (const finding of merged) if (!finding.authorDate) finding.authorDate = known.get(finding.commit) ?? '';
  // Stable sort: within one commit, the source's file and line order stays.
  return merged.sort((a, b) => rank.get(a.commit)! - rank.get(b.commit)!);
}

/** Author dates of commits, from one `git log --no-walk`. */
export function readAuthorDates(cwd: string, commits: string[]): Map<string, string> {
  const result = spawnSync('git', ['log', '--no-walk=unsorted', '--stdin', '--format=%H %aI'], {
    cwd,
    input: `${commits.join('\n')}\n`,
    encoding: 'utf8',
  });
  const dates = new Map<string, string>();
  if (result.status !== 0) return dates;
  for (const line of result.stdout.split('\n')) {
    const [commit, date] = line.split(' ');
    if (commit && date) dates.set(commit, date);
  }
  return dates;
}

/** The filter stage's first step in a history scan: `mergeHistoryFindings` (no entries of its own). */
export function historyMergeFilter(cwd: string): FindingFilter {
  return { name: 'history merge', apply: (findings) => mergeHistoryFindings(findings, (commits) => readAuthorDates(cwd, commits)) };
}

export interface HistoryScanResult {
  range: HistoryRange;
  findings: HistoryFinding[];
  suppressed: SuppressedFinding[];
  directives: UnitDirective[];
  stats: { commits: number; files: number; bytes: number; skipped: SkippedFile[] };
}

/** The history scan on its own (no config file, filters or report): source + merge. */
export async function scanHistory(options: HistorySourceOptions): Promise<HistoryScanResult> {
  const source = openHistorySource(options);
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const directives: UnitDirective[] = [];
  let files = 0;
  let bytes = 0;
  for await (const file of source.files()) {
    files++;
    bytes += file.bytes;
    findings.push(...(file.result?.findings ?? []));
    suppressed.push(...(file.result?.suppressed ?? []));
    directives.push(...((file.result?.directives ?? []) as UnitDirective[]));
  }
  return {
    range: source.range!,
    findings: mergeHistoryFindings(findings),
    suppressed,
    directives,
    stats: { commits: source.commits, files, bytes, skipped: source.skipped },
  };
}
