/**
 * The `keyguard` entry point: parses arguments and hands over to a command module. Command
 * modules are loaded with `import()` so `git commit` (scan --staged) loads only what it needs.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { RuntimeError, UsageError } from './errors.js';
import { startStagedGit } from './git/staged-calls.js';
import { realPath } from './paths.js';
import { terminalSafe } from '@keyguard/core';
import { reportFormats, type BaselineOptions, type ReportFormat, type ScanOptions } from './options.js';
import { version } from './version.js';

export { version };

// A bound under the static ReDoS checks (the catalog's recheck test, the config's check of user
// regexes): a regex that backtracks past V8's budget is finished by V8's linear-time engine
// (regexes without lookarounds or backreferences), so no regex can hang a scan on what the
// static checks missed. V8 flags are process-wide: history-scan workers get it too.
setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

const usage = `keyguard ${version}: stop API keys at git commit and in CI

Usage:
  keyguard scan [PATH...]            files and folders (in a git repo: tracked + untracked, not ignored)
  keyguard scan --staged [PATH...]   what is staged for the next commit (lines added against HEAD)
  keyguard scan --since <rev>        every commit in <rev>..HEAD (--history: all commits)
  keyguard baseline [--update] [PATH... | --staged | --since <rev> | --history]
                                     record today's findings so only new ones fail
  keyguard init [--dry-run] [--no-install] [--eslint keyguard|all|none]
                                     wire husky + lint-staged + the pre-commit scan into this repo

Scan options:
  --staged                 scan the git index, not the working tree
  --all-lines              with --staged: report every line of the staged files
  --since <rev>            scan the commits in <rev>..HEAD
  --history                scan every commit reachable from HEAD
  --format <f>             text (default) | json | sarif | github
  --output <file>          write the report to a file (the exit code is kept)
  --config <file>          use this config instead of keyguard.config.json / package.json#keyguard
  --baseline <file>        report only findings not recorded in this baseline
  --no-inline-ignores      do not honour keyguard-ignore comments
  --report-unused          report ignores and baseline entries that matched nothing
  --fail-on-unscanned      exit 1 when a text file could not be scanned (too large, unreadable);
                           the default with --staged (config: failOnUnscanned)
  --no-fail-on-unscanned   only warn about such files (the default of other scans)
  --threads <n>            worker threads for a scan of files or a history (not --staged)
  --quiet                  print findings only, no summary
  -h, --help               this help
  -v, --version            the version

Baseline options:
  --update                 overwrite an existing baseline (drops fixed findings, records new ones)
  --baseline <file>        the file to write (default .keyguard-baseline.json)
  PATH..., --staged, --since <rev>, --history, --threads <n>, --config <file>, --quiet
                           choose what is scanned and how, as for scan
  --format, --output, --all-lines, --no-inline-ignores and --report-unused apply to scan only

Exit codes: 0 nothing found, 1 findings (or a file not scanned, with --fail-on-unscanned),
2 usage, config or runtime error.
`;

const initUsage = `keyguard init [--dry-run] [--no-install] [--eslint keyguard|all|none]

Wires the pre-commit guard into this repo: installs husky (and lint-staged, when ESLint runs
through it) with the repo's package manager, adds the script that activates husky, writes
.husky/pre-commit running \`keyguard scan --staged\`, adds a lint-staged ESLint entry and the
.env lines of .gitignore, and activates the hook. It installs before it writes, and refuses,
changing nothing, where husky would switch off hooks that run today (another core.hooksPath,
a .git/hooks/pre-commit). Run it again: it changes only what is missing.

Options:
  --dry-run       print what would change; write and install nothing
  --no-install    do not run the package manager: add husky (and lint-staged) to package.json
                  and print the install command
  --eslint <step> the ESLint step lint-staged runs on staged files:
                    keyguard  keyguard's rules only (init writes keyguard.eslint.config.mjs)
                    all       the project's own ESLint config
                    none      no ESLint step (the hook runs the keyguard scan alone)
                  Default: init runs the project's ESLint once on the tracked files the hook
                  would lint; no errors → all; errors (or an ESLint that cannot run) → keyguard,
                  so errors the code already has do not block every commit (none without
                  @keyguard/eslint-plugin). An ESLint step already in lint-staged is kept.
  -h, --help      this help

Exit codes: 0 set up (or already set up), 2 refused or failed (the message says why and what to run).
`;

const scanOptions = {
  staged: { type: 'boolean' },
  since: { type: 'string' },
  history: { type: 'boolean' },
  'all-lines': { type: 'boolean' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  quiet: { type: 'boolean', short: 'q' },
  baseline: { type: 'string' },
  'no-inline-ignores': { type: 'boolean' },
  'report-unused': { type: 'boolean' },
  'fail-on-unscanned': { type: 'boolean' },
  'no-fail-on-unscanned': { type: 'boolean' },
  threads: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

const initOptions = {
  'dry-run': { type: 'boolean' },
  eslint: { type: 'string' },
  'no-install': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

/**
 * Options of `keyguard scan` that `keyguard baseline` does not honour, with what to do instead.
 * baseline knows them only to reject them by name, never to ignore them silently.
 */
