/**
 * `--format text`: one block per finding (file:line:col, rule, redacted match, a one-line fix),
 * then a summary. At commit time (--staged) it ends with what to do instead, because that is the
 * moment a person reads it. Colours only on a TTY.
 */
import { hasUnsafeCharacters, ignoreCommentFor, terminalSafe, type Finding } from '@keyguard/core';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envFileRuleId } from '../env-files.js';
import { isUnscannedText } from '../sources/types.js';
import { failingUnscanned, type Reporter, type ReporterContext, type ScanReport } from './types.js';

const codes = { bold: [1, 22], dim: [2, 22], red: [31, 39], yellow: [33, 39], green: [32, 39], cyan: [36, 39] } as const;
type Style = keyof typeof codes;

function painter(color: boolean) {
  return (style: Style, text: string) => (color ? `\u001b[${codes[style][0]}m${text}\u001b[${codes[style][1]}m` : text);
}

export const textReporter: Reporter = (report, context) => {
  const paint = painter(context.color);
  const lines: string[] = [];
  for (const finding of report.findings) {
    const location = `${displayPath(finding.file)}:${finding.line}:${finding.column}`;
    const commit = finding.commit ? paint('dim', ` (commit ${finding.commit.slice(0, 12)})`) : '';
    const severity = finding.severity === 'warning' ? paint('yellow', 'warning') : paint('red', 'error');
    lines.push(`${paint('bold', location)}${commit}  ${severity}  ${terminalSafe(finding.message)}  ${paint('dim', finding.ruleId)}`);
    if (finding.ruleId !== envFileRuleId) lines.push(`  match: ${terminalSafe(finding.match)}`);
    lines.push(`  ${paint('cyan', 'fix:')} ${terminalSafe(finding.fix)}`);
  }
  for (const entry of report.unused) {
    const where = entry.line === undefined ? displayPath(entry.file) : `${displayPath(entry.file)}:${entry.line}`;
    lines.push(`${paint('bold', where)}  ${paint('yellow', 'unused')}  ${entry.kind} ignore ${terminalSafe(entry.detail)} matched nothing`);
  }
  if (!context.quiet) lines.push(...summary(report, context));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
};

/** A file name with control characters (a newline, an escape) shown on one line, quoted and escaped. */
function displayPath(file: string): string {
  // JSON quoting escapes C0 controls as git's quoting does; terminalSafe the C1 and bidi ones
  return hasUnsafeCharacters(file) ? terminalSafe(JSON.stringify(file)) : file;
}

const MAX_LISTED_SKIPS = 10;

