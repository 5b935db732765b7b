/**
 * Picks the reporter for `--format`. Each is loaded on demand, so a pre-commit run (text) does
 * not load SARIF support. A reporter module exports one `Reporter` (see ./types.ts).
 */
import type { ReportFormat } from '../options.js';
import type { Reporter } from './types.js';

export async function loadReporter(format: ReportFormat): Promise<Reporter> {
  switch (format) {
    case 'text':
      return (await import('./text.js')).textReporter;
    case 'json':
      return (await import('./json.js')).jsonReporter;
    case 'sarif': {
      const { formatSarif } = await import('./sarif.js');
      return (report, context) =>
        formatSarif(report.findings, { rules: context.rules, toolVersion: context.version, cwd: context.cwd, srcRoot: context.repoRoot, unused: report.unused });
    }
    case 'github': {
      const { formatGithub } = await import('./github.js');
      return (report, context) => formatGithub(report.findings, { cwd: context.cwd, srcRoot: context.repoRoot }, report.unused);
    }
  }
}