const scanOnlyOptions: Record<string, string> = {
  format: 'a baseline is always written as JSON',
  output: 'use --baseline <file> to choose the file baseline writes',
  'all-lines': 'a baseline of --staged records the findings on the lines the commit adds',
  'no-inline-ignores': 'to record the keys inline directives hide, set "inlineIgnores": false in the config (--config <file>)',
  'report-unused': 'run `keyguard scan --report-unused` to list baseline entries that match nothing; `keyguard baseline --update` drops them',
};

const baselineOptions = {
  update: { type: 'boolean' },
  baseline: { type: 'string' },
  config: { type: 'string', short: 'c' },
  staged: { type: 'boolean' },
  since: { type: 'string' },
  history: { type: 'boolean' },
  threads: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
  // Rejected with scanOnlyOptions' message.
  format: scanOptions.format,
  output: scanOptions.output,
  'all-lines': scanOptions['all-lines'],
  'no-inline-ignores': scanOptions['no-inline-ignores'],
  'report-unused': scanOptions['report-unused'],
} satisfies ParseArgsConfig['options'];

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    // parseArgs messages name the option ("Unknown option '--x'"); keep them, drop Node's error code.
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /^Unknown option '(--?[^']+)'/.exec(message);
    const known = Object.entries(options).flatMap(([name, option]) => [`--${name}`, ...(option.short ? [`-${option.short}`] : [])]);
    const suggestion = unknown ? didYouMean(unknown[1]!.split('=')[0]!, known) : undefined;
    // Node's own hint ("To specify a positional argument starting with a '-'…") does not help here.
    const text = unknown ? `Unknown option '${unknown[1]}'` : message;
    throw new UsageError(suggestion ? `${text}: did you mean ${suggestion}?` : text);
  }
}

/** The closest known word (at most a third of its letters apart), for "did you mean". */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  const bare = word.replace(/^-+/, '');
  if (best === undefined) return undefined;
  if (bestDistance <= Math.max(1, Math.floor(bare.length / 3))) return best;
  // a prefix or a longer spelling of a long option (--dry → --dry-run, --stage → --staged)
  const prefixed = known.filter((candidate) => bare.length >= 3 && candidate.replace(/^-+/, '').startsWith(bare));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** Edit distance counting a swap of two neighbours as one edit (scna → scan). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let cost = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, rows[i - 2]![j - 2]! + 1);
      row[j] = cost;
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

function parseThreads(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1) {
    throw new UsageError(`--threads needs a whole number of at least 1, got '${value}'`);
  }
  return threads;
}

/** What a scan reads — PATHs, the index or a commit range — checked the same way for scan and baseline. */
function parseSource(
  values: { staged?: boolean; since?: string; history?: boolean; threads?: string },
  positionals: string[],
): Pick<ScanOptions, 'paths' | 'staged' | 'since' | 'history' | 'threads'> {
  const modes = [values.staged && '--staged', values.since !== undefined && '--since', values.history && '--history'];
  const chosen = modes.filter(Boolean);
  if (chosen.length > 1) throw new UsageError(`${chosen.join(' and ')} cannot be combined: pick one`);
  const historyScan = values.since !== undefined || values.history === true;
  if (historyScan && positionals.length > 0) {
    throw new UsageError(`PATH arguments cannot be combined with ${chosen[0]}`);
  }
  if (values.since === '') throw new UsageError('--since needs a revision, e.g. --since origin/main');
  const threads = parseThreads(values.threads);
  if (threads !== undefined && values.staged) throw new UsageError('--threads does not apply to --staged (it scans on one thread)');
  return { paths: positionals, staged: values.staged ?? false, since: values.since, history: values.history ?? false, threads };
}

