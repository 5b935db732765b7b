/**
 * bin/keyguard.js compiles the bundle's chunks with V8's code cache on every Node version (not
 * Node 22+'s `module.enableCompileCache`, which caches less): written after a run into
 * node_modules/.cache/keyguard of
 * the node_modules keyguard is installed in, read by the next run. A cache that is missing,
 * corrupt, made for another file, or a folder that cannot be written changes nothing but speed.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliDir, parseJsonReport, requireBuiltCli, run } from './helpers/cli.js';
import { createRepo, removeTempDirs, tempDir } from './helpers/git.js';
import { fakeKey } from './helpers/secrets.js';

afterAll(removeTempDirs);

/** The built package, installed by copy into <root>/node_modules/@keyguard/cli; returns its bin. */
function install(root: string): string {
  requireBuiltCli();
  const dir = join(root, 'node_modules', '@keyguard', 'cli');
  mkdirSync(dir, { recursive: true });
  for (const part of ['bin', 'dist/keyguard.cjs', 'dist/chunks', 'package.json']) cpSync(join(cliDir, part), join(dir, part), { recursive: true });
  return join(dir, 'bin', 'keyguard.js');
}

/** A project with one file holding a key: the scan reports it (exit 1). */
function project(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'config.ts'), `export const token = '${fakeKey.githubPat()}';\n`);
  writeFileSync(join(dir, 'clean.ts'), 'export const x = 1;\n');
  return dir;
}

function scan(bin: string, cwd: string, env: Record<string, string | undefined> = {}) {
  // a run that hangs (on a FIFO in the cache folder) is killed and fails the test
  const result = run(process.execPath, [bin, 'scan', '--format', 'json'], { cwd, env, timeout: 60_000 });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(1);
  return parseJsonReport(result.stdout).findings.map((f) => [f.ruleId, f.file, f.line, f.column, f.fingerprint]);
}

const scanChunkCache = (cacheDir: string) => readdirSync(cacheDir).filter((name) => /^scan-[^.]+\.cjs\.v[\d.]+-\w+\.v8cache$/.test(name));

/** An install and a project scanned once, so the scan chunk's cache file exists; with the report of that scan. */
function cachedOnce() {
  const root = tempDir();
  const bin = install(root);
  const dir = project();
  const expected = scan(bin, dir);
  const cacheDir = join(root, 'node_modules', '.cache', 'keyguard');
  return { bin, dir, expected, cacheDir, cacheFile: join(cacheDir, scanChunkCache(cacheDir)[0]!) };
}

