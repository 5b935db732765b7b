/**
 * The package managers as users run them, for end-to-end tests that install the packed
 * tarballs into fresh projects: `npm`, and `pnpm` / `yarn` (1 and 4) / `bun` put on PATH as small
 * shims over `npx -y <pinned version>`, so a README line runs verbatim. Only the npm
 * registry is reached; each tool keeps its own cache between runs.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { inject } from 'vitest';
import { requireBuiltCli, workspaceRoot } from './cli.js';
import { tempDir, testEnv } from './git.js';

export type Manager = 'npm' | 'pnpm' | 'yarn1' | 'yarn4' | 'bun';

const shims: Record<Exclude<Manager, 'npm'>, [string, string]> = {
  pnpm: ['pnpm', 'exec npx -y pnpm@10.34.9 "$@"'],
  yarn1: ['yarn', 'exec npx -y yarn@1.22.22 "$@"'],
  yarn4: ['yarn', 'exec npx -y -p @yarnpkg/cli-dist@4.18.1 yarn "$@"'],
  // The npm package `bun` fetches the real binary (@oven/bun-<platform>) from the registry.
  bun: ['bun', 'exec npx -y bun@1.4.5 "$@"'],
};

const binDirs = new Map<Manager, string>();

/** A PATH whose `pnpm` / `yarn` is the given manager (npm is the machine's own). */
export function pathFor(manager: Manager): string {
  if (manager === 'npm') return process.env.PATH ?? '';
  let dir = binDirs.get(manager);
  if (dir === undefined) {
    dir = tempDir(`keyguard-${manager}-bin-`);
    const [name, body] = shims[manager];
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
    binDirs.set(manager, dir);
  }
  return `${dir}${delimiter}${process.env.PATH ?? ''}`;
}

/** The environment for a project driven by `manager`: its PATH, no CI prompts, no update checks. */
export function managerEnv(manager: Manager, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    PATH: pathFor(manager),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_GLOBAL_CACHE: 'true',
    COREPACK_ENABLE_STRICT: '0',
    ...extra,
  };
}

/** How the README tells users of `manager` to run the project's keyguard. */
export const runner: Record<Manager, string> = {
  npm: 'npx --no-install keyguard',
  pnpm: 'pnpm exec keyguard',
  yarn1: 'yarn keyguard',
  yarn4: 'yarn keyguard',
  bun: 'bun x keyguard',
};

export const readme = readFileSync(join(workspaceRoot, 'README.md'), 'utf8');

/** The README's install line for a manager: the line ending in `# npm`, `# pnpm`, `# yarn …`, `# bun`. */
export function installLine(manager: Manager): string {
  const tag = manager.startsWith('yarn') ? 'yarn' : manager;
  const line = readme.split('\n').find((text) => new RegExp(`#\\s*${tag}\\b`).test(text) && /\$KEYGUARD\/packed\//.test(text));
  if (line === undefined) throw new Error(`README.md has no install line tagged "# ${tag}"`);
  return line.replace(/\s+#.*$/, '');
}

let packedRoot: string | undefined;

/**
 * `scripts/pack-all.mjs` once per `vitest run`; returns the dir holding packed/. The first test
 * file that needs the tarballs packs them into the run's scratch dir (test/global-setup.ts) under a
 * lock; the others, in other workers, wait for it and reuse them (packing is ~10 s of CPU per call).
 * Without the global setup (a test file run outside vitest's config), it packs into its own temp dir.
 */
export function packAll(): string {
  if (packedRoot) return packedRoot;
  requireBuiltCli();
  const runDir: string | undefined = inject('runDir');
  packedRoot = runDir === undefined ? packInto(tempDir('keyguard-packed-')) : packOnce(join(runDir, 'pack-all'));
  return packedRoot;
}

function packInto(dir: string): string {
  execFileSync(process.execPath, [join(workspaceRoot, 'scripts/pack-all.mjs'), dir], { env: testEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const written = readdirSync(join(dir, 'packed')).sort();
  if (written.join(' ') !== 'keyguard-cli.tgz keyguard-eslint-plugin.tgz') throw new Error(`pack-all wrote ${written.join(', ')}`);
  return dir;
}

/** Packs into `dir` unless another worker does or did: `dir` is the lock, `done` / `failed` in it the outcome. */
function packOnce(dir: string): string {
  const done = join(dir, 'done');
  const failed = join(dir, 'failed');
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    // the packing worker writes one of the two (a test's hook timeout bounds the wait)
    while (!existsSync(done)) {
      if (existsSync(failed)) throw new Error(`pack-all failed in another test file: ${readFileSync(failed, 'utf8')}`);
      Atomics.wait(pause, 0, 0, 200);
    }
    return dir;
  }
  try {
    packInto(dir);
  } catch (error) {
    writeFileSync(failed, String((error as { stderr?: unknown }).stderr ?? error));
    throw error;
  }
  writeFileSync(done, '');
  return dir;
}

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
