/**
 * `keyguard scan [PATH...]`: files and folders. Inside a git repo a folder lists what git would
 * commit (tracked + untracked-but-not-ignored, via `git ls-files`), so node_modules and ignored
 * files are never walked; outside git, a walk that skips node_modules and .git. A file named
 * explicitly is always scanned.
 */
// fs.promises, not node:fs/promises: loading that at start-up costs every staged scan ~2 ms (it
// brings readline and fs watchers with it), and only the scan of named paths needs it.
import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fsPromises, readdirSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { KeyguardConfig } from '@keyguard/core';
import { RuntimeError } from '../errors.js';
import { findRepoRoot, git } from '../git/run.js';
import { realPath, relativePosix } from '../paths.js';
import { READ_BYTES, WHOLE_FILE_BYTES } from './chunks.js';
import { BINARY_SNIFF_BYTES, decodeText, detectEncoding, skippedForSize } from './decode.js';
import type { SkippedFile, Source, SourcePart, SourceParts, UnreadName } from './types.js';
import type { FilesWorkerSetup } from '../workers/pool.js';
import { wholeFileBlocks, type ScanUnit } from '../scan/unit.js';

export interface FilesSourceOptions {
  cwd: string;
  paths: string[];
  maxFileSize: number;
  /** true for repo-relative paths the config allows (never scanned). */
  isPathAllowed: (repoPath: string) => boolean;
  /**
   * The scanner's config: with it, a large scan offers its files to worker threads in parts
   * (`Source.parts`); without it, the files are read on this thread.
   */
  config?: KeyguardConfig;
  /**
   * Worker threads. Default: one per core (`cores`) once the listing reaches `workersFrom` files,
   * else none (every file is read on this thread); 1 keeps every scan on this thread.
   */
  threads?: number;
  /** Files a listing must reach for the default to use workers (default WORKERS_FROM_FILES). */
  workersFrom?: number;
  /** Cores the default spreads over (default `availableParallelism()`). */
  cores?: number;
  /** Files per worker job (default FILES_PER_PART). */
  filesPerPart?: number;
  /** Where the worker script is (default: beside the pool module or bundle). */
  workerUrl?: URL;
}

/** A file to read: what the walk or git listed, and what a worker thread is sent of it. */
export interface Candidate {
  absolute: string;
  /**
   * The path's bytes, when a name on it is not valid UTF-8: `absolute` then holds U+FFFD for
   * them (what reports show) and cannot be opened, these bytes can.
   */
  raw?: Buffer;
  /** The folder walk's entry said "regular file": no lstat is needed before opening it. */
  regular?: boolean;
  /** Listed by git (committed or about to be): the .env policy applies. */
  inGit: boolean;
  /** What config globs are matched against: the repo root of the file, else the cwd. */
  base: string;
}

const WALK_SKIP = new Set(['node_modules', '.git']);
type Opened =
  | { kind: 'file'; bytes: Buffer }
  /** Too large to read whole: the open file, read in pieces as it is scanned (the reader closes it). */
  | { kind: 'large'; fd: number; size: number }
  | { kind: 'missing' | 'symlink' | 'directory' | 'special' }
  | { kind: 'too-large'; size: number }
  | { kind: 'unreadable'; code: string };

/**
 * A file is only ever opened once it is known to be a regular file: from the folder walk's entry
 * type, else from an lstat (git's list and named paths may hold a FIFO or a device in the work
 * tree, and opening one has side effects: a FIFO's waiting writer would be released into a
 * closed pipe). Where the platform has O_NOFOLLOW the open cannot follow a symlink put there
 * since (ELOOP; EMLINK on FreeBSD, EFTYPE on NetBSD), and O_NONBLOCK keeps a FIFO swapped in
 * since from blocking the scan; fstat on the open file says what was opened, and its size.
 * Skipping the lstat for walked files saved ~8% of a full-corpus scan.
 */
const NO_FOLLOW = process.platform === 'win32' ? undefined : constants.O_NOFOLLOW;
const SYMLINK_ERRORS = new Set(['ELOOP', 'EMLINK', 'EFTYPE']);

