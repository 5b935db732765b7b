/**
 * `keyguard scan --staged [PATH...]`: what the next commit would contain. Reads the index blobs
 * (never the working tree), so a key staged and then cleaned in the working tree is still
 * caught and a key only in an unstaged hunk is not. Only lines added against HEAD are reported
 * (an untouched old line does not block an unrelated commit) unless `--all-lines`.
 *
 * Everything is read-only: no stash, no checkout, no index write — a pre-commit run never
 * changes the user's working tree or index.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lineIndexAt, lineStarts, linesOverlappingLfLines } from '@keyguard/core';
import { RuntimeError } from '../errors.js';
import { addedLinesByPath, parseRawDiff, type StagedEntry } from '../git/diff.js';
import { blobPieces, peek, streamBlobs } from '../git/blobs.js';
import { git, splitNul } from '../git/run.js';
import { HEAD_HUNKS, hunksCall, locateCall, rawDiffCall } from '../git/staged-calls.js';
import { realPath, relativePosix } from '../paths.js';
import { WHOLE_FILE_BYTES } from './chunks.js';
import { BINARY_SNIFF_BYTES, decodeText, detectEncoding, skippedForSize } from './decode.js';
import type { SkipKind, SkippedFile, Source } from './types.js';
import { wholeFileBlocks, type StreamedText } from '../scan/unit.js';

export interface StagedSourceOptions {
  cwd: string;
  /** PATH arguments (lint-staged passes absolute paths): narrow the scan to these staged files. */
  paths: string[];
  allLines: boolean;
  maxFileSize: number;
  isPathAllowed: (repoPath: string) => boolean;
}

const SUBMODULE_MODE = '160000';
const SYMLINK_MODE = '120000';

