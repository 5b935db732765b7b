import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createScanner, defaultConfig, fingerprint, type SuppressedFinding } from '@keyguard/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createRepo, removeTempDirs } from '../../../test/helpers/git.js';
import { fakeKey } from '../../../test/helpers/secrets.js';
import type { SkippedFile } from '../src/sources/types.js';
import { openHistorySource, type HistorySourceOptions } from '../src/sources/history.js';
import { scanSource } from '../src/scan/pipeline.js';
import type { HistoryRange } from '../src/git/range.js';
import type { UnitDirective } from '../src/scan/unit.js';
import { mergeHistoryFindings, type HistoryFinding } from '../src/suppress/history-merge.js';

afterAll(removeTempDirs);

/** The history source and the merge on their own (no config file, other suppression or report). */
interface HistoryScanResult {
  range: HistoryRange;
  findings: HistoryFinding[];
  suppressed: SuppressedFinding[];
  directives: UnitDirective[];
  stats: { commits: number; files: number; bytes: number; skipped: SkippedFile[] };
}

async function scanHistory(options: HistorySourceOptions): Promise<HistoryScanResult> {
  const source = openHistorySource(options);
  // The pipeline scans the source's units (on worker threads when the source offers parts); no .env policy here.
  const scanned = await scanSource(source, createScanner({ config: options.config }), { isBlocked: () => false });
  return {
    range: source.range!,
    findings: mergeHistoryFindings(scanned.findings),
    suppressed: scanned.suppressed,
    directives: scanned.directives as UnitDirective[],
    stats: { commits: source.commits, files: scanned.files, bytes: scanned.bytes, skipped: source.skipped },
  };
}

// Worker threads run JavaScript: the tsc output of the worker (built by `pnpm build`).
const builtWorker = new URL('../dist/workers/scan-worker.js', import.meta.url);

const scan = (options: Omit<HistorySourceOptions, 'config' | 'progress'>) =>
  scanHistory({ config: defaultConfig, progress: false, threads: 1, ...options });

describe('history scan (main thread)', () => {
  it('finds a key committed and removed in the next commit, with its commit, author date and file', async () => {
    const repo = createRepo();
    repo.write('README.md', '# app\n');
    const base = repo.commitAll('base');
    const key = fakeKey.githubPat();
    repo.write('src/config.ts', `export const token = '${key}';\n`);
    const leaked = repo.commitAll('add token');
    repo.write('src/config.ts', 'export const token = process.env.GITHUB_TOKEN;\n');
    repo.commitAll('remove token');

    const result = await scan({ cwd: repo.dir, since: base });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      ruleId: 'github-pat',
      file: 'src/config.ts',
      line: 1,
      commit: leaked,
      commits: [leaked],
      fingerprint: fingerprint('github-pat', key),
    });
    expect(result.findings[0]!.authorDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(JSON.stringify(result).includes(key)).toBe(false);
    expect(result.stats.commits).toBe(2);
  });

  it('reports the same key added in several commits once, with every commit, oldest first', async () => {
    const repo = createRepo();
    const key = fakeKey.stripeSecret();
    repo.write('pay.ts', `const stripe = '${key}';\n`);
    const first = repo.commitAll('add');
    repo.write('pay.ts', '');
    repo.commitAll('remove');
    repo.write('pay.ts', `// again\nconst stripe = '${key}';\n`);
    const again = repo.commitAll('add again');

    const { findings } = await scan({ cwd: repo.dir });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: 'pay.ts', line: 1, commit: first, commits: [first, again] });
  });

  it('reports paths relative to the cwd when run from a subfolder', async () => {
    const repo = createRepo();
    repo.write('packages/app/src/key.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    repo.write('other/key.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    repo.commitAll('keys');
    const { findings } = await scan({ cwd: repo.path('packages/app') });
    expect(findings.map((finding) => finding.file).sort()).toEqual(['../../other/key.ts', 'src/key.ts']);
  });

  it('does not scan files an allow.paths predicate excludes (matched on repository paths)', async () => {
    const repo = createRepo();
    repo.write('fixtures/key.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    repo.write('src/key.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    repo.commitAll('keys');
    const seen: string[] = [];
    const { findings } = await scan({
      cwd: repo.dir,
      isPathAllowed: (repoPath) => {
        seen.push(repoPath);
        return repoPath.startsWith('fixtures/');
      },
    });
    expect(findings.map((finding) => finding.file)).toEqual(['src/key.ts']);
    expect(seen.sort()).toEqual(['fixtures/key.ts', 'src/key.ts']);
  });
});

describe.skipIf(!existsSync(fileURLToPath(builtWorker)))('history scan on worker threads', () => {
  it('gives the same findings as the main thread, in the same order', async () => {
    const repo = createRepo();
    for (let commit = 0; commit < 12; commit++) {
      for (let file = 0; file < 5; file++) {
        const body = file % 2 === 0 ? `export const token${commit} = '${fakeKey.githubPat()}';\n` : `export const n = ${commit};\n`;
        repo.write(`src/f${file}.ts`, `// commit ${commit}\n${body}`);
      }
      repo.commitAll(`commit ${commit}`);
    }
    const single = await scan({ cwd: repo.dir, threads: 1 });
    // Tiny chunks, so the commits spread over both workers and answers come back out of order.
    const threaded = await scanHistory({
      cwd: repo.dir,
      config: defaultConfig,
      progress: false,
      threads: 2,
      workerUrl: builtWorker,
      commitsPerChunk: 2,
    });
    expect(single.findings.length).toBe(36);
    expect(threaded.findings).toEqual(single.findings);
    expect(threaded.stats).toEqual(single.stats);
  });
});