function openRegularFile(file: string | Buffer, maxFileSize: number, knownRegular: boolean): Opened {
  if (NO_FOLLOW === undefined) return lstatThenRead(file, maxFileSize);
  if (!knownRegular) {
    const before = lstatOf(file);
    if (before.kind !== 'file') return before;
  }
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | NO_FOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (SYMLINK_ERRORS.has(code)) return { kind: 'symlink' };
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    // A socket cannot be opened at all.
    if (code === 'ENXIO') return { kind: 'special' };
    return { kind: 'unreadable', code };
  }
  let keepOpen = false;
  try {
    const stats = fstatSync(fd);
    const kind = classify(stats);
    if (kind !== undefined) return { kind };
    if (stats.size > maxFileSize) return { kind: 'too-large', size: stats.size };
    if (stats.size > WHOLE_FILE_BYTES) {
      keepOpen = true;
      return { kind: 'large', fd, size: stats.size };
    }
    const bytes = readAll(fd, stats.size, maxFileSize);
    // a file that reported size 0 (some virtual file systems do) and read past the limit
    if (bytes.length > maxFileSize) return { kind: 'too-large', size: bytes.length };
    return { kind: 'file', bytes };
  } catch (error) {
    return { kind: 'unreadable', code: (error as NodeJS.ErrnoException).code ?? String(error) };
  } finally {
    if (!keepOpen) closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // a close that fails (EIO on a network file system) loses nothing that was read
  }
}

/** The first bytes of an open file (what the binary check reads). */
function readHead(fd: number, size: number): Buffer {
  const head = Buffer.allocUnsafe(Math.min(size, BINARY_SNIFF_BYTES));
  let length = 0;
  while (length < head.length) {
    const read = readSync(fd, head, length, head.length - length, length);
    if (read === 0) break;
    length += read;
  }
  return head.subarray(0, length);
}

/**
 * A large file's bytes, a piece at a time, up to the size fstat gave (a file that grows while it
 * is read is scanned as it was); closes the file when done or abandoned.
 */
function* readPieces(fd: number, size: number): Generator<Uint8Array> {
  const buffer = Buffer.allocUnsafe(READ_BYTES);
  try {
    for (let position = 0; position < size; ) {
      const read = readSync(fd, buffer, 0, Math.min(buffer.length, size - position), position);
      if (read === 0) break;
      position += read;
      // decoded before the next piece is read: the buffer is reused
      yield buffer.subarray(0, read);
    }
  } finally {
    closeQuietly(fd);
  }
}

/** What an lstat says of a path: 'file' for a regular file, else what is there instead. */
function lstatOf(file: string | Buffer): { kind: 'file' } | Exclude<Opened, { kind: 'file' } | { kind: 'too-large' } | { kind: 'large' }> {
  let stats: Stats | undefined;
  try {
    stats = lstatSync(file, { throwIfNoEntry: false });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'unreadable', code };
  }
  if (!stats) return { kind: 'missing' };
  return { kind: classify(stats) ?? 'file' };
}

function classify(stats: Stats): 'symlink' | 'directory' | 'special' | undefined {
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isDirectory()) return 'directory';
  return stats.isFile() ? undefined : 'special';
}

/**
 * One read buffer for the whole scan: a file is decoded to a string before the next one is read,
 * so its bytes never outlive the call, and a scan of many small files allocates no buffers
 * (their garbage collection was 5% of a full-corpus profile).
 */
let readBuffer = Buffer.allocUnsafe(1 << 20);

/**
 * Reads an open file's fstat size, as readFileSync does: a file that grows while it is read is
 * scanned as it was at fstat (the extra read that would find out cost a system call per file).
 * A size of 0 is read to its end, never past the limit + 1: some virtual files report 0.
 * The bytes live in the shared read buffer: use them before the next read.
 */
function readAll(fd: number, size: number, maxFileSize: number): Buffer {
  const ceiling = maxFileSize + 1;
  const grow = (needed: number, keep: number) => {
    if (readBuffer.length >= needed) return;
    const grown = Buffer.allocUnsafe(Math.min(Math.max(needed, readBuffer.length * 2), ceiling));
    readBuffer.copy(grown, 0, 0, keep);
    readBuffer = grown;
  };
  const end = size > 0 ? size : ceiling;
  grow(Math.min(size, ceiling), 0);
  let length = 0;
  while (length < end) {
    if (length === readBuffer.length) grow(length + 1, length);
    const read = readSync(fd, readBuffer, length, Math.min(readBuffer.length, end) - length, null);
    if (read === 0) break;
    length += read;
  }
  return readBuffer.subarray(0, length);
}

