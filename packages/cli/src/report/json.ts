/**
 * `--format json`, versioned and stable (DESIGN §4): exactly these fields, in this order, so
 * scripts can depend on them. `match` is already redacted by the engine.
 */
import { isUnscannedText } from '../sources/types.js';
import type { Reporter, ReportedFinding } from './types.js';

function historyFields(finding: ReportedFinding) {
  return {
    ...(finding.authorDate === undefined ? {} : { authorDate: finding.authorDate }),
    ...(finding.commits === undefined ? {} : { commits: finding.commits }),
  };
}

export const jsonReporter: Reporter = (report) => {
  const findings = report.findings.map((finding) => ({
    ruleId: finding.ruleId,
    message: finding.message,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    match: finding.match,
    fingerprint: finding.fingerprint,
    ...(finding.commit === undefined ? {} : { commit: finding.commit }),
    // History scans (--since/--history): the commit's author date, and every commit that added the key.
    ...historyFields(finding),
  }));
  const { files, bytes, durationMs, skipped, allowedByConfig } = report.stats;
  const output: Record<string, unknown> = {
    version: 1,
    findings,
    stats: {
      files,
      bytes,
      durationMs,
      skipped: skipped.map(({ file, reason }) => ({ file, reason })),
      // whether the text files in `skipped` (too large, unreadable) failed the run
      ...(skipped.some(isUnscannedText) ? { failOnUnscanned: report.failOnUnscanned } : {}),
      // paths config allow.paths kept out of the scan, and the config that says so
      ...(allowedByConfig ? { allowedByConfig } : {}),
    },
  };
  if (report.unused.length > 0) output.unused = report.unused;
  return `${JSON.stringify(output, null, 2)}\n`;
};