describe('the code cache of the CLI bundle', () => {
  it('is written after a run into node_modules/.cache/keyguard and read by the next, with the same report', () => {
    const root = tempDir();
    const bin = install(root);
    const dir = project();
    const first = scan(bin, dir);
    expect(first).toHaveLength(1);
    const cacheDir = join(root, 'node_modules', '.cache', 'keyguard');
    const [cache] = scanChunkCache(cacheDir);
    expect(cache).toBeDefined();
    const written = statSync(join(cacheDir, cache!));
    // the cache holds the code that ran, not only the chunk's top level
    expect(written.size).toBeGreaterThan(100_000);

    expect(scan(bin, dir)).toEqual(first);
    // accepted: not written again (a rejected cache is replaced by a new file)
    const after = statSync(join(cacheDir, cache!));
    expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
    // nothing written into the project
    expect(readdirSync(dir).sort()).toEqual(['clean.ts', 'config.ts']);
  });

  it('ignores a corrupt cache, or another chunk’s, and replaces it', () => {
    const { bin, dir, expected, cacheDir, cacheFile } = cachedOnce();
    const good = readFileSync(cacheFile);
    const otherChunk = readdirSync(cacheDir).find((name) => !name.startsWith('scan-'));
    expect(otherChunk).toBeDefined();
    for (const bad of [Buffer.from('not a V8 code cache'), good.subarray(0, good.length >> 1), readFileSync(join(cacheDir, otherChunk!))]) {
      writeFileSync(cacheFile, bad);
      expect(scan(bin, dir)).toEqual(expected);
      expect(readFileSync(cacheFile).length).toBeGreaterThan(100_000);
    }
  });

  // node_modules/.cache can come from a checkout (a committed node_modules): a cache file that is a
  // symlink to /dev/zero or a FIFO must not grow memory without end or hang the commit, and a
  // symlink to a file elsewhere is neither read nor written through
  it('never follows a cache file that is a symlink, nor waits on a FIFO', () => {
    const { bin, dir, expected, cacheFile } = cachedOnce();
    const elsewhere = join(tempDir(), 'important.txt');
    writeFileSync(elsewhere, 'keep me\n');
    const plant = [
      () => symlinkSync('/dev/zero', cacheFile),
      () => symlinkSync(elsewhere, cacheFile),
      () => execFileSync('mkfifo', [cacheFile]),
    ];
    for (const planted of plant) {
      unlinkSync(cacheFile);
      planted();
      expect(scan(bin, dir)).toEqual(expected);
      // replaced by a regular cache file; the file the symlink named is untouched
      expect(lstatSync(cacheFile).isFile()).toBe(true);
      expect(readFileSync(elsewhere, 'utf8')).toBe('keep me\n');
    }
  });

  it('runs without a cache when its folder cannot be written, or with NODE_DISABLE_COMPILE_CACHE', () => {
    const root = tempDir();
    const bin = install(root);
    const dir = project();
    // node_modules/.cache is a file: the cache folder cannot be made (a read-only install)
    writeFileSync(join(root, 'node_modules', '.cache'), '');
    const expected = scan(bin, dir);
    expect(scan(bin, dir)).toEqual(expected);

    const other = tempDir();
    const otherBin = install(other);
    expect(scan(otherBin, dir, { NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual(expected);
    expect(readdirSync(join(other, 'node_modules'))).toEqual(['@keyguard']);
  });
});

describe('the V8 flag the bin sets, and Node’s own modules', () => {
  // V8 accepts cached code only when made under the same flags. Node compiles its built-in modules
  // from a code cache made under the default flags, so a built-in first loaded after the bin's
  // setFlagsFromString is compiled from source on every run (~30 M instructions for child_process
  // and what it loads). The bin loads what a command needs before it sets the flag.
  it('a staged scan loads no Node module after the flag is set, also when it writes the cache and drops a stale one', () => {
    // a fresh install: this run writes the chunks' caches, and removes an earlier build's (rmSync
    // did that by loading Node's rimraf module after the flag)
    const root = tempDir();
    const bin = install(root);
    const cacheDir = join(root, 'node_modules', '.cache', 'keyguard');
    mkdirSync(cacheDir, { recursive: true });
    const stale = join(cacheDir, `scan-0ldBu1ld.cjs.${process.version}-${process.arch}.v8cache`);
    writeFileSync(stale, 'an earlier build\'s cache');
    const repo = createRepo();
    repo.stage({ 'a.ts': 'export const a = 1;\n', 'b.ts': 'export const b = 2;\n' });
    const preload = join(tempDir(), 'after-flag.cjs');
    const out = join(tempDir(), 'after-flag.txt');
    writeFileSync(
      preload,
      `const v8 = require('node:v8');
const set = v8.setFlagsFromString;
let before;
v8.setFlagsFromString = function (flags) { before ??= new Set(process.moduleLoadList); return set.call(this, flags); };
process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(before ? process.moduleLoadList.filter((m) => !before.has(m)) : null)));
`,
    );
    const result = run(process.execPath, ['--require', preload, bin, 'scan', '--staged', '--format', 'json'], { cwd: repo.dir, timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(parseJsonReport(result.stdout).stats.files).toBe(2);
    const after = JSON.parse(readFileSync(out, 'utf8')) as string[] | null;
    expect(after, 'the bin sets a V8 flag').not.toBeNull();
    // stdout is a pipe here: its stream (net) comes with child_process
    expect(after!.filter((name) => name.startsWith('NativeModule '))).toEqual([]);
    expect(scanChunkCache(cacheDir)).toHaveLength(1);
    expect(readdirSync(cacheDir)).not.toContain(stale.slice(cacheDir.length + 1));
  });
});
