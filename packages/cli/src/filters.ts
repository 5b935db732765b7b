/**
 * The filter stage of the pipeline (DESIGN §2: source → scan → filters → reporter): what runs on
 * the findings after detection and before reporting. Inline directives are applied by the engine
 * itself (config.inlineIgnores); ignore lists and baselines plug in here.
 */
import type { Finding, InlineDirective, KeyguardConfig, SuppressedFinding } from '@keyguard/core';
import type { ScanOptions } from './options.js';
import type { UnusedIgnore } from './report/types.js';

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

export interface FindingFilter {
  name: string;
  /** Returns the findings that are still reported. */
  apply(findings: Finding[]): Finding[] | Promise<Finding[]>;
  /** After apply: the entries of this filter that matched nothing (for --report-unused). */
  unused?(): UnusedIgnore[];
}

/** The filters a scan runs, in order; each is loaded only when the scan needs it. */
export async function loadFilters(context: FilterContext): Promise<FindingFilter[]> {
  const { options, config, configSource, cwd, repoRoot } = context;
  const filters: FindingFilter[] = [];
  const ignores = await import('./ignores.js');
  // First, while every finding still carries the commit it was found in.
  filters.push(ignores.inlineDirectiveFilter(context.directives, context.suppressed));
  if (options.since !== undefined || options.history) {
    const { historyMergeFilter } = await import('./sources/history.js');
    filters.push(historyMergeFilter(cwd));
  }
  if (context.pathAllowlist) filters.push({ name: 'allow.paths', apply: (findings) => findings, unused: context.pathAllowlist.unused });
  if (config.allow.fingerprints.length > 0) filters.push(ignores.fingerprintFilter(config.allow.fingerprints, configSource));
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
