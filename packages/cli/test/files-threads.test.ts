/**
 * A scan of files on worker threads (sources/files.ts `parts`): the same report as on the main
 * thread — findings, suppressed findings, directives, skipped files and the .env policy, in the
 * same order — and a worker that fails makes the scan fail, never report the files as clean.
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScanner, defaultConfig, type KeyguardConfig } from '@keyguard/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createRepo, removeTempDirs, tempDir } from '../../../test/helpers/git.js';
import { fakeKey } from '../../../test/helpers/secrets.js';
import { createEnvFilePolicy } from '../src/env-files.js';
import { RuntimeError } from '../src/errors.js';
import { scanSource } from '../src/scan/pipeline.js';
import { openFilesSource, type FilesSourceOptions } from '../src/sources/files.js';

afterAll(removeTempDirs);

// Worker threads run JavaScript: the tsc output of the worker (built by `pnpm build`).
const builtWorker = new URL('../dist/workers/scan-worker.js', import.meta.url);

/** Big enough that a 2.5 MB file is read in chunks (over WHOLE_FILE_BYTES), small enough that a 3.5 MB one is skipped. */
const config: KeyguardConfig = { ...defaultConfig, maxFileSize: 3 * 1024 * 1024 };

const openSource = (cwd: string, options: Partial<FilesSourceOptions>) =>
  openFilesSource({ cwd, paths: [], maxFileSize: config.maxFileSize, isPathAllowed: () => false, config, ...options });

async function scanFiles(cwd: string, options: Partial<FilesSourceOptions>) {
  const source = await openSource(cwd, options);
  const parts = await source.parts?.();
  const scanned = await scanSource(source, createScanner({ config }), createEnvFilePolicy(config.envFiles));
  return { parts, scanned, skipped: source.skipped, unreadNames: source.unreadNames };
}

/** A repo (untracked files count: git would commit them) with every kind of file the source tells apart. */
function mixedRepo(): string {
  const repo = createRepo();
  const write = (file: string, content: string | Buffer) => {
    mkdirSync(join(repo.dir, file, '..'), { recursive: true });
    writeFileSync(join(repo.dir, file), content);
  };
  for (let i = 0; i < 24; i++) {
    const body = i % 3 === 0 ? `export const token${i} = '${fakeKey.githubPat()}';\n` : `export const n${i} = ${i};\n`;
    write(`src/m${String(i).padStart(2, '0')}.ts`, body);
  }
  write('src/ignored.ts', `// keyguard-ignore-next-line github-pat -- fixture\nexport const k = '${fakeKey.githubPat()}';\n`);
  write('assets/logo.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(64, 1)]));
  write('data/huge.txt', 'x'.repeat(3.5 * 1024 * 1024));
  write('data/large.txt', `${'y = 1\n'.repeat(420_000)}const late = '${fakeKey.githubPat()}';\n`);
  write('win/utf16.ps1', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`$token = '${fakeKey.githubPat()}'\r\n`, 'utf16le')]));
  write('.env', `TOKEN=${fakeKey.githubPat()}\n`);
  write('config/.env.production', 'PLAIN=1\n');
  symlinkSync('src/m00.ts', join(repo.dir, '.env.local'));
  // a name that is not valid UTF-8: opened by its bytes, which cross to the worker
  writeFileSync(Buffer.concat([Buffer.from(repo.dir), Buffer.from('/bad'), Buffer.from([0xff, 0xfe]), Buffer.from('.js')]), `const t = '${fakeKey.githubPat()}';\n`);
  return repo.dir;
}

