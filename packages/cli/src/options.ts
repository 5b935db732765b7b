/** What `keyguard scan` was asked to do, after argument parsing (see main.ts). */
import type { ReportFormat } from './report/index.js';

export { reportFormats, type ReportFormat } from './report/index.js';

export interface ScanOptions {
  /** PATH arguments as given (absolute or relative to cwd). */
  paths: string[];
  staged: boolean;
  /** `--since <rev>`: every commit in rev..HEAD. */
  since?: string;
  /** `--history`: every commit reachable from HEAD. */
  history: boolean;
  /** `--staged --all-lines`: report every line of the staged files, not only added ones. */
  allLines: boolean;
  format: ReportFormat;
  output?: string;
  config?: string;
  quiet: boolean;
  baseline?: string;
  /** false with `--no-inline-ignores`. */
  inlineIgnores: boolean;
  reportUnused: boolean;
  /** `--fail-on-unscanned` / `--no-fail-on-unscanned`; undefined = the config's, else true for --staged only. */
  failOnUnscanned?: boolean;
  /** `--threads <n>`; undefined = the source's default. */
  threads?: number;
  cwd: string;
}

export interface InitOptions {
  cwd: string;
  dryRun: boolean;
  install: boolean;
  /** The ESLint step of the hook; undefined = init decides from the project's ESLint. */
  eslint?: 'keyguard' | 'all' | 'none';
}

export interface BaselineOptions {
  cwd: string;
  paths: string[];
  baseline?: string;
  update: boolean;
  config?: string;
  staged: boolean;
  since?: string;
  history: boolean;
  threads?: number;
  quiet: boolean;
}
