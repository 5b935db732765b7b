/**
 * `keyguard scan`: the pipeline of DESIGN §2 — config → scanner → source (sources/) → scanned
 * units (scan/) → suppression (suppress/) → reporter (report/) → `--output` → exit code (0
 * nothing found, 1 findings).
 */
import { createScanner, type Scanner } from '@keyguard/core';
// fs.promises, not node:fs/promises, which a staged scan would load for nothing (sources/files.ts)
import { constants, promises as fsPromises } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { createEnvFilePolicy } from '../env-files.js';
import { RuntimeError } from '../errors.js';
import { symlinkedFolderOf, symlinkRefused, writeFileAtomically } from '../output-file.js';
import { version } from '../version.js';
import type { ScanOptions } from '../options.js';
import { loadReporter } from '../report/index.js';
import { failingUnscanned, type ScanReport } from '../report/types.js';
import { scanSource } from '../scan/pipeline.js';
import { openSource } from '../sources/index.js';
import { createPathAllowlist } from '../suppress/allow.js';
import { applyFilters, loadFilters } from '../suppress/index.js';

export async function runScan(options: ScanOptions): Promise<number> {
  // --output is checked (and its folder created) before the scan, so a long scan never ends in
  // "cannot write the report".
  if (options.output !== undefined) await prepareOutput(resolve(options.cwd, options.output), options.output, options.cwd);
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
    writeFileAtomically(resolve(options.cwd, options.output), text, options.output, 'report', options.cwd);
  } else {
    await writeStdout(text);
  }
  return report.findings.length > 0 || report.unused.length > 0 || failingUnscanned(report).length > 0 ? 1 : 0;
}

/**
 * Creates the report's folder and checks, before the scan, what the atomic write after it
 * needs: a target that is absent or a regular file (never a symlink or a folder), in a folder
 * keyguard may write to. Throws exit 2 otherwise.
 */
async function prepareOutput(file: string, shown: string, cwd: string): Promise<void> {
  const fail = (why: string): never => {
    throw new RuntimeError(`${shown}: cannot write the report (${why}); nothing was scanned`);
  };
  const folder = symlinkedFolderOf(file, cwd);
  if (folder !== undefined) throw symlinkRefused(shown, 'report', folder);
  const existing = await fsPromises.lstat(file).catch(() => undefined);
  if (existing?.isDirectory()) fail('it is a folder');
  if (existing?.isSymbolicLink()) throw symlinkRefused(shown, 'report');
  if (existing && !existing.isFile()) fail('it is not a regular file');
  await fsPromises.mkdir(dirname(file), { recursive: true }).catch((error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
  await fsPromises.access(dirname(file), constants.W_OK).catch((error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
}

/**
 * The pipeline up to the report: config → scanner → source → scanned units → suppression. `keyguard
 * baseline` runs it without the baseline filter, to record what a scan finds.
 */
export async function collectScan(
  options: ScanOptions,
  { useBaseline = true }: { useBaseline?: boolean } = {},
): Promise<{ report: ScanReport; repoRoot: string | undefined; rules: Scanner['rules'] }> {
  // process.hrtime, not perf_hooks: loading that module costs every commit a few ms (issue 10)
  const started = process.hrtime.bigint();
  const { config: loaded, source: configSource, allowBase } = await loadConfig(options.cwd, options.config);
  const config = { ...loaded, inlineIgnores: loaded.inlineIgnores && options.inlineIgnores };
  // allow.fingerprints is applied by the filter stage, not the engine, so that it can tell
  // which entries matched nothing (--report-unused).
  const scannerConfig = { ...config, allow: { ...config.allow, fingerprints: [] } };
  const pathAllowlist = createPathAllowlist(config.allow.paths, configSource, allowBase);
  const allowedPath = pathAllowlist.isPathAllowed;

  // The source starts its git processes first; building the engine overlaps with them.
  const opening = openSource({ options, config: scannerConfig, allowBase, isPathAllowed: allowedPath });
  opening.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  const scanner = createScanner({ config: scannerConfig });
  const { source, mode } = await opening;
  const { findings, suppressed, directives, files, bytes, incomplete } = await scanSource(source, scanner, createEnvFilePolicy(config.envFiles));

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
    // fail closed where it matters most: the hook never lets a file it could not read through
    failOnUnscanned: options.failOnUnscanned ?? config.failOnUnscanned ?? mode === 'staged',
    stats: {
      files,
      bytes,
      durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
      skipped: [...source.skipped, ...incomplete],
      ...(pathAllowlist.allowedCount() > 0 ? { allowedByConfig: { count: pathAllowlist.allowedCount(), config: configSource ?? 'config' } } : {}),
    },
  };
  return { report, repoRoot, rules: scanner.rules };
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