function summary(report: ScanReport, context: ReporterContext): string[] {
  const paint = painter(context.color);
  const { stats, findings } = report;
  const files = new Set(findings.map((finding) => finding.file)).size;
  const scanned = `${plural(stats.files, 'file')}, ${formatBytes(stats.bytes)} in ${Math.round(stats.durationMs)} ms`;
  const allowed = stats.allowedByConfig
    ? `; ${plural(stats.allowedByConfig.count, 'path')} not scanned: allow.paths in ${displayPath(stats.allowedByConfig.config)}`
    : '';
  const skipped = `${stats.skipped.length > 0 ? `; ${stats.skipped.length} skipped (see --format json)` : ''}${allowed}`;
  const out = [''];
  // Text files left unscanned (too large, unreadable) could hold a key: name them, so a green
  // summary never hides them. Binary files and submodules are skipped by design and stay quiet.
  const unscanned = stats.skipped.filter(isUnscannedText);
  const failing = failingUnscanned(report).length > 0;
  const [mark, colour] = failing ? (['✖', 'red'] as const) : (['⚠', 'yellow'] as const);
  for (const skip of unscanned.slice(0, MAX_LISTED_SKIPS)) {
    out.push(`${paint(colour, `${mark} not scanned:`)} ${displayPath(skip.file)} — ${terminalSafe(skip.reason)}`);
  }
  if (unscanned.length > MAX_LISTED_SKIPS) out.push(paint(colour, `${mark} and ${unscanned.length - MAX_LISTED_SKIPS} more not scanned (see --format json)`));
  if (failing) {
    // failOnUnscanned (the default of --staged): a file nobody read fails the run, with a way out
    const these = unscanned.length === 1 ? 'this file' : 'these files';
    out.push(`  ${paint('red', `keyguard could not scan ${these}, and failOnUnscanned is on`)}${report.mode === 'staged' ? ' (the default for commits)' : ''}: a key in ${these} would pass.`);
    out.push(`  Raise maxFileSize, keep ${these} out with allow.paths in keyguard.config.json, or run with --no-fail-on-unscanned.`);
  }
  if (findings.length === 0) {
    if (failing) {
      const what = `${plural(unscanned.length, 'file')} not scanned`;
      const head = report.mode === 'staged' ? `✖ keyguard blocked this commit: ${what}` : `✖ keyguard: ${what}`;
      out.push(paint('red', head) + paint('dim', ` (scanned ${scanned}${skipped})`));
      return out;
    }
    const found = unscanned.length > 0 ? 'no keys found in the files scanned' : 'no keys found';
    out.push(paint(unscanned.length > 0 ? 'yellow' : 'green', `${unscanned.length > 0 ? '⚠' : '✔'} keyguard: ${found}`) + paint('dim', ` (scanned ${scanned}${skipped})`));
    return out;
  }
  const what = `${plural(findings.length, 'finding')} in ${plural(files, 'file')}`;
  if (report.mode !== 'staged') {
    out.push(paint('red', `✖ keyguard: ${what}`) + paint('dim', ` (scanned ${scanned}${skipped})`));
    return out;
  }
  out.push(paint('red', paint('bold', `✖ keyguard blocked this commit: ${what} staged.`)));
  out.push('  What to do:');
  const hasEnvFile = findings.some((finding) => finding.ruleId === envFileRuleId);
  const keyFindings = findings.filter((finding) => finding.ruleId !== envFileRuleId);
  if (keyFindings.length > 0) {
    out.push(`  • move the value out of the code: read it at run time on the server, e.g. ${envVarHint(keyFindings)},`);
    out.push('    and keep the value itself in an untracked .env file or a secret manager; rotate a key that was ever committed;');
  }
  if (hasEnvFile) {
    // "keep it out with .gitignore" only for a file .gitignore does not cover yet.
    const envFindings = findings.filter((finding) => finding.ruleId === envFileRuleId);
    const forceAdded = envFindings.filter((finding) => finding.forceAdded === true);
    if (forceAdded.length < envFindings.length) {
      out.push('  • unstage the env file (git rm --cached <file>), keep it out with .gitignore, commit a .env.example with placeholders;');
    }
    if (forceAdded.length > 0) {
      const shown = forceAdded.slice(0, 3).map((finding) => terminalSafe(finding.file));
      const names = `${shown.join(', ')}${forceAdded.length > shown.length ? ` and ${forceAdded.length - shown.length} more` : ''}`;
      out.push(`  • ${names}: ${forceAdded.length === 1 ? 'it is' : 'they are'} ignored but ${forceAdded.length === 1 ? 'was' : 'were'} force-added (git add -f): git rm --cached <file>;`);
    }
  }
  const first = keyFindings[0];
  if (first !== undefined) {
    // The directive in the syntax of the file it goes in (`#` in YAML, `<!-- -->` in Markdown).
    out.push(`  • a false positive: add a comment above the line, ${paint('bold', ignoreCommentFor(first.file, first.ruleId))}.`);
  } else {
    out.push('  • a template meant to be committed: add its glob to envFiles.allow in keyguard.config.json.');
  }
  if (context.repoRoot !== undefined && ciRunsKeyguard(context.repoRoot)) {
    out.push(paint('dim', '  Skipping the hook (--no-verify) does not help: CI scans every commit of the pull request.'));
  }
  return out;
}

/** Whether a CI config in the repo runs keyguard (GitHub Actions workflows, GitLab CI). */
function ciRunsKeyguard(repoRoot: string): boolean {
  const files: string[] = [join(repoRoot, '.gitlab-ci.yml')];
  const workflows = join(repoRoot, '.github/workflows');
  try {
    for (const name of readdirSync(workflows)) if (/\.ya?ml$/.test(name)) files.push(join(workflows, name));
  } catch {
    // no workflows folder
  }
  return files.some((file) => {
    try {
      return existsSync(file) && readFileSync(file, 'utf8').includes('keyguard');
    } catch {
      return false;
    }
  });
}

/** Conventional env var names by rule id prefix, where the finding's fix names none. */
const envVarNames: Array<[RegExp, string]> = [
  [/^x-api-key/, 'API_KEY'],
  [/^github/, 'GITHUB_TOKEN'],
  [/^aws-access-key/, 'AWS_ACCESS_KEY_ID'],
  [/^aws/, 'AWS_SECRET_ACCESS_KEY'],
  [/^stripe/, 'STRIPE_SECRET_KEY'],
  [/^openai/, 'OPENAI_API_KEY'],
  [/^anthropic/, 'ANTHROPIC_API_KEY'],
  [/^slack/, 'SLACK_TOKEN'],
  [/^(database|postgres|mysql|mongo|redis)/, 'DATABASE_URL'],
];

function envVarHint(findings: Finding[]): string {
  const names = new Set<string>();
  for (const finding of findings) {
    // A fix that names the variable wins: core words it for the context (DEFRAME_API_KEY only
    // where the file names Deframe).
    const named = /\(([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\)/.exec(finding.fix)?.[1];
    const known = envVarNames.find(([pattern]) => pattern.test(finding.ruleId));
    names.add(named ?? (known ? known[1] : '<NAME>'));
  }
  return [...names].slice(0, 3).map((name) => `process.env.${name}`).join(', ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