export async function openStagedSource(options: StagedSourceOptions): Promise<Source> {
  const cwd = realPath(options.cwd);
  // Every commit pays for this path, so the three git calls that need nothing from each other
  // run at once. With no revision, `git diff --cached` compares with HEAD, or with the empty
  // tree before the first commit; paths are repo-relative from any folder (diff.relative off).
  // The entry has started these three already for `keyguard scan --staged` (git/staged-calls.ts).
  const located = locateRepo(cwd);
  const rawDiff = git(...rawDiffCall(cwd));
  // New files (A) are reported whole and need no hunks: leave them out of the patch.
  const headHunks = options.allLines ? undefined : addedLines(cwd, HEAD_HUNKS);
  // Outside a repo all three fail; the first one awaited explains why. Keep the others quiet.
  for (const pending of [rawDiff, headHunks]) pending?.catch(() => undefined);
  const { root, merging } = await located;
  const raw = await rawDiff;
  const narrow = pathFilter(cwd, root, options.paths);
  const skipped: SkippedFile[] = [];
  const display = (repoPath: string) => relativePosix(cwd, join(root, repoPath));
  // every file the commit holds but keyguard does not read still meets the .env policy by name
  const unreadNames: Array<{ path: string; repoPath: string }> = [];
  const skip = (repoPath: string, kind: SkipKind, reason: string) => {
    skipped.push({ file: display(repoPath), kind, reason });
    unreadNames.push({ path: display(repoPath), repoPath });
  };

  const entries: StagedEntry[] = [];
  for (const entry of parseRawDiff(splitNul(raw.stdout))) {
    if (!narrow(entry.path) || options.isPathAllowed(entry.path)) continue;
    // Deletions leave nothing in the commit to scan.
    if (entry.status === 'D') continue;
    if (entry.status === 'U') {
      skip(entry.path, 'unmerged', 'unmerged (resolve the conflict and stage the file)');
      continue;
    }
    if (entry.newMode === SUBMODULE_MODE) {
      skip(entry.path, 'submodule', 'submodule');
      continue;
    }
    entries.push(entry);
  }

  // Lines added against HEAD — and, while a merge is in progress, against the merged branch too,
  // so only the merge's own new content is reported, not what the other branch brought.
  const newFiles = new Set(entries.filter((entry) => entry.status === 'A').map((entry) => entry.path));
  const hunks = headHunks?.then((againstHead) => (merging ? mergeOwnLines(root, againstHead, newFiles) : againstHead));
  // Blob contents stream from one `git cat-file --batch`, started now so that git runs while the
  // added lines are read; the scan takes one blob at a time, so a huge commit (a vendored folder)
  // never sits in memory at once, and a blob over maxFileSize is passed over as it goes by.
  // A blob too large to hold whole (but under maxFileSize) comes back as its size: it is then
  // piped from a git of its own and scanned in chunks as it streams.
  const blobs = streamBlobs(root, entries.map((entry) => entry.newBlob), Math.min(options.maxFileSize, WHOLE_FILE_BYTES));
  const first = blobs.next();
  first.catch(() => undefined); // awaited in files()
  let linesAdded: Map<string, Set<number>> | undefined;
  try {
    linesAdded = await hunks;
  } catch (error) {
    await blobs.return(undefined); // stops git: nothing will read the blobs
    throw error;
  }

  return {
    repoRoot: root,
    skipped,
    unreadNames,
    async *units() {
      let next = first;
      try {
        for (const entry of entries) {
          const blob = await next;
          if (blob.done) throw new RuntimeError(`git cat-file --batch ended before ${entry.path}`);
          next = blobs.next();
          next.catch(() => undefined); // awaited on the next turn
          const path = display(entry.path);
          const { bytes } = blob.value;
          if (bytes === undefined && blob.value.size > options.maxFileSize) {
            skip(entry.path, 'too-large', skippedForSize(blob.value.size, options.maxFileSize));
            continue;
          }
          if (bytes === undefined) {
            const { head, all } = await peek(blobPieces(root, entry.newBlob), BINARY_SNIFF_BYTES);
            const encoding = detectEncoding(head, blob.value.size);
            if (encoding === undefined) {
              await all.return(undefined);
              skip(entry.path, 'binary', 'binary');
              continue;
            }
            const stream: StreamedText = { encoding, pieces: all };
            if (linesAdded && (entry.status !== 'A' || merging) && encoding === 'utf-8') {
              // git's LF-numbered added lines, mapped onto each chunk by the pipeline; a UTF-16
              // file this large reports every line (git's line count of it is off, see utf16TextLines)
              stream.reportLfLines = linesAdded.get(entry.path) ?? (entry.newMode === SYMLINK_MODE ? new Set([1]) : new Set<number>());
            }
            yield { file: path, repoPath: entry.path, blocks: [], bytes: blob.value.size, stream };
            continue;
          }
          const encoding = detectEncoding(bytes);
          if (encoding === undefined) {
            skip(entry.path, 'binary', 'binary');
            continue;
          }
          const text = decodeText(bytes, encoding);
          let reportLines: Set<number> | undefined;
          if (linesAdded && (entry.status !== 'A' || merging)) {
            // A typechange shows up in the patch as a new file: every line is added.
            const added = linesAdded.get(entry.path) ?? (entry.newMode === SYMLINK_MODE ? new Set([1]) : new Set<number>());
            reportLines = encoding === 'utf-16le' || encoding === 'utf-16be' ? utf16TextLines(bytes, text, added) : linesOverlappingLfLines(text, added);
          }
          yield { file: path, repoPath: entry.path, blocks: wholeFileBlocks(text, reportLines), bytes: bytes.length };
        }
        await next; // the end of the stream: git's exit code is checked
      } finally {
        await blobs.return(undefined); // a consumer that stops early stops git too
      }
    },
  };
}

/** The work tree root, and whether a merge is in progress — one git process. */
async function locateRepo(cwd: string): Promise<{ root: string; merging: boolean }> {
  const { code, stdout, stderr } = await git(...locateCall(cwd));
  if (code !== 0) {
    throw new RuntimeError(`--staged needs a git repository, and ${cwd} is not inside one (${stderr.trim().split('\n')[0]})`);
  }
  const [root, mergeHead] = stdout.toString('utf8').split('\n');
  if (!root || mergeHead === undefined) throw new RuntimeError(`--staged needs a work tree: ${cwd} is not inside one`);
  return { root, merging: existsSync(resolve(cwd, mergeHead)) };
}

