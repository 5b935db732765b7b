/**
 * GitHub Actions workflow commands: one `::error` / `::warning` annotation per finding, which
 * GitHub shows on the pull request's diff. Values are escaped by the workflow-command rules
 * (actions/toolkit `command.ts`): in the message `%`, CR and LF; in properties also `:` and `,`.
 */
import { relativeTo } from '../paths.js';
import { terminalSafe } from '@keyguard/core';
import { isUnscannedText, type SkippedFile } from '../sources/types.js';
import { configFileOf, type Reporter, type ReportedFinding, type ScanStats, type UnusedIgnore } from './types.js';

/** Escapes a command's message (the text after `::`). */
export function escapeData(value: string): string {
  // the log viewer acts on ESC sequences and bidi controls: shown as escapes, never raw
  return terminalSafe(value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'), '\t');
}

/** Escapes a property value (`file=…,title=…`). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface GithubOptions {
  /** The folder the findings' `file`s are relative to (the cwd of the scan). */
  cwd: string;
  /**
   * Annotation paths are relative to this folder: the repository root (GitHub resolves them
   * against the workspace checkout). Default: `cwd`.
   */
  srcRoot?: string;
}

type GithubFinding = ReportedFinding;

function annotationPath(file: string, options: GithubOptions): string {
  return relativeTo(options.srcRoot ?? options.cwd, file, options.cwd);
}

/** One workflow command line for a finding. */
export function annotation(finding: GithubFinding, options: GithubOptions): string {
  const command = finding.severity === 'error' ? 'error' : 'warning';
  const properties = [
    ['file', annotationPath(finding.file, options)],
    ['line', String(finding.line)],
    ['col', String(finding.column)],
    ['endLine', String(finding.endLine)],
    ['endColumn', String(finding.endColumn)],
    ['title', `keyguard ${finding.ruleId}`],
  ]
    .map(([name, value]) => `${name}=${escapeProperty(value!)}`)
    .join(',');
  const lines = [`${finding.message}.`, finding.fix];
  if (finding.commit) {
    const others = (finding.commits ?? []).filter((commit) => commit !== finding.commit);
    lines.push(
      `Added in commit ${finding.commit.slice(0, 12)}${finding.authorDate ? ` (${finding.authorDate})` : ''}` +
        (others.length > 0 ? `, again in ${others.map((commit) => commit.slice(0, 12)).join(', ')}` : '') +
        ': rotate the key, removing it from the code does not remove it from history.',
    );
  }
  return `::${command} ${properties}::${escapeData(lines.join('\n'))}`;
}

/** A warning annotation for an ignore that matched nothing (`--report-unused`). */
export function unusedAnnotation(entry: UnusedIgnore, options: GithubOptions): string {
  const properties = [['file', annotationPath(entry.file, options)], ...(entry.line === undefined ? [] : [['line', String(entry.line)]]), ['title', 'keyguard unused ignore']]
    .map(([name, value]) => `${name}=${escapeProperty(value!)}`)
    .join(',');
  return `::warning ${properties}::${escapeData(`Unused ${entry.kind} ignore ${entry.detail}: it matched nothing; remove it.`)}`;
}

/**
 * An annotation for a file that was not scanned (too large, unreadable, unmerged): a warning, or
 * an error when it fails the run (failOnUnscanned).
 */
export function skippedAnnotation(skip: SkippedFile, options: GithubOptions, fails = false): string {
  const properties = [['file', annotationPath(skip.file, options)], ['title', 'keyguard: not scanned']]
    .map(([name, value]) => `${name}=${escapeProperty(value!)}`)
    .join(',');
  const tail = fails ? ' failOnUnscanned is on: the run fails.' : '';
  return `::${fails ? 'error' : 'warning'} ${properties}::${escapeData(`Not scanned: ${skip.reason}. A key in it would not be found.${tail}`)}`;
}

/** What the report says besides findings: unused ignores, unscanned files, paths the config allowed away. */
export interface GithubExtras {
  unused?: readonly UnusedIgnore[];
  skipped?: readonly SkippedFile[];
  /** Unscanned text files fail the run (failOnUnscanned). */
  failOnUnscanned?: boolean;
  allowedByConfig?: ScanStats['allowedByConfig'];
}

/** All annotations, one per line, followed by a plain summary line for the log. */
export function formatGithub(findings: readonly GithubFinding[], options: GithubOptions, extras: GithubExtras = {}): string {
  const { unused = [], skipped = [], failOnUnscanned = false, allowedByConfig } = extras;
  const lines = findings.map((finding) => annotation(finding, options));
  lines.push(...unused.map((entry) => unusedAnnotation(entry, options)));
  const unscanned = skipped.filter(isUnscannedText);
  lines.push(...unscanned.map((skip) => skippedAnnotation(skip, options, failOnUnscanned)));
  const allowed = allowedByConfig ? `${allowedByConfig.count} path${allowedByConfig.count === 1 ? '' : 's'} not scanned: allow.paths in ${allowedByConfig.config}` : '';
  if (allowedByConfig) {
    const properties = `file=${escapeProperty(annotationPath(configFileOf(allowedByConfig.config), options))},title=${escapeProperty('keyguard: paths allowed by config')}`;
    lines.push(`::notice ${properties}::${escapeData(`${allowed}. Keys in them are not looked for.`)}`);
  }
  const notScanned =
    (unscanned.length > 0 ? `; ${unscanned.length} file${unscanned.length === 1 ? '' : 's'} not scanned${failOnUnscanned ? ' (failOnUnscanned: the run fails)' : ''}` : '') +
    skippedByDesign(skipped) +
    (allowed ? `; ${allowed}` : '');
  lines.push(
    (findings.length === 0 ? 'keyguard: no secrets found' : `keyguard: ${findings.length} finding${findings.length === 1 ? '' : 's'}`) + escapeData(notScanned),
  );
  if (unused.length > 0) lines.push(`keyguard: ${unused.length} unused ignore${unused.length === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Files skipped by design (binary, submodule, special files) are no annotation each (a repo's
 * images would crowd out the findings), but the summary line counts them by kind, so the log
 * never says "no secrets found" about files that were not read without saying so.
 */
function skippedByDesign(skipped: readonly SkippedFile[]): string {
  const counts = new Map<string, number>();
  for (const skip of skipped) if (!isUnscannedText(skip)) counts.set(skip.kind, (counts.get(skip.kind) ?? 0) + 1);
  if (counts.size === 0) return '';
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return `; ${total} skipped by design (${[...counts].sort(([a], [b]) => a.localeCompare(b)).map(([kind, count]) => `${kind}: ${count}`).join(', ')}; see --format json)`;
}

export const githubReporter: Reporter = (report, context) =>
  formatGithub(
    report.findings,
    { cwd: context.cwd, srcRoot: context.repoRoot },
    {
      unused: report.unused,
      skipped: report.stats.skipped,
      failOnUnscanned: report.failOnUnscanned,
      ...(report.stats.allowedByConfig ? { allowedByConfig: report.stats.allowedByConfig } : {}),
    },
  );
