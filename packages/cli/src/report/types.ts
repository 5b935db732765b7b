/** What every reporter (text, json, sarif, github) receives and returns. */
import type { Finding, Rule } from '@keyguard/core';
import { isUnscannedText, type SkippedFile } from '../sources/types.js';

export interface ScanStats {
  /** Files (or file versions, for history) scanned. */
  files: number;
  bytes: number;
  durationMs: number;
  skipped: SkippedFile[];
  /** Paths config `allow.paths` kept out of the scan, and the config that says so. */
  allowedByConfig?: { count: number; config: string };
}

/** An ignore that matched nothing (`--report-unused`): an inline directive, a fingerprint, a baseline entry. */
export interface UnusedIgnore {
  kind: 'inline' | 'fingerprint' | 'baseline' | 'path';
  /** Where it is written: the source file for inline directives, the config or baseline file otherwise. */
  file: string;
  line?: number;
  /** What it is, e.g. the rule ids of a directive or the fingerprint. */
  detail: string;
}

/**
 * A finding as every reporter receives it: the engine's finding, with what a history scan
 * knows besides (the commit is the oldest that added the secret; `commits` lists them all).
 */
export interface ReportedFinding extends Finding {
  /** ISO 8601 author date of `commit` (history scans). */
  authorDate?: string;
  /** Every commit of the range that added the secret to this file, oldest first (history scans). */
  commits?: string[];
  /** An env-file finding whose file .gitignore covers: it got in with `git add -f` (env-files.ts). */
  forceAdded?: boolean;
}

export type ScanMode = 'files' | 'staged' | 'history';

export interface ScanReport {
  mode: ScanMode;
  findings: ReportedFinding[];
  stats: ScanStats;
  unused: UnusedIgnore[];
  /** Text files that could not be scanned fail the run (`failOnUnscanned`; the default of --staged). */
  failOnUnscanned: boolean;
}

/** The skipped files that fail the run: none unless `failOnUnscanned` is on. */
export function failingUnscanned(report: ScanReport): SkippedFile[] {
  return report.failOnUnscanned ? report.stats.skipped.filter(isUnscannedText) : [];
}

export interface ReporterContext {
  /** ANSI colours (only when writing to a TTY). */
  color: boolean;
  quiet: boolean;
  cwd: string;
  /** The git work tree root, when the scan ran in a repo (SARIF and GitHub paths are relative to it). */
  repoRoot?: string;
  /** The rule catalog in use (SARIF lists it as tool.driver.rules). */
  rules: readonly Rule[];
  version: string;
}

/** Turns a report into the text written to stdout or `--output`. */
export type Reporter = (report: ScanReport, context: ReporterContext) => string;

/** The file of a config label (`package.json#keyguard` is package.json). */
export function configFileOf(label: string): string {
  return label.replace(/#keyguard$/, '');
}
