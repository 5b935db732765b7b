/**
 * Real git repositories in temp dirs for end-to-end tests. Every git call runs with a fixed
 * identity and without the machine's global/system config, so tests do not depend on who runs
 * them (and a global core.hooksPath cannot leak in).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const emptyConfig = join(tmpdir(), 'keyguard-test-empty-gitconfig');
writeFileSync(emptyConfig, '');

/** The environment every git (and hook, and CLI) process of a test runs with. */
export const gitEnv: Record<string, string> = {
  GIT_AUTHOR_NAME: 'keyguard test',
  GIT_AUTHOR_EMAIL: 'test@keyguard.invalid',
  GIT_COMMITTER_NAME: 'keyguard test',
  GIT_COMMITTER_EMAIL: 'test@keyguard.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: emptyConfig,
  GIT_TERMINAL_PROMPT: '0',
};

/** process.env plus the fixed git identity, minus variables that would change how hooks run. */
export function testEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...gitEnv };
  for (const name of ['HUSKY', 'GIT_DIR', 'GIT_INDEX_FILE', 'GIT_WORK_TREE', 'FORCE_COLOR', 'CI']) delete env[name];
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
  /** Kills the command after this many ms (a guard against a hang, which then fails the test); none by default. */
  timeout?: number;
}

/** Runs git and returns its output; throws with git's stderr when it fails. */
export function git(cwd: string, args: string[], options: RunOptions = {}): string {
  return execFileSync('git', args, {
    cwd,
    env: testEnv(options.env),
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Runs a command in `cwd` with the test environment; returns exit code and output without throwing. */
export function runCommand(command: string, args: string[], cwd: string, options: RunOptions = {}): RunResult {
  const result = spawnSync(command, args, {
    cwd,
    env: testEnv(options.env),
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeout,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs git and returns exit code and output without throwing (for commits that a hook may block). */
export function gitResult(cwd: string, args: string[], options: RunOptions = {}): RunResult {
  return runCommand('git', args, cwd, options);
}

const tempDirs: string[] = [];

/** A fresh temp dir, removed by `removeTempDirs()` (call it in afterAll/afterEach). */
export function tempDir(prefix = 'keyguard-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export class TempRepo {
  constructor(readonly dir: string) {}

  git(...args: string[]): string {
    return git(this.dir, args);
  }

  gitResult(args: string[], options: RunOptions = {}): RunResult {
    return gitResult(this.dir, args, options);
  }

  path(file: string): string {
    return join(this.dir, file);
  }

  /** Writes a file (creating folders); content as given, byte for byte. */
  write(file: string, content: string | Buffer): string {
    const full = this.path(file);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    return full;
  }

  read(file: string): Buffer {
    return readFileSync(this.path(file));
  }

  /** Writes the files and stages them. */
  stage(files: Record<string, string | Buffer>): void {
    for (const [file, content] of Object.entries(files)) this.write(file, content);
    this.git('add', '--', ...Object.keys(files));
  }

  /** Stages everything and commits without hooks; returns the new commit id. */
  commitAll(message = 'commit'): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--no-verify', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  /** The index as git records it (mode, blob id, stage, path): equal before and after means untouched. */
  indexSnapshot(): string {
    return this.git('ls-files', '-s', '-z');
  }
}

/** `git init` in a new temp dir, branch `main`, fixed identity. */
export function createRepo(prefix = 'keyguard-repo-'): TempRepo {
  const dir = tempDir(prefix);
  git(dir, ['-c', 'init.defaultBranch=main', 'init', '-q']);
  return new TempRepo(dir);
}
