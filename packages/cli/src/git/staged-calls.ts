/**
 * The git calls a staged scan makes before it knows anything about the commit: where the repo is
 * (and whether a merge is in progress), what the index changes (`--raw`), and the added lines of
 * changed files (`-U0`). Their arguments live here, in the bundle's entry, so that src/main.ts can
 * start them before the scan code loads (`startStagedGit`) and sources/staged.ts makes the very
 * same calls, which then take the processes already running (git/run.ts, `startGit`).
 */
import { PINNED_CONFIG, PLAIN_DIFF_FLAGS, startGit, type GitOptions } from './run.js';

// Renames are followed (the content moved; only what the move changed is new). Copies are not:
// a copy is a new file, and detecting one (`cp keys.js copy.js` while keys.js is also edited)
// would compare it with its source and report none of the content it adds to the commit.
const DIFF_FLAGS = [...PLAIN_DIFF_FLAGS, '--ignore-submodules=none', '-M'];

/** The work tree root and the path of MERGE_HEAD; 128 outside a repo. */
export const locateCall = (cwd: string): [string[], GitOptions] => [['rev-parse', '--show-toplevel', '--git-path', 'MERGE_HEAD'], { cwd, okCodes: [128] }];

/** Every path the index changes against HEAD (or the empty tree before the first commit), with modes and blob ids. */
export const rawDiffCall = (cwd: string): [string[], GitOptions] => [[...PINNED_CONFIG, 'diff', '--cached', '--raw', '-z', '--no-abbrev', ...DIFF_FLAGS], { cwd }];

/** The staged content's added lines against `revision` (HEAD when none). --text: a file git thinks is binary (by attributes) but keyguard scans as text still gets hunks. */
export const hunksCall = (cwd: string, revision: string[]): [string[], GitOptions] => [
  [...PINNED_CONFIG, 'diff', '--cached', '-U0', '--text', '--src-prefix=a/', '--dst-prefix=b/', ...DIFF_FLAGS, ...revision],
  { cwd },
];

/** The changed files' hunks against HEAD: new files (A) are reported whole and need none. */
export const HEAD_HUNKS = ['--diff-filter=MRCT'];

/**
 * Starts the git calls `openStagedSource` makes first, for the same cwd (the real path of the scan's
 * cwd) and `allLines`; they run while the scan code loads.
 */
export function startStagedGit(cwd: string, allLines: boolean): void {
  startGit(...locateCall(cwd));
  startGit(...rawDiffCall(cwd));
  if (!allLines) startGit(...hunksCall(cwd, HEAD_HUNKS));
}
