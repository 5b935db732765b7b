/**
 * Running git: the one place that starts git processes, pins the configuration that could change
 * the formats we parse, and turns failures into messages that say what to do.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { RuntimeError } from '../errors.js';

// This module is in the bundle's entry (src/main.ts starts a staged scan's git processes before
// the scan code loads): node:child_process is loaded where a git runs, not by `keyguard --version`.
// bin/keyguard.js has loaded it already for the commands that run git (before its V8 flag).
const childProcess = () => process.getBuiltinModule('node:child_process');

/**
 * `-c` options that every command whose output we parse runs with: user configuration must not
 * change paths (quoting, prefixes, relative diffs), blank context lines or log output.
 */
export const PINNED_CONFIG: readonly string[] = [
  '-c', 'core.quotePath=false',
  '-c', 'diff.noprefix=false',
  '-c', 'diff.mnemonicPrefix=false',
  '-c', 'diff.relative=false',
  '-c', 'diff.suppressBlankEmpty=false',
  '-c', 'log.showSignature=false',
];

/** Diff flags that keep user configuration (colour, external diff tools, textconv) out of patches. */
export const PLAIN_DIFF_FLAGS: readonly string[] = ['--no-color', '--no-ext-diff', '--no-textconv'];

export interface GitOptions {
  cwd: string;
  input?: string | Buffer;
  /** Exit codes that are not failures (e.g. 1 for `rev-parse --verify -q` on a missing ref). */
  okCodes?: number[];
}

export interface GitOutput {
  code: number;
  stdout: Buffer;
  stderr: string;
}

const NOT_INSTALLED = 'git is not installed or not on PATH: install git, or add the folder holding it to PATH';

/** The message for a git process that could not start. */
export function cannotRunGit(error: NodeJS.ErrnoException): RuntimeError {
  return new RuntimeError(error.code === 'ENOENT' ? NOT_INSTALLED : `cannot run git: ${error.message}`);
}

/** The message for a git command that failed: the command, and git's own words on why. */
export function gitFailed(args: readonly string[], code: number, stderr: string): RuntimeError {
  const command = args.filter((arg, i) => arg !== '-c' && args[i - 1] !== '-c').slice(0, 3).join(' ');
  return new RuntimeError(`git ${command} failed: ${stderr.trim() || `exit code ${code}`}`);
}

/** Git processes started ahead of the call that reads them (`startGit`), by cwd, arguments and ok exit codes. */
const startedEarly = new Map<string, Promise<GitOutput>>();

const callKey = (args: readonly string[], options: GitOptions) => JSON.stringify([options.cwd, args, options.okCodes ?? []]);

/**
 * Starts `git ...args` now; the first `git()` call with the same cwd, arguments and ok exit codes
 * (and no input) takes this process instead of starting one. A staged scan's first git calls are
 * started by the entry before the scan code loads, so git runs while it loads (issue 10). A
 * failure reaches that call as it would have; a process no call takes only runs to its end.
 */
export function startGit(args: string[], options: GitOptions): void {
  if (options.input !== undefined) throw new Error('startGit: a git call with input is not started early');
  const key = callKey(args, options);
  if (startedEarly.has(key)) return;
  const pending = git(args, options);
  pending.catch(() => undefined); // rejected only for the call that takes it
  startedEarly.set(key, pending);
}

/** Runs `git ...args` and collects stdout as bytes (file names and blobs are not always UTF-8). */
export function git(args: string[], options: GitOptions): Promise<GitOutput> {
  if (options.input === undefined && startedEarly.size > 0) {
    const key = callKey(args, options);
    const started = startedEarly.get(key);
    if (started !== undefined) {
      startedEarly.delete(key);
      return started;
    }
  }
  return new Promise((resolve, reject) => {
    // without input, stdin is /dev/null: a pipe more (and its stream) per process costs every commit
    const child = childProcess().spawn('git', args, { cwd: options.cwd, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => reject(cannotRunGit(error)));
    child.on('close', (code) => {
      const result = { code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') };
      if (result.code === 0 || options.okCodes?.includes(result.code)) resolve(result);
      else reject(gitFailed(args, result.code, result.stderr));
    });
    if (child.stdin !== null) {
      child.stdin.on('error', () => {
        // git may exit before reading all input (e.g. on a bad argument); its exit code tells why.
      });
      child.stdin.end(options.input);
    }
  });
}

/** Runs git to the end, synchronously; output as trimmed text. Only a git that cannot start throws. */
export function gitSync(cwd: string, args: string[], input?: string): { code: number; stdout: string; stderr: string } {
  const result = childProcess().spawnSync('git', args, { cwd, input, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  if (result.error) throw cannotRunGit(result.error as NodeJS.ErrnoException);
  return { code: result.status ?? 1, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

/** Starts a long-running git (a streamed `git log`); the caller reads stdout and checks the exit code. */
export function spawnGit(args: string[], cwd: string): ChildProcessWithoutNullStreams {
  return childProcess().spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** The work tree root of the repo containing `cwd`, or undefined outside git (or without git). */
export async function findRepoRoot(cwd: string): Promise<string | undefined> {
  try {
    const { stdout, code } = await git(['rev-parse', '--show-toplevel'], { cwd, okCodes: [128] });
    if (code !== 0) return undefined;
    const root = stdout.toString('utf8').replace(/\n$/, '');
    return root === '' ? undefined : root;
  } catch {
    return undefined;
  }
}

/** Splits NUL-terminated git output (`-z`) into strings. */
export function splitNul(output: Buffer): string[] {
  const text = output.toString('utf8');
  const parts = text.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}
