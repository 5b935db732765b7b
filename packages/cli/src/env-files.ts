/**
 * The .env policy: environment files must not be committed (DESIGN §4). `.env`, `.env.local`,
 * `.env.production.local`, … at any depth are blocked; templates (`.env.example`, `.env.sample`,
 * `.env.template`) are allowed, and their values are scanned like any other file.
 * Globs come from config `envFiles.block` / `envFiles.allow` (picomatch, dotfiles included).
 */
import type { Finding, KeyguardConfig } from '@keyguard/core';
import { fingerprint } from '@keyguard/core';
import picomatch from 'picomatch';

export const envFileRuleId = 'env-file-committed';

export const envFileFix =
  'unstage it (git rm --cached <file>), add it to .gitignore, and keep a .env.example with placeholders instead';

export interface EnvFilePolicy {
  /** `repoPath`: posix path relative to the repo root. */
  isBlocked(repoPath: string): boolean;
}

export function createEnvFilePolicy(envFiles: KeyguardConfig['envFiles']): EnvFilePolicy {
  // Case-insensitive: on macOS and Windows `.ENV` is the same file as `.env` to dotenv.
  const options = { dot: true, nocase: true };
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

/** The finding for a committed or staged env file; it points at line 1 of the file. */
export function envFileFinding(file: string, repoPath: string, firstLine: string, heldRuleIds: readonly string[] = []): Finding {
  const name = repoPath.slice(repoPath.lastIndexOf('/') + 1);
  const held =
    heldRuleIds.length === 0 ? '' : `; values in it look like keys (${heldRuleIds.join(', ')}): rotate any that were ever committed or pushed`;
  return {
    ruleId: envFileRuleId,
    message: `Environment file ${name} must not be committed: it holds local configuration and secrets${held}`,
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: firstLine.length + 1,
    match: name,
    fingerprint: fingerprint(envFileRuleId, repoPath),
    severity: 'error',
    fix: envFileFix.replace('<file>', quoteForShell(file)),
  };
}

function quoteForShell(path: string): string {
  return /^[\w./@+-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
