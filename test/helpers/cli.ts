/**
 * Runs the built keyguard CLI (packages/cli/bin/keyguard.js → dist/keyguard.cjs), packs it like
 * a release, and wires real husky / lint-staged into temp projects.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunResult, runCommand, tempDir, testEnv } from './git.js';

export const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cliDir = join(workspaceRoot, 'packages/cli');
export const cliBin = join(cliDir, 'bin/keyguard.js');
const bundle = join(cliDir, 'dist/keyguard.cjs');

/** Fails fast, with the fix, when the CLI has not been built. */
export function requireBuiltCli(): void {
  if (!existsSync(bundle)) {
    throw new Error(`${bundle} is missing: run \`npx -y pnpm@10.34.9 build\` before the end-to-end tests`);
  }
}

export interface CliOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  input?: string;
  /** Kills the command after this many ms (a hang guard, see runCommand). */
  timeout?: number;
}

/** Runs `node packages/cli/bin/keyguard.js ...args` and returns exit code, stdout and stderr. */
export function runKeyguard(args: string[], options: CliOptions): RunResult {
  requireBuiltCli();
  return run(process.execPath, [cliBin, ...args], options);
}

/** Parses `--format json` output, with the raw text in the error when it is not JSON. */
export function parseJsonReport(stdout: string): JsonReport {
  try {
    return JSON.parse(stdout) as JsonReport;
  } catch {
    throw new Error(`keyguard did not print JSON:\n${stdout}`);
  }
}

export interface JsonReport {
  version: number;
  findings: Array<{
    ruleId: string;
    message: string;
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    match: string;
    fingerprint: string;
    commit?: string;
  }>;
  stats: {
    files: number;
    bytes: number;
    durationMs: number;
    skipped: Array<{ file: string; reason: string }>;
    /** Present when `skipped` holds text files: whether they failed the run. */
    failOnUnscanned?: boolean;
    /** Paths config allow.paths kept out of the scan. */
    allowedByConfig?: { count: number; config: string };
  };
}

let packed: string | undefined;

/** `pnpm pack` of @keyguard/cli into a temp dir, once per test file; returns the tarball path. */
export function packCli(): string {
  if (packed) return packed;
  requireBuiltCli();
  const destination = tempDir('keyguard-pack-');
  execFileSync('npx', ['-y', 'pnpm@10.34.9', 'pack', '--pack-destination', destination], {
    cwd: cliDir,
    env: testEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tarball = readdirSync(destination).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack wrote no tarball into ${destination}`);
  packed = join(destination, tarball);
  return packed;
}

/**
 * Gives a temp project the workspace's own husky, lint-staged and keyguard through a
 * node_modules of symlinks (fast, offline); the packed-tarball install is the slower,
 * user-like alternative.
 */
export function linkWorkspaceTools(projectDir: string): void {
  const modules = join(projectDir, 'node_modules');
  const bin = join(modules, '.bin');
  mkdirSync(join(modules, '@keyguard'), { recursive: true });
  mkdirSync(bin, { recursive: true });
  const link = (target: string, path: string) => {
    if (!existsSync(path)) symlinkSync(target, path);
  };
  link(join(workspaceRoot, 'node_modules/husky'), join(modules, 'husky'));
  link(join(workspaceRoot, 'node_modules/lint-staged'), join(modules, 'lint-staged'));
  link(cliDir, join(modules, '@keyguard/cli'));
  link(join(workspaceRoot, 'node_modules/husky/bin.js'), join(bin, 'husky'));
  link(join(workspaceRoot, 'node_modules/lint-staged/bin/lint-staged.js'), join(bin, 'lint-staged'));
  link(cliBin, join(bin, 'keyguard'));
  chmodSync(cliBin, 0o755);
}

/** Runs a command in a project with the test environment, without throwing. */
export function run(command: string, args: string[], options: CliOptions): RunResult {
  return runCommand(command, args, options.cwd, options);
}
