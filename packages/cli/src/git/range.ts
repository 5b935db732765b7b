/**
 * The commits of a history scan: `--since <rev>` (rev..HEAD) or `--history` (all of HEAD),
 * resolved with every way it can fail turned into a message that says what to do (exit 2).
 */
import { RuntimeError } from '../errors.js';
import { gitSync as runGit } from './run.js';

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

/** The commits of a range, in `git log` order (newest first). */
export function listCommits(range: HistoryRange): string[] {
  if (range.revisions.length === 0) return [];
  const result = runGit(range.root, ['rev-list', ...range.revisions, '--']);
  if (result.code !== 0) throw new RuntimeError(`git rev-list over ${range.label} failed: ${result.stderr}`);
  return result.stdout.split('\n').filter(Boolean);
}