export function parseScanArgs(args: string[], cwd: string): ScanOptions | 'help' {
  const { values, positionals } = parse(args, scanOptions);
  if (values.help) return 'help';
  const format = values.format ?? 'text';
  if (!reportFormats.includes(format as ReportFormat)) {
    throw new UsageError(`--format must be one of ${reportFormats.join(', ')}, got '${format}'`);
  }
  const source = parseSource(values, positionals);
  if (values['all-lines'] && !values.staged) throw new UsageError('--all-lines only applies to --staged');
  if (values['fail-on-unscanned'] && values['no-fail-on-unscanned']) throw new UsageError('--fail-on-unscanned and --no-fail-on-unscanned contradict each other');
  const failOnUnscanned = values['fail-on-unscanned'] ? true : values['no-fail-on-unscanned'] ? false : undefined;
  return {
    ...(failOnUnscanned === undefined ? {} : { failOnUnscanned }),
    ...source,
    allLines: values['all-lines'] ?? false,
    format: format as ReportFormat,
    output: values.output,
    config: values.config,
    quiet: values.quiet ?? false,
    baseline: values.baseline,
    inlineIgnores: !values['no-inline-ignores'],
    reportUnused: values['report-unused'] ?? false,
    cwd,
  };
}

export function parseBaselineArgs(args: string[], cwd: string): BaselineOptions | 'help' {
  const { values, positionals, tokens } = parse(args, baselineOptions);
  if (values.help) return 'help';
  for (const token of tokens) {
    const instead = token.kind === 'option' ? scanOnlyOptions[token.name] : undefined;
    if (token.kind === 'option' && instead !== undefined) {
      const spelled = token.rawName === `--${token.name}` ? token.rawName : `${token.rawName} (--${token.name})`;
      throw new UsageError(`${spelled} applies to \`keyguard scan\`, not \`keyguard baseline\`: ${instead}`);
    }
  }
  return {
    ...parseSource(values, positionals),
    cwd,
    baseline: values.baseline,
    update: values.update ?? false,
    config: values.config,
    quiet: values.quiet ?? false,
  };
}

async function dispatch(argv: string[], cwd: string): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      // No command is a usage error: the help goes to stderr, stdout stays empty.
      process.stderr.write(usage);
      return 2;
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(usage);
      return 0;
    case '-v':
    case '--version':
      process.stdout.write(`${version}\n`);
      return 0;
    case 'scan': {
      const options = parseScanArgs(rest, cwd);
      if (options === 'help') {
        process.stdout.write(usage);
        return 0;
      }
      // the commit hook: git reads the index while the scan code loads (sources/staged.ts takes these)
      if (options.staged) startStagedGit(realPath(options.cwd), options.allLines);
      const { runScan } = await import('./commands/scan.js');
      return runScan(options);
    }
    case 'init': {
      const { values, positionals } = parse(rest, initOptions);
      if (values.help) {
        process.stdout.write(initUsage);
        return 0;
      }
      if (positionals.length > 0) throw new UsageError(`init takes no arguments, got '${positionals[0]}'`);
      const eslint = values.eslint;
      if (eslint !== undefined && eslint !== 'keyguard' && eslint !== 'all' && eslint !== 'none') {
        const suggestion = didYouMean(eslint, ['keyguard', 'all', 'none']);
        throw new UsageError(`--eslint must be keyguard, all or none, got '${eslint}'${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}`);
      }
      const { runInit } = await import('./commands/init.js');
      return runInit({ cwd, dryRun: values['dry-run'] ?? false, install: !values['no-install'], ...(eslint === undefined ? {} : { eslint }) });
    }
    case 'baseline': {
      const options = parseBaselineArgs(rest, cwd);
      if (options === 'help') {
        process.stdout.write(usage);
        return 0;
      }
      const { runBaseline } = await import('./commands/baseline.js');
      return runBaseline(options);
    }
    default: {
      const suggestion = didYouMean(command, ['scan', 'init', 'baseline']);
      throw new UsageError(`unknown command '${command}'${suggestion ? `: did you mean '${suggestion}'?` : ''}`);
    }
  }
}

/** Runs the CLI; resolves to the exit code. Errors become a one-line message and exit 2. */
export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  try {
    return await dispatch(argv, cwd);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`keyguard: ${terminalSafe(error.message, '\n')}\nRun 'keyguard --help' for usage.\n`);
      return 2;
    }
    if (error instanceof RuntimeError || (error instanceof Error && error.name === 'ConfigError')) {
      // messages quote file names and config values: never a raw ESC on the terminal
      process.stderr.write(`keyguard: ${terminalSafe(error.message, '\n')}\n`);
      return 2;
    }
    throw error;
  }
}
