/** Running git: one place that turns git failures into messages a user can act on. */
import { spawn } from 'node:child_process';
import { RuntimeError } from './errors.js';

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

/**
 * Runs `git ...args` and collects stdout as bytes (file names and blobs are not always UTF-8).
 * Options that could change output formats (colour, external diff, textconv, quoting) are the
 * callers' to pin with `-c` and flags.
 */
export function git(args: string[], options: GitOptions): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new RuntimeError(
          error.code === 'ENOENT' ? 'git is not installed or not on PATH' : `cannot run git: ${error.message}`,
        ),
      );
    });
    child.stdin.on('error', () => {
      // git may exit before reading all input (e.g. on a bad argument); its exit code tells why.
    });
    child.on('close', (code) => {
      const result = { code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') };
      if (result.code === 0 || options.okCodes?.includes(result.code)) resolve(result);
      else reject(new RuntimeError(`git ${args.filter((a) => !a.startsWith('-c')).slice(0, 3).join(' ')} failed: ${result.stderr.trim() || `exit code ${result.code}`}`));
    });
    child.stdin.end(options.input);
  });
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
