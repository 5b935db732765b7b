/**
 * `keyguard baseline [--update] [--baseline file] [PATH... | --staged | --since rev | --history]`:
 * records what a scan finds today, so that later scans (which pick the baseline up) report only
 * new findings. Without `--update` it refuses to overwrite an existing baseline, so accepting
 * new findings is always a deliberate step that shows up in review as a diff of the file.
 * It takes the scan's source and config options; the report options of `keyguard scan` are
 * rejected by name when the arguments are parsed (main.ts), never ignored.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { relativePosix } from '../paths.js';
import {
  baselineFromFindings,
  compareBaselines,
  DEFAULT_BASELINE_FILE,
  readBaseline,
  writeBaseline,
} from '../suppress/baseline.js';
import { RuntimeError } from '../errors.js';
import type { BaselineOptions, ScanOptions } from '../options.js';
import { collectScan } from './scan.js';

export async function runBaseline(options: BaselineOptions): Promise<number> {
  const file = resolve(options.cwd, options.baseline ?? DEFAULT_BASELINE_FILE);
  const label = relativePosix(options.cwd, file);
  const existing = existsSync(file) ? readBaseline(file, label) : undefined;
  if (existing && !options.update) {
    throw new RuntimeError(
      `${label} already exists; run \`keyguard baseline --update\` to refresh it (drops fixed findings, records new ones)`,
    );
  }

  const scanOptions: ScanOptions = {
    cwd: options.cwd,
    paths: options.paths,
    staged: options.staged,
    since: options.since,
    history: options.history,
    // --all-lines, --format, --no-inline-ignores and --report-unused are refused for baseline
    // (config `inlineIgnores: false` still applies through loadConfig).
    allLines: false,
    format: 'text',
    config: options.config,
    quiet: options.quiet,
    inlineIgnores: true,
    reportUnused: false,
    threads: options.threads,
  };
  const { report } = await collectScan(scanOptions, { useBaseline: false });
  const baseline = baselineFromFindings(report.findings, file, options.cwd);
  writeBaseline(file, baseline, options.cwd);

  if (!options.quiet) {
    const count = `${baseline.entries.length} entr${baseline.entries.length === 1 ? 'y' : 'ies'}`;
    const change = existing ? compareBaselines(existing, baseline) : undefined;
    const detail = change ? ` (${change.added} new, ${change.removed} fixed and dropped)` : '';
    process.stderr.write(`keyguard: wrote ${label}: ${count}${detail}. Commit it; scans now report only findings not in it.\n`);
  }
  return 0;
}
