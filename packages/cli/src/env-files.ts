/**
 * The .env policy: environment files must not be committed (DESIGN §4). `.env`, `.env.local`,
 * `.env.production.local`, … at any depth are blocked; templates (`.env.example`, `.env.sample`,
 * `.env.template`) are allowed, and their values are scanned like any other file.
 * Globs come from config `envFiles.block` / `envFiles.allow` (picomatch, dotfiles included).
 */
import type { Finding, KeyguardConfig } from '@keyguard/core';
import { copyFinding, lazyFingerprints } from '@keyguard/core';
import picomatch from 'picomatch';
import { PICOMATCH } from './globs.js';
import { git } from './git/run.js';

export const envFileRuleId = 'env-file-committed';

/**
 * How to get an env file out of the commit. "Add it to .gitignore" only when it is not ignored:
 * an ignored file got in with `git add -f`, and more .gitignore lines would not change that.
 */
export function envFileFix(file: string, ignored = false): string {
  const unstage = `git rm --cached ${quoteForShell(file)}`;
  return ignored
    ? `it is ignored but was force-added: ${unstage}, and keep a .env.example with placeholders instead`
    : `unstage it (${unstage}), add it to .gitignore, and keep a .env.example with placeholders instead`;
}

/**
 * An env-file finding: `forceAdded` is true when .gitignore already covers the file (it got in
 * with `git add -f`, see `ignoredPaths`), decided by the scan pipeline and read by the reports.
 */
export interface EnvFileFinding extends Finding {
  forceAdded?: boolean;
}

/** The env-file finding of a file that .gitignore covers: the fact, and the fix that follows from it. */
export function forceAddedEnvFile<T extends Finding>(finding: T): T & EnvFileFinding {
  return copyFinding(finding, { fix: envFileFix(finding.file, true), forceAdded: true }) as T & EnvFileFinding;
}

/**
 * Which of `repoPaths` the repo's ignore rules (.gitignore files, .git/info/exclude,
 * core.excludesFile) match, whether or not they are tracked: one `git check-ignore --no-index`
 * for all of them. A git that cannot answer leaves the advice as it was (nothing is ignored).
 */
export async function ignoredPaths(repoRoot: string, repoPaths: readonly string[]): Promise<Set<string>> {
  if (repoPaths.length === 0) return new Set();
  try {
    const result = await git(['check-ignore', '--no-index', '-z', '--stdin'], { cwd: repoRoot, input: repoPaths.map((path) => `${path}\0`).join(''), okCodes: [1] });
    return new Set(result.stdout.toString('utf8').split('\0').filter((path) => path !== ''));
  } catch {
    return new Set();
  }
}

export interface EnvFilePolicy {
  /** `repoPath`: posix path relative to the repo root. */
  isBlocked(repoPath: string): boolean;
}

export function createEnvFilePolicy(envFiles: KeyguardConfig['envFiles']): EnvFilePolicy {
  // Case-insensitive: on macOS and Windows `.ENV` is the same file as `.env` to dotenv.
  const options = { ...PICOMATCH, nocase: true };
  const blocked = envFiles.block.length > 0 ? picomatch(envFiles.block, options) : () => false;
  const allowed = envFiles.allow.length > 0 ? picomatch(envFiles.allow, options) : () => false;
  return {
    isBlocked: (repoPath) => {
      // glob wildcards never match a line terminator: a folder named "a\nb" would hide its .env
      const path = repoPath.replace(/[\n\r\u2028\u2029]/g, '?');
      return blocked(path) && !allowed(path);
    },
  };
}

/** The finding for a committed or staged env file; it points at line 1 of the file (`firstLineLength` characters long). */
export function envFileFinding(file: string, repoPath: string, firstLineLength: number, heldRuleIds: readonly string[] = [], ignored = false): EnvFileFinding {
  const name = repoPath.slice(repoPath.lastIndexOf('/') + 1);
  const held =
    heldRuleIds.length === 0 ? '' : `; values in it look like keys (${heldRuleIds.join(', ')}): rotate any that were ever committed or pushed`;
  const finding = lazyFingerprints(
    {
      ruleId: envFileRuleId,
      message: `Environment file ${name} must not be committed: it holds local configuration and secrets${held}`,
      file,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: firstLineLength + 1,
      match: name,
      severity: 'error' as const,
      fix: envFileFix(file),
    },
    envFileRuleId,
    repoPath,
    false,
  );
  return ignored ? forceAddedEnvFile(finding) : finding;
}

function quoteForShell(path: string): string {
  if (/^[\w./@+-]+$/.test(path)) return path;
  // a control character (a newline in a folder name) cannot be pasted inside '…': bash and zsh's $'…'
  if (/[\u0000-\u001f\u007f]/.test(path)) {
    return `$'${path.replace(/[\\']/g, '\\$&').replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
  }
  return `'${path.replace(/'/g, `'\\''`)}'`;
}