describe.skipIf(!existsSync(fileURLToPath(builtWorker)))('a scan of files on worker threads', () => {
  it('gives the same findings, skips and .env findings as the main thread, in the same order', async () => {
    const dir = mixedRepo();
    const single = await scanFiles(dir, { threads: 1 });
    // Three files a job, so the batches spread over both workers and answers come back out of order.
    const threaded = await scanFiles(dir, { threads: 2, workerUrl: builtWorker, filesPerPart: 3 });
    expect(single.parts).toBeUndefined();
    expect(threaded.parts?.threads).toBe(2);

    expect(single.scanned.findings.map((finding) => [finding.file, finding.ruleId])).toEqual([
      ['.env', 'env-file-committed'],
      ['bad\uFFFD\uFFFD.js', 'github-pat'],
      ['config/.env.production', 'env-file-committed'],
      ['data/large.txt', 'github-pat'],
      ...[0, 3, 6, 9, 12, 15, 18, 21].map((i) => [`src/m${String(i).padStart(2, '0')}.ts`, 'github-pat']),
      ['win/utf16.ps1', 'github-pat'],
      ['.env.local', 'env-file-committed'],
    ]);
    expect(threaded.scanned).toEqual(single.scanned);
    expect(single.scanned.suppressed).toHaveLength(1);
    expect(single.scanned.directives).toHaveLength(1);
    expect(threaded.skipped).toEqual(single.skipped);
    expect(single.skipped.map((skip) => [skip.file, skip.kind])).toEqual([
      ['assets/logo.png', 'binary'],
      ['data/huge.txt', 'too-large'],
    ]);
    expect(threaded.unreadNames).toEqual(single.unreadNames);
    expect(single.unreadNames?.map((name) => name.path)).toEqual(['.env.local', 'assets/logo.png', 'data/huge.txt']);
  });

  it('stays on the main thread unless --threads asks for workers or the listing is large', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.ts'), 'export const a = 1;\n');
    const partsOf = async (options: Partial<FilesSourceOptions>) => (await openSource(dir, options)).parts?.();
    expect(await partsOf({})).toBeUndefined();
    expect((await partsOf({ threads: 2 }))?.threads).toBe(2);
    // without the scanner's config there is nothing to set workers up with
    expect(await partsOf({ threads: 2, config: undefined })).toBeUndefined();
    // the default: a worker per core once the listing reaches workersFrom files, none on one core
    writeFileSync(join(dir, 'b.ts'), 'export const b = 2;\n');
    expect((await partsOf({ cores: 3, workersFrom: 2 }))?.threads).toBe(3);
    expect(await partsOf({ cores: 3, workersFrom: 3 })).toBeUndefined();
    expect(await partsOf({ cores: 1, workersFrom: 1 })).toBeUndefined();
    expect(await partsOf({ threads: 1, cores: 3, workersFrom: 1 })).toBeUndefined();
  });

  it('by default, scans the files it looked at to size the scan once, in order, on workers or not', async () => {
    const dir = mixedRepo();
    const single = await scanFiles(dir, { threads: 1 });
    // 33 files listed: a threshold of 5 sends them to workers, one of 100 keeps them here
    const large = await scanFiles(dir, { cores: 2, workersFrom: 5, workerUrl: builtWorker, filesPerPart: 3 });
    const small = await scanFiles(dir, { cores: 2, workersFrom: 100 });
    expect(large.parts?.threads).toBe(2);
    expect(small.parts).toBeUndefined();
    expect(large.scanned).toEqual(single.scanned);
    expect(small.scanned).toEqual(single.scanned);
    expect(large.skipped).toEqual(single.skipped);
    expect(small.skipped).toEqual(single.skipped);
    expect(large.unreadNames).toEqual(single.unreadNames);
    expect(small.unreadNames).toEqual(single.unreadNames);
  });

  it('hands the first batch to the workers while the folder walk goes on, not after it', async () => {
    const dir = tempDir();
    for (let i = 0; i < 1000; i++) writeFileSync(join(dir, `f${String(i).padStart(4, '0')}.ts`), '');
    let listed = 0;
    const isPathAllowed = () => {
      listed++;
      return false;
    };
    const source = await openSource(dir, { threads: 2, filesPerPart: 100, isPathAllowed });
    const jobs = (await source.parts?.())!.jobs[Symbol.asyncIterator]();
    expect(listed).toBe(0);
    const first = await jobs.next();
    expect(first.value).toHaveLength(100);
    // the walk hands files on in slices of 256: the first batch goes out after one slice
    expect(listed).toBe(256);
    let batches = 1;
    while (!(await jobs.next()).done) batches++;
    expect([batches, listed]).toEqual([10, 1000]);
  });

  it('fails the scan when a worker fails: the files it held are never reported clean', async () => {
    const dir = tempDir();
    for (let i = 0; i < 8; i++) writeFileSync(join(dir, `f${i}.ts`), `export const token = '${fakeKey.githubPat()}';\n`);
    const scripts = tempDir();
    // one worker throws on its first job, the other answers a job with an error, as scan-worker.ts does when a part throws
    const throwing = join(scripts, 'throwing.mjs');
    writeFileSync(throwing, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => { throw new Error('worker broke'); });\n");
    const answering = join(scripts, 'answering.mjs');
    writeFileSync(answering, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', ({ id }) => parentPort.postMessage({ id, error: 'part failed' }));\n");
    for (const [script, message] of [
      [throwing, /a scan worker thread failed: worker broke/],
      [answering, /part failed/],
    ] as const) {
      const scan = scanFiles(dir, { threads: 2, filesPerPart: 2, workerUrl: new URL(`file://${script}`) });
      await expect(scan).rejects.toThrow(RuntimeError);
      await expect(scan).rejects.toThrow(message);
    }
  });
});
