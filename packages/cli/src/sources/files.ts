/**
 * `keyguard scan [PATH...]`: files and folders. Inside a git repo a folder lists what git would
 * commit (tracked + untracked-but-not-ignored, via `git ls-files`), so node_modules and ignored
 * files are never walked; outside git, a walk that skips node_modules and .git. A file named
 * explicitly is always scanned.
 */
import { lstatSync, readFileSync, type Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { RuntimeError } from '../errors.js';
import { findRepoRoot, git, splitNul } from '../git.js';
import { realPath, relativePosix } from '../paths.js';
import { decodeText, isBinary, skippedForSize } from './decode.js';
import type { SkippedFile, Source, SourceFile } from './types.js';

export interface FilesSourceOptions {
  cwd: string;
  paths: string[];
  maxFileSize: number;
  /** true for repo-relative paths the config allows (never scanned). */
  isPathAllowed: (repoPath: string) => boolean;
}

interface Candidate {
  absolute: string;
  /** Listed by git (committed or about to be): the .env policy applies. */
  inGit: boolean;
  /** What config globs are matched against: the repo root of the file, else the cwd. */
  base: string;
}

const WALK_SKIP = new Set(['node_modules', '.git']);
/** Reads in flight at once: enough to keep the disk busy while the engine scans. */
const READ_AHEAD = 16;

/**
 * Synchronous on purpose: per small file, the promise API's thread-pool round trips (open, fstat,
 * read, close) cost more than the read itself; `pnpm bench` measured the full scan 2x faster so.
 */
function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

export async function openFilesSource(options: FilesSourceOptions): Promise<Source> {
  const cwd = realPath(options.cwd);
  const repoRoot = await findRepoRoot(cwd);
  const candidates = new Map<string, Candidate>();
  const skipped: SkippedFile[] = [];
  const unreadNames: Array<{ path: string; repoPath: string }> = [];
  const add = (absolute: string, inGit: boolean, base: string) => {
    if (!candidates.has(absolute)) candidates.set(absolute, { absolute, inGit, base });
  };
  /** Explicitly named files, by the repo they are in. */
  const explicitInRepos = new Map<string, string[]>();

  for (const given of options.paths.length > 0 ? options.paths : ['.']) {
    const absolute = realPath(resolve(cwd, given));
    const stats = await lstat(absolute).catch(() => undefined);
    if (!stats) throw new RuntimeError(`${given}: no such file or directory`);
    // Most PATHs are in the cwd's repo; one outside it may be in a repo of its own.
    const root =
      repoRoot !== undefined && isInside(repoRoot, absolute) ? repoRoot : await findRepoRoot(stats.isDirectory() ? absolute : dirname(absolute));
    if (!stats.isDirectory()) {
      if (root === undefined) add(absolute, false, cwd);
      else explicitInRepos.set(root, [...(explicitInRepos.get(root) ?? []), absolute]);
    } else if (root !== undefined) {
      for (const file of await listGitFiles(absolute)) add(join(absolute, file), true, root);
    } else {
      for await (const file of walk(absolute, (dir, code) => skipped.push({ file: relativePosix(cwd, dir), reason: `unreadable folder (${code})` }))) {
        add(file, false, cwd);
      }
    }
  }

  for (const [root, files] of explicitInRepos) {
    // A file named explicitly is scanned even if git ignores it, but only a file git would
    // commit falls under the .env policy (an ignored local .env is where secrets belong).
    const listed = new Set(await listGitFiles(root, files.map((file) => relativePosix(root, file))));
    for (const file of files) add(file, listed.has(relativePosix(root, file)), root);
  }

  const repoPathOf = (candidate: Candidate) => relativePosix(candidate.base, candidate.absolute);
  const ordered = [...candidates.values()].filter((candidate) => !options.isPathAllowed(repoPathOf(candidate)));

  async function load(candidate: Candidate): Promise<SourceFile | undefined> {
    const path = relativePosix(cwd, candidate.absolute);
    const repoPath = repoPathOf(candidate);
    const stats = lstatOrUndefined(candidate.absolute);
    if (!stats) {
      // A name that is not valid UTF-8 came back from git or readdir with U+FFFD in it and cannot
      // be opened by that name: say so, never drop it silently.
      if (path.includes('\uFFFD')) skipped.push({ file: path, reason: 'unreadable (file name is not valid UTF-8)' });
      // Otherwise tracked but deleted from the work tree: nothing to read, nothing that could leak.
      return undefined;
    }
    if (stats.isSymbolicLink()) {
      // The target is scanned on its own if it is in the project; the link's name still matters (.env).
      if (candidate.inGit) unreadNames.push({ path, repoPath });
      return undefined;
    }
    if (stats.isDirectory()) {
      skipped.push({ file: path, reason: 'submodule' });
      return undefined;
    }
    if (!stats.isFile()) {
      skipped.push({ file: path, reason: 'not a regular file' });
      return undefined;
    }
    if (stats.size > options.maxFileSize) {
      skipped.push({ file: path, reason: skippedForSize(stats.size, options.maxFileSize) });
      return undefined;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(candidate.absolute);
    } catch (error) {
      skipped.push({ file: path, reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      return undefined;
    }
    if (isBinary(bytes)) {
      skipped.push({ file: path, reason: 'binary' });
      return undefined;
    }
    return { path, repoPath, text: decodeText(bytes), bytes: bytes.length, envPolicy: candidate.inGit };
  }

  return {
    repoRoot,
    skipped,
    unreadNames,
    async *files() {
      const pending: Array<Promise<SourceFile | undefined>> = [];
      let next = 0;
      while (next < ordered.length && pending.length < READ_AHEAD) pending.push(load(ordered[next++]!));
      while (pending.length > 0) {
        const file = await pending.shift()!;
        if (next < ordered.length) pending.push(load(ordered[next++]!));
        if (file) yield file;
      }
    },
  };
}

function isInside(root: string, absolute: string): boolean {
  const relative = relativePosix(root, absolute);
  return relative === '.' || (!relative.startsWith('../') && relative !== '..');
}

/** Files git would commit under `dir` (or of `files`, paths relative to `dir`), relative to it. */
async function listGitFiles(dir: string, files: string[] = []): Promise<string[]> {
  // node_modules is never walked, even where .gitignore forgets it (tracked files in it are listed).
  const pathspecs = files.length > 0 ? ['--', ...files.map((file) => `:(literal)${file}`)] : [];
  const { stdout } = await git(
    ['-c', 'core.quotePath=false', 'ls-files', '-z', '--cached', '--others', '--exclude-standard', '--exclude=node_modules/', ...pathspecs],
    { cwd: dir },
  );
  // Unmerged entries appear once per stage.
  return [...new Set(splitNul(stdout))];
}

async function* walk(dir: string, onError: (dir: string, code: string) => void): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    onError(dir, (error as NodeJS.ErrnoException).code ?? String(error));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (WALK_SKIP.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full, onError);
    else yield full;
  }
}