/** Platforms without O_NOFOLLOW (Windows): look at the name first, then read. */
function lstatThenRead(file: string | Buffer, maxFileSize: number): Opened {
  const before = lstatOf(file);
  if (before.kind !== 'file') return before;
  try {
    const size = statSync(file).size;
    if (size > maxFileSize) return { kind: 'too-large', size };
    if (size > WHOLE_FILE_BYTES) return { kind: 'large', fd: openSync(file, 'r'), size };
    const bytes = readFileSync(file);
    return bytes.length > maxFileSize ? { kind: 'too-large', size: bytes.length } : { kind: 'file', bytes };
  } catch (error) {
    return { kind: 'unreadable', code: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
}

/** Where a loaded file's skips and unread names go: the source's own lists, or a worker part's. */
interface LoadContext {
  /** The scan's cwd (real path): reports show paths relative to it. */
  cwd: string;
  maxFileSize: number;
  skipped: SkippedFile[];
  unreadNames: UnreadName[];
}

const repoPathOf = (candidate: Candidate) => relativePosix(candidate.base, candidate.absolute);

/**
 * Synchronous on purpose: per small file, the promise API's thread-pool round trips (open,
 * fstat, read, close) cost more than the read itself; `pnpm bench` measured the full scan 2x
 * faster so. The same goes for the walk's readdir.
 */
function loadCandidate(candidate: Candidate, context: LoadContext): ScanUnit | undefined {
  const { cwd, maxFileSize, skipped, unreadNames } = context;
  const path = relativePosix(cwd, candidate.absolute);
  const repoPath = repoPathOf(candidate);
  const opened = openRegularFile(candidate.raw ?? candidate.absolute, maxFileSize, candidate.regular === true);
  switch (opened.kind) {
    case 'missing':
      // A name that is not valid UTF-8 and could not be opened by its bytes either (on Windows,
      // say): say so, never drop it silently.
      if (candidate.raw || path.includes('\uFFFD')) skipped.push({ file: path, kind: 'unreadable', reason: 'unreadable (file name is not valid UTF-8)' });
      // Otherwise tracked but deleted from the work tree: nothing to read, nothing that could leak.
      return undefined;
    case 'symlink':
      // The target is scanned on its own if it is in the project; the link's name still matters (.env).
      if (candidate.inGit) unreadNames.push({ path, repoPath });
      return undefined;
    case 'directory':
      skipped.push({ file: path, kind: 'submodule', reason: 'submodule' });
      if (candidate.inGit) unreadNames.push({ path, repoPath }); // the .env policy still sees the name
      return undefined;
    case 'special':
      skipped.push({ file: path, kind: 'not-a-file', reason: 'not a regular file' });
      if (candidate.inGit) unreadNames.push({ path, repoPath }); // the .env policy still sees the name
      return undefined;
    case 'too-large':
      skipped.push({ file: path, kind: 'too-large', reason: skippedForSize(opened.size, maxFileSize) });
      if (candidate.inGit) unreadNames.push({ path, repoPath }); // the .env policy still sees the name
      return undefined;
    case 'unreadable':
      skipped.push({ file: path, kind: 'unreadable', reason: `unreadable (${opened.code})` });
      if (candidate.inGit) unreadNames.push({ path, repoPath }); // the .env policy still sees the name
      return undefined;
  }
  if (opened.kind === 'large') {
    const encoding = detectEncoding(readHead(opened.fd, opened.size), opened.size);
    if (encoding === undefined) {
      closeQuietly(opened.fd);
      skipped.push({ file: path, kind: 'binary', reason: 'binary' });
      if (candidate.inGit) unreadNames.push({ path, repoPath }); // the .env policy still sees the name
      return undefined;
    }
    return { file: path, repoPath, blocks: [], bytes: opened.size, envPolicy: candidate.inGit, stream: { encoding, pieces: readPieces(opened.fd, opened.size) } };
  }
  const { bytes } = opened;
  const encoding = detectEncoding(bytes);
  if (encoding === undefined) {
    skipped.push({ file: path, kind: 'binary', reason: 'binary' });
    if (candidate.inGit) unreadNames.push({ path, repoPath }); // the .env policy still sees the name
    return undefined;
  }
  return { file: path, repoPath, blocks: wholeFileBlocks(decodeText(bytes, encoding)), bytes: bytes.length, envPolicy: candidate.inGit };
}

/** What a PATH names, resolved before anything is read (a missing PATH fails the scan at once). */
type Named =
  | { kind: 'file'; absolute: string }
  /** `listing`: git's list of the folder, started at once so that git runs while the engine is built. */
  | { kind: 'git-folder'; absolute: string; root: string; listing: Promise<ListedName[]> }
  | { kind: 'folder'; absolute: string };

/** Candidates are handed on in slices of this many as a folder walk finds them, so workers start before the walk ends. */
const LIST_SLICE = 256;

export async function openFilesSource(options: FilesSourceOptions): Promise<Source> {
  const cwd = realPath(options.cwd);
  const repoRoot = await findRepoRoot(cwd);
  /** Unreadable folders of a walk: listed before the files' skips, whenever the walk meets them. */
  const folderSkips: SkippedFile[] = [];
  const fileSkips: SkippedFile[] = [];
  const unreadNames: UnreadName[] = [];
  const named: Named[] = [];
  /** Explicitly named files, by the repo they are in. */
  const explicitInRepos = new Map<string, string[]>();

  for (const given of options.paths.length > 0 ? options.paths : ['.']) {
    const absolute = realPath(resolve(cwd, given));
    const stats = await fsPromises.lstat(absolute).catch(() => undefined);
    if (!stats) throw new RuntimeError(`${given}: no such file or directory`);
    // Most PATHs are in the cwd's repo; one outside it may be in a repo of its own.
    const root =
      repoRoot !== undefined && isInside(repoRoot, absolute) ? repoRoot : await findRepoRoot(stats.isDirectory() ? absolute : dirname(absolute));
    if (!stats.isDirectory()) {
      if (root === undefined) named.push({ kind: 'file', absolute });
      else explicitInRepos.set(root, [...(explicitInRepos.get(root) ?? []), absolute]);
    } else {
      named.push(root === undefined ? { kind: 'folder', absolute } : { kind: 'git-folder', absolute, root, listing: quietUntilAwaited(listGitFiles(absolute)) });
    }
  }
  // A file named explicitly is scanned even if git ignores it, but only a file git would
  // commit falls under the .env policy (an ignored local .env is where secrets belong).
  const explicitListings = [...explicitInRepos].map(([root, files]) => ({
    root,
    files,
    listing: quietUntilAwaited(listGitFiles(root, files.map((file) => relativePosix(root, file)))),
  }));

  /**
   * The files to read, in order, each once, without the paths config allows: in slices as they are
   * listed, so that reading starts while a long folder walk goes on.
   */
  async function* listed(): AsyncGenerator<Candidate[]> {
    const seen = new Set<string>();
    let slice: Candidate[] = [];
    const add = (absolute: string, inGit: boolean, base: string, raw?: Buffer, regular?: boolean) => {
      if (seen.has(absolute)) return;
      seen.add(absolute);
      const candidate: Candidate = { absolute, inGit, base };
      if (raw) candidate.raw = raw;
      if (regular) candidate.regular = true;
      if (!options.isPathAllowed(repoPathOf(candidate))) slice.push(candidate);
    };
    const take = () => {
      const taken = slice;
      slice = [];
      return taken;
    };
    for (const entry of named) {
      if (entry.kind === 'file') {
        add(entry.absolute, false, cwd);
      } else if (entry.kind === 'git-folder') {
        const { absolute, root } = entry;
        for (const file of await entry.listing) add(childPath(absolute, file.name), true, root, file.raw && rawJoin(Buffer.from(absolute), file.raw));
      } else {
        const onError = (dir: string, code: string) => folderSkips.push({ file: relativePosix(cwd, dir), kind: 'unreadable', reason: `unreadable folder (${code})` });
        for (const file of walk(entry.absolute, undefined, onError)) {
          add(file.path, false, cwd, file.raw, file.regular);
          if (slice.length >= LIST_SLICE) yield take();
        }
      }
      if (slice.length > 0) yield take();
    }
    for (const { root, files, listing } of explicitListings) {
      const inGit = new Set((await listing).map((file) => file.name));
      for (const file of files) add(file, inGit.has(relativePosix(root, file)), root);
    }
    if (slice.length > 0) yield take();
  }

  const context: LoadContext = { cwd, maxFileSize: options.maxFileSize, skipped: fileSkips, unreadNames };

  // The listing, read once: slices `parts` looked at to size the scan (`head`), then the rest.
  let head: Candidate[][] = [];
  let rest: AsyncGenerator<Candidate[]> | undefined;
  async function* listing(): AsyncGenerator<Candidate[]> {
    const looked = head;
    head = [];
    yield* looked;
    yield* (rest ??= listed());
  }

  /**
   * A large scan on a machine with more than one core: the files in batches, each read, decoded
   * and scanned by a worker thread; the batches' skips come back in order, so every thread count
   * gives the same report. Without --threads, a scan whose listing stays under `workersFrom`
   * files stays on this thread: it is done before workers would have paid for their start.
   */
  let sized: Promise<SourceParts<Candidate[], FilesPartTail> | undefined> | undefined;
  // asked once, whoever asks again gets the same answer (the listing it looked at is read once)
  const parts = () => (sized ??= sizedParts());
  async function sizedParts(): Promise<SourceParts<Candidate[], FilesPartTail> | undefined> {
    const threads = options.threads ?? Math.max(1, options.cores ?? process.getBuiltinModule('node:os').availableParallelism());
    if (options.config === undefined || threads <= 1) return undefined;
    if (options.threads === undefined) {
      const workersFrom = options.workersFrom ?? WORKERS_FROM_FILES;
      rest = listed();
      let files = 0;
      while (files < workersFrom) {
        const next = await rest.next();
        if (next.done) return undefined;
        head.push(next.value);
        files += next.value.length;
      }
    }
    const size = options.filesPerPart ?? FILES_PER_PART;
    async function* jobs(): AsyncGenerator<Candidate[]> {
      let batch: Candidate[] = [];
      for await (const slice of listing()) {
        for (const candidate of slice) {
          batch.push(candidate);
          if (batch.length === size) {
            yield batch;
            batch = [];
          }
        }
      }
      if (batch.length > 0) yield batch;
    }
    return {
      threads,
      setup: { kind: 'files', config: options.config, cwd, maxFileSize: options.maxFileSize },
      jobs: jobs(),
      // a batch of large files holds up only its own worker: the others' answers may wait for it
      window: threads * PARTS_AHEAD_PER_THREAD,
      ...(options.workerUrl === undefined ? {} : { workerUrl: options.workerUrl }),
      absorb(tail) {
        for (const skip of tail.skipped) fileSkips.push(skip);
        for (const name of tail.unreadNames) unreadNames.push(name);
      },
      close() {},
    };
  }

  return {
    repoRoot,
    get skipped() {
      return [...folderSkips, ...fileSkips];
    },
    unreadNames,
    parts,
    async *units() {
      for await (const slice of listing()) {
        for (const candidate of slice) {
          const unit = loadCandidate(candidate, context);
          if (unit) yield unit;
        }
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Worker-thread scans: the files in batches, each read, decoded and scanned by one worker.

/**
 * Without --threads, a scan of files goes to worker threads (one per core) once its listing
 * reaches this many files. Quiet 2-core run (pnpm bench, b69f649): two workers lost 0.23 s wall
 * on 1,663 files and 0.14 s on 3,325, and won 2.58 s on 53,185; a line through the three puts
 * the break-even near 6,000 files of that corpus (docs/benchmarks.md).
 */
export const WORKERS_FROM_FILES = 10_000;

/** Files per worker job: small enough that a batch of large files does not leave a core idle for long. */
export const FILES_PER_PART = 256;

/**
 * Batches a thread may run ahead of the oldest unanswered one: a worker's answer holds only the
 * files that found something (scan/pipeline.ts `mattersHere`), so waiting answers cost little.
 */
const PARTS_AHEAD_PER_THREAD = 16;

/** What a worker learnt from its batch besides the units: its skips and unread names, in order. */
export interface FilesPartTail {
  skipped: SkippedFile[];
  unreadNames: UnreadName[];
}

/** One batch of files, read and decoded by a worker (the units are scanned by the pipeline's code there). */
export function openFilesPart(setup: FilesWorkerSetup, candidates: readonly Candidate[]): SourcePart<FilesPartTail> {
  const tail: FilesPartTail = { skipped: [], unreadNames: [] };
  const context: LoadContext = { cwd: setup.cwd, maxFileSize: setup.maxFileSize, ...tail };
  async function* read(): AsyncGenerator<ScanUnit> {
    for (const candidate of candidates) {
      // a Buffer crosses threads as a plain Uint8Array
      const unit = loadCandidate(candidate.raw ? { ...candidate, raw: Buffer.from(candidate.raw.buffer, candidate.raw.byteOffset, candidate.raw.byteLength) } : candidate, context);
      if (unit) yield unit;
    }
  }
  return { units: read(), tail: () => tail };
}

/** A promise awaited later: a rejection meanwhile is not unhandled (the await still throws it). */
function quietUntilAwaited<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function isInside(root: string, absolute: string): boolean {
  const relative = relativePosix(root, absolute);
  return relative === '.' || (!relative.startsWith('../') && relative !== '..');
}

/**
 * `dir`/`name` for a folder already spelled plainly (a real path) and a name from readdir or
 * git's list: a concatenation, not `join`'s normalisation, which cost ~20% of listing a
 * 52k-file tree. Windows keeps `join` (git's names use `/`).
 */
function childPath(dir: string, name: string): string {
  if (sep !== '/') return join(dir, name);
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** A listed name: as text (U+FFFD for bytes that are not UTF-8), and its bytes when it is not valid UTF-8. */
interface ListedName {
  name: string;
  raw?: Buffer;
}

const SLASH = Buffer.from('/');

function rawJoin(dir: Buffer, name: Buffer): Buffer {
  return Buffer.concat([dir, SLASH, name]);
}

/** The name's text, and its bytes too when they are not valid UTF-8 (the text would not round-trip). */
function nameOf(bytes: Buffer): ListedName {
  const name = bytes.toString('utf8');
  return name.includes('\uFFFD') && !Buffer.from(name).equals(bytes) ? { name, raw: bytes } : { name };
}

/** Files git would commit under `dir` (or of `files`, paths relative to `dir`), relative to it. */
async function listGitFiles(dir: string, files: string[] = []): Promise<ListedName[]> {
  // node_modules is never walked, even where .gitignore forgets it (tracked files in it are listed).
  const pathspecs = files.length > 0 ? ['--', ...files.map((file) => `:(literal)${file}`)] : [];
  const { stdout } = await git(
    ['-c', 'core.quotePath=false', 'ls-files', '-z', '--cached', '--others', '--exclude-standard', '--exclude=node_modules/', ...pathspecs],
    { cwd: dir },
  );
  // Unmerged entries appear once per stage. Split the bytes, not decoded text, so a name that is
  // not valid UTF-8 keeps its bytes.
  const seen = new Set<string>();
  const listed: ListedName[] = [];
  for (let start = 0; start < stdout.length; ) {
    let end = stdout.indexOf(0, start);
    if (end === -1) end = stdout.length;
    const entry = nameOf(stdout.subarray(start, end));
    const key = entry.raw ? entry.raw.toString('latin1') : entry.name;
    if (entry.name.length > 0 && !seen.has(key)) {
      seen.add(key);
      listed.push(entry.raw ? { name: entry.name, raw: Buffer.from(entry.raw) } : entry);
    }
    start = end + 1;
  }
  return listed;
}

interface WalkEntry {
  name: string;
  /** The entry's whole path as bytes, when the path holds a name that is not valid UTF-8. */
  raw?: Buffer;
  isDirectory: boolean;
  /** A regular file, by the entry's type (false when the file system does not say). */
  isFile: boolean;
}

/**
 * Every file under `dir`, skipping node_modules and .git. `rawDir` is `dir`'s bytes when a
 * folder name on the way was not valid UTF-8: such a folder is read, and its files opened, by
 * their bytes.
 */
function* walk(
  dir: string,
  rawDir: Buffer | undefined,
  onError: (dir: string, code: string) => void,
): Generator<{ path: string; raw?: Buffer; regular: boolean }> {
  let entries: WalkEntry[];
  try {
    entries = readEntries(dir, rawDir);
  } catch (error) {
    onError(dir, (error as NodeJS.ErrnoException).code ?? String(error));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (WALK_SKIP.has(entry.name)) continue;
    const full = childPath(dir, entry.name);
    if (entry.isDirectory) yield* walk(full, entry.raw, onError);
    else yield entry.raw ? { path: full, raw: entry.raw, regular: entry.isFile } : { path: full, regular: entry.isFile };
  }
}

function readEntries(dir: string, rawDir: Buffer | undefined): WalkEntry[] {
  if (rawDir === undefined) {
    const dirents = readdirSync(dir, { withFileTypes: true });
    // readdir decodes names as UTF-8: a U+FFFD may stand for bytes that are not, so read those again as bytes
    if (!dirents.some((dirent) => dirent.name.includes('\uFFFD'))) {
      return dirents.map((dirent) => ({ name: dirent.name, isDirectory: dirent.isDirectory(), isFile: dirent.isFile() }));
    }
  }
  const base = rawDir ?? Buffer.from(dir);
  return readdirSync(base, { withFileTypes: true, encoding: 'buffer' }).map((dirent) => {
    const bytes = dirent.name as unknown as Buffer;
    const { name, raw } = nameOf(bytes);
    return { name, isDirectory: dirent.isDirectory(), isFile: dirent.isFile(), ...(raw || rawDir ? { raw: rawJoin(base, bytes) } : {}) };
  });
}