/** Lines the staged content adds against `revision` (default HEAD), per repo-relative path. */
async function addedLines(cwd: string, revision: string[]): Promise<Map<string, Set<number>>> {
  const patch = await git(...hunksCall(cwd, revision));
  return addedLinesByPath(patch.stdout);
}

/**
 * While a merge is in progress, a line counts as added only if it is new against both parents:
 * the merge's own content, not what the merged branch brought (it was checked on that branch).
 * `againstHead` has no entries for files new against HEAD (`newFiles`).
 */
async function mergeOwnLines(
  root: string,
  againstHead: Map<string, Set<number>>,
  newFiles: ReadonlySet<string>,
): Promise<Map<string, Set<number>>> {
  const againstMergeHead = await addedLines(root, ['MERGE_HEAD']);
  const own = new Map<string, Set<number>>();
  // A path missing from againstMergeHead is unchanged against the merged branch: nothing of its own.
  for (const [path, lines] of againstMergeHead) {
    const headLines = againstHead.get(path);
    if (headLines) own.set(path, new Set([...lines].filter((line) => headLines.has(line))));
    else if (newFiles.has(path)) own.set(path, lines);
  }
  return own;
}

/**
 * PATH arguments narrow the scan: a file matches itself, a folder everything under it. Paths are
 * resolved against the cwd and compared as repo-relative posix paths (symlinks resolved, as git
 * resolves the repo root).
 */
function pathFilter(cwd: string, root: string, paths: string[]): (repoPath: string) => boolean {
  if (paths.length === 0) return () => true;
  const wanted = new Set<string>();
  const folders: string[] = [];
  for (const given of paths) {
    const repoPath = relativePosix(root, realPath(resolve(cwd, given)));
    if (repoPath === '.') return () => true;
    if (repoPath.startsWith('../')) continue;
    wanted.add(repoPath);
    folders.push(`${repoPath}/`);
  }
  return (repoPath) => wanted.has(repoPath) || folders.some((folder) => repoPath.startsWith(folder));
}

/**
 * git counts the lines of a UTF-16 file by its 0x0A bytes, which are not only the newlines: a
 * character such as U+4E0A (上) holds one too, and every line after it is numbered off by one.
 * Maps the byte-counted lines git reports as added to the lines of the decoded text they overlap,
 * so the added key is reported (and at worst a neighbouring line with it, never fewer).
 */
export function utf16TextLines(bytes: Uint8Array, text: string, byteLines: ReadonlySet<number>): Set<number> {
  const lines = new Set<number>();
  if (byteLines.size === 0) return lines;
  // byte offset where each byte-counted line starts (index 0 = line 1)
  const byteLineStarts = [0];
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) byteLineStarts.push(i + 1);
  // character offset where each decoded line starts
  const textLineStarts = lineStarts(text);
  const bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) ? 2 : 0;
  // a byte-counted line may start on the second byte of a character (LE: the 00 after 0A): its
  // first whole character is the next one; it ends in the character holding its last byte
  const firstChar = (byte: number) => Math.max(0, Math.ceil((byte - bom) / 2));
  const lastChar = (byte: number) => Math.max(0, Math.floor((byte - bom) / 2));
  const lineOf = (char: number) => lineIndexAt(textLineStarts, char) + 1;
  for (const line of byteLines) {
    const start = byteLineStarts[line - 1];
    if (start === undefined) continue;
    const end = (byteLineStarts[line] ?? bytes.length) - 1;
    const first = lineOf(firstChar(start));
    for (let l = first, last = Math.max(first, lineOf(lastChar(end))); l <= last; l++) lines.add(l);
  }
  return lines;
}
