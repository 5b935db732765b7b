/**
 * The first suppression step of a history scan: the same secret added to the same file by
 * several commits is one finding, reported at the oldest.
 */
import type { Finding } from '@keyguard/core';
import { readAuthorDates } from '../git/log.js';
import type { ReportedFinding } from '../report/types.js';
import type { FindingFilter } from './types.js';

/** A finding of a history scan: where the secret first appeared, and every commit that added it. */
export interface HistoryFinding extends ReportedFinding {
  /** The oldest commit of the range that added this secret to this file. */
  commit: string;
  /** That commit's author date (ISO 8601). */
  authorDate: string;
  /** Every commit of the range that added the secret to this file, oldest first. */
  commits: string[];
}

/**
 * One finding per secret and file: the same key added by several commits (added, removed,
 * added again; or cherry-picked onto two branches of the range) is reported once, at the
 * oldest commit that added it, with the list of all of them. `findings` come in the history
 * source's order (newest commit first); the result is in chronological order.
 */
export function mergeHistoryFindings(
  findings: ReadonlyArray<Finding & { authorDate?: string }>,
  authorDates: (commits: string[]) => Map<string, string> = () => new Map(),
): HistoryFinding[] {
  // Chronological rank of each commit: the source yields newest first.
  const rank = new Map<string, number>();
  for (let i = findings.length - 1; i >= 0; i--) {
    const commit = findings[i]!.commit ?? '';
    if (!rank.has(commit)) rank.set(commit, rank.size);
  }
  const groups = new Map<string, Array<Finding & { authorDate?: string }>>();
  for (const finding of findings) {
    const key = `${finding.fingerprint}\0${finding.file}`;
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  const merged = [...groups.values()].map((group): HistoryFinding => {
    const oldest = group[group.length - 1]!;
    const commits = [...new Set(group.map((finding) => finding.commit ?? '').reverse())];
    return { ...oldest, commit: oldest.commit ?? '', authorDate: oldest.authorDate ?? '', commits };
  });
  // Findings the pipeline adds itself (a committed .env file) carry no author date.
  const known = new Map<string, string>();
  for (const finding of findings) if (finding.commit && finding.authorDate) known.set(finding.commit, finding.authorDate);
  const missing = [...new Set(merged.filter((finding) => !finding.authorDate && finding.commit && !known.has(finding.commit)).map((finding) => finding.commit))];
  if (missing.length > 0) for (const [commit, date] of authorDates(missing)) known.set(commit, date);
  for (const finding of merged) if (!finding.authorDate) finding.authorDate = known.get(finding.commit) ?? '';
  // Stable sort: within one commit, the source's file and line order stays.
  return merged.sort((a, b) => rank.get(a.commit)! - rank.get(b.commit)!);
}

/** The filter stage's first step in a history scan: `mergeHistoryFindings` (no entries of its own). */
export function historyMergeFilter(cwd: string): FindingFilter {
  return { name: 'history merge', apply: (findings) => mergeHistoryFindings(findings, (commits) => readAuthorDates(cwd, commits)) };
}
