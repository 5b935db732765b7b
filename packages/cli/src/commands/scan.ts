/**
 * `keyguard scan`: the pipeline of DESIGN §2 — config → scanner → source → findings (+ the .env
 * policy) → filters → reporter → `--output` → exit code (0 nothing found, 1 findings).
 */
import { createScanner, type Finding, type InlineDirective, type Scanner, type SuppressedFinding } from '@keyguard/core';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../config.js';
import { createEnvFilePolicy, envFileFinding } from '../env-files.js';
import { RuntimeError } from '../errors.js';
import { applyFilters, loadFilters } from '../filters.js';
import { writeFileAtomically } from '../output-file.js';
import { createPathAllowlist } from '../ignores.js';
import { version } from '../version.js';
import type { ScanOptions } from '../options.js';
import { loadReporter } from '../report/index.js';
import type { ScanReport } from '../report/types.js';
import { openSource } from '../sources/index.js';
import { scanUnit } from '../workers/scan-unit.js';

export async function runScan(options: ScanOptions): Promise<number> {
  const { report, repoRoot, rules } = await collectScan(options);
  const reporter = await loadReporter(options.format);
  const toTerminal = options.output === undefined;
  const text = reporter(report, {
    color: toTerminal && useColor(),
    quiet: options.quiet,
    cwd: options.cwd,
    repoRoot,
    rules,
    version,
  });
  if (options.output !== undefined) {
    writeFileAtomically(resolve(options.cwd, options.output), text, options.output, 'report');
  } else {
    await writeStdout(text);
  }
  return report.findings.length > 0 || report.unused.length > 0 ? 1 : 0;
}

/**
 * The pipeline up to the report: config → scanner → source → findings → filters. `keyguard
 * baseline` runs it without the baseline filter, to record what a scan finds.
 */
export async function collectScan(
  options: ScanOptions,
  { useBaseline = true }: { useBaseline?: boolean } = {},
): Promise<{ report: ScanReport; repoRoot: string | undefined; rules: Scanner['rules'] }> {
  const started = performance.now();
  const { config: loaded, source: configSource, allowBase } = await loadConfig(options.cwd, options.config);
  const config = { ...loaded, inlineIgnores: loaded.inlineIgnores && options.inlineIgnores };
  // allow.fingerprints is applied by the filter stage, not the engine, so that it can tell
  // which entries matched nothing (--report-unused).
  const scannerConfig = { ...config, allow: { ...config.allow, fingerprints: [] } };
  const envFiles = createEnvFilePolicy(config.envFiles);
  const pathAllowlist = createPathAllowlist(config.allow.paths, configSource, allowBase);
  const allowedPath = pathAllowlist.isPathAllowed;

  // The source starts its git processes first; building the engine overlaps with them.
  const opening = openSource({ options, config: scannerConfig, allowBase, isPathAllowed: allowedPath });
  opening.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  const scanner = createScanner({ config: scannerConfig });
  const { source, mode } = await opening;
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const directives: Array<InlineDirective & { file: string }> = [];
  let files = 0;
  let bytes = 0;

  for await (const file of source.files()) {
    files++;
    bytes += file.bytes;
    if (file.envPolicy !== false && envFiles.isBlocked(file.repoPath)) {
      findings.push(withCommit(envFileFinding(file.path, file.repoPath, firstLine(file.text)), file.commit));
    }
    // One rule for every source (scanUnit): a finding is new when one of its lines is added; a
    // directive is listed only on an added line; a suppressed finding is kept when it is new or
    // when a listed directive hid it. The staged scan hands over the whole file with its added
    // lines; history scans hand over their result, made by scanUnit too.
    const result =
      file.result ??
      scanUnit(scanner, {
        file: file.path,
        bytes: file.bytes,
        blocks: [{ startLine: 1, text: file.text, ...(file.reportLines === undefined ? {} : { reportRuns: toRuns(file.reportLines) }) }],
      });
    for (const finding of result.findings) findings.push(withCommit(finding, file.commit));
    for (const finding of result.suppressed) suppressed.push(withCommit(finding, file.commit));
    for (const directive of result.directives) directives.push({ ...directive, file: file.path });
  }
  for (const { path, repoPath } of source.unreadNames ?? []) {
    if (envFiles.isBlocked(repoPath)) findings.push(envFileFinding(path, repoPath, ''));
  }

  const repoRoot = source.repoRoot;
  const filters = await loadFilters({
    options,
    config,
    configSource,
    cwd: options.cwd,
    repoRoot,
    suppressed,
    directives,
    pathAllowlist,
    useBaseline,
  });
  const filtered = await applyFilters(findings, filters);

  const report: ScanReport = {
    mode,
    findings: filtered.findings,
    unused: options.reportUnused ? filtered.unused : [],
    stats: { files, bytes, durationMs: Math.round(performance.now() - started), skipped: source.skipped },
  };
  return { report, repoRoot, rules: scanner.rules };
}

/** Line numbers as the runs `[first, last, …]` of scanUnit, in order. */
function toRuns(lines: ReadonlySet<number>): number[] {
  const runs: number[] = [];
  for (const line of [...lines].sort((a, b) => a - b)) {
    if (runs.length > 0 && runs[runs.length - 1] === line - 1) runs[runs.length - 1] = line;
    else runs.push(line, line);
  }
  return runs;
}

function withCommit<T extends Finding>(finding: T, commit: string | undefined): T {
  return commit === undefined ? finding : { ...finding, commit };
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return (end < 0 ? text : text.slice(0, end)).replace(/\r$/, '');
}

function useColor(): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}

let closedPipeGuarded = false;

/** A reader that stopped early (`keyguard scan | head`) is not an error of the scan; the
 * stream's 'error' event would otherwise end the process with an unhandled EPIPE. */
function guardClosedPipe(): void {
  if (closedPipeGuarded) return;
  closedPipeGuarded = true;
  // every other write error reaches the write's own callback (writeStdout), which reports it
  process.stdout.on('error', () => {});
}

/** Resolves once the text is handed to the OS, so a large report is not cut off at exit. */
function writeStdout(text: string): Promise<void> {
  if (text === '') return Promise.resolve();
  guardClosedPipe();
  return new Promise((resolve, reject) =>
    process.stdout.write(text, (error) => {
      // A reader that stopped early (`keyguard scan | head`) is not an error of the scan; any
      // other (a full disk, `> /dev/full`) is exit 2 with a message, never a silent "clean" run.
      const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
      if (error && code !== 'EPIPE') reject(new RuntimeError(`cannot write the report to stdout (${code ?? error.message})`));
      else resolve();
    }),
  );
}
