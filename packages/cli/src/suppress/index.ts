/**
 * Suppression, the stage between scanning and reporting (DESIGN §2: source → scan → suppress →
 * reporter): merge a history's findings (history-merge.ts) → hide what is accepted (inline
 * directives, applied by the engine and audited in inline.ts; config allow.fingerprints and
 * allow.paths, allow.ts; the baseline, baseline.ts) → list the entries that hid nothing
 * (`--report-unused`). Each step is a FindingFilter; they run in this order.
 */
import type { Finding, InlineDirective, KeyguardConfig, SuppressedFinding } from '@keyguard/core';
import type { ScanOptions } from '../options.js';
import type { UnusedIgnore } from '../report/types.js';
import type { FindingFilter } from './types.js';

export type { FindingFilter } from './types.js';

export interface FilterContext {
  options: ScanOptions;
  config: KeyguardConfig;
  /** Where the config came from (relative to the cwd), for messages about its entries. */
  configSource?: string;
  cwd: string;
  repoRoot?: string;
  /** Findings that inline directives suppressed (for --report-unused). */
  suppressed: SuppressedFinding[];
  /** Inline directives seen in the scanned files, with the file they are in. */
  directives: Array<InlineDirective & { file: string }>;
  /** Config allow.paths, applied by the source; here only for its unused globs. */
  pathAllowlist?: { unused(): UnusedIgnore[] };
  /** false for `keyguard baseline`, which records findings instead of hiding them. */
  useBaseline?: boolean;
}

/** The filters a scan runs, in order; each is loaded only when the scan needs it. */
export async function loadFilters(context: FilterContext): Promise<FindingFilter[]> {
  const { options, config, configSource, cwd, repoRoot } = context;
  const filters: FindingFilter[] = [];
  const inline = await import('./inline.js');
  // First, while every finding still carries the commit it was found in.
  filters.push(inline.inlineDirectiveFilter(context.directives, context.suppressed));
  if (options.since !== undefined || options.history) {
    const { historyMergeFilter } = await import('./history-merge.js');
    filters.push(historyMergeFilter(cwd));
  }
  if (context.pathAllowlist) filters.push({ name: 'allow.paths', apply: (findings) => findings, unused: context.pathAllowlist.unused });
  if (config.allow.fingerprints.length > 0) filters.push((await import('./allow.js')).fingerprintFilter(config.allow.fingerprints, configSource));
  if (context.useBaseline !== false) {
    const { baselineFilter, findBaseline } = await import('./baseline.js');
    const baseline = findBaseline(cwd, options.baseline, repoRoot);
    if (baseline) filters.push(baselineFilter(baseline, cwd));
  }
  return filters;
}

/** Runs the filters in order; returns the remaining findings and every unused ignore. */
export async function applyFilters(
  findings: Finding[],
  filters: FindingFilter[],
): Promise<{ findings: Finding[]; unused: UnusedIgnore[] }> {
  let remaining = findings;
  for (const filter of filters) remaining = await filter.apply(remaining);
  const unused = filters.flatMap((filter) => filter.unused?.() ?? []);
  return { findings: remaining, unused };
}
