/**
 * Adopting keyguard in an existing repo, end to end: `keyguard baseline`, scans that report
 * only what is new, `--update`, ignore lists by fingerprint and path, `--report-unused`,
 * `--no-inline-ignores`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonReport, requireBuiltCli, runKeyguard } from './helpers/cli.js';
import { createRepo, removeTempDirs, type TempRepo } from './helpers/git.js';
import { fakeKey, leakedSecrets } from './helpers/secrets.js';

beforeAll(() => requireBuiltCli());
afterAll(() => removeTempDirs());

const scan = (repo: TempRepo, ...args: string[]) => {
  const result = runKeyguard(['scan', '--format', 'json', ...args], { cwd: repo.dir });
  return { ...result, report: parseJsonReport(result.stdout) };
};

interface BaselineFile {
  version: number;
  entries: Array<{ fingerprint: string; ruleId: string; file: string }>;
}

describe('keyguard baseline', () => {
  it('records today’s findings (hashed, no lines, sorted); later scans report only new ones', () => {
    const repo = createRepo();
    const old = [fakeKey.githubPat(), fakeKey.stripeSecret()];
    repo.write('src/z.ts', `export const a = '${old[0]}';\n`);
    repo.write('src/a.ts', `export const b = '${old[1]}';\n`);
    repo.commitAll('legacy keys');

    const written = runKeyguard(['baseline'], { cwd: repo.dir });
    expect(written.code).toBe(0);
    const text = readFileSync(repo.path('.keyguard-baseline.json'), 'utf8');
    const baseline = JSON.parse(text) as BaselineFile;
    expect(baseline.version).toBe(1);
    expect(baseline.entries.map((entry) => [entry.file, entry.ruleId])).toEqual([
      ['src/a.ts', 'stripe-secret-key'],
      ['src/z.ts', 'github-pat'],
    ]);
    expect(Object.keys(baseline.entries[0]!).sort()).toEqual(['file', 'fingerprint', 'ruleId']);
    expect(leakedSecrets(old, text, written.stdout, written.stderr)).toEqual([]);

    expect(scan(repo)).toMatchObject({ code: 0, report: { findings: [] } });
    // Edits above the line do not matter: the entry has no line number.
    repo.write('src/z.ts', `// a comment\n\nexport const a = '${old[0]}';\n`);
    expect(scan(repo).code).toBe(0);
    const fresh = fakeKey.awsAccessKeyId();
    repo.write('src/new.ts', `export const aws = '${fresh}';\n`);
    const { code, report } = scan(repo);
    expect(code).toBe(1);
    expect(report.findings.map((finding) => [finding.file, finding.ruleId])).toEqual([['src/new.ts', 'aws-access-key-id']]);
  });

  it('counts a baselined key copied into another file as new', () => {
    const repo = createRepo();
    const key = fakeKey.githubPat();
    repo.write('a.ts', `export const k = '${key}';\n`);
    expect(runKeyguard(['baseline'], { cwd: repo.dir }).code).toBe(0);
    repo.write('b.ts', `export const k = '${key}';\n`);
    expect(scan(repo).report.findings.map((finding) => finding.file)).toEqual(['b.ts']);
  });

  it('applies to history scans too', () => {
    const repo = createRepo();
    repo.write('README.md', '# app\n');
    const base = repo.commitAll('base');
    repo.write('old.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    repo.commitAll('old');
    expect(runKeyguard(['baseline', '--since', base], { cwd: repo.dir }).code).toBe(0);
    expect(scan(repo, '--since', base).code).toBe(0);
    repo.write('new.ts', `export const k = '${fakeKey.stripeSecret()}';\n`);
    repo.commitAll('new');
    expect(scan(repo, '--since', base).report.findings.map((finding) => finding.file)).toEqual(['new.ts']);
  });

  it('refuses to overwrite an existing baseline without --update; --update drops fixed and records new findings', () => {
    const repo = createRepo();
    repo.write('a.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    expect(runKeyguard(['baseline'], { cwd: repo.dir }).code).toBe(0);
    const again = runKeyguard(['baseline'], { cwd: repo.dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('keyguard baseline --update');

    repo.write('a.ts', 'export const k = process.env.TOKEN;\n');
    repo.write('b.ts', `export const k = '${fakeKey.stripeSecret()}';\n`);
    const updated = runKeyguard(['baseline', '--update'], { cwd: repo.dir });
    expect(updated.code).toBe(0);
    expect(updated.stderr).toContain('1 new, 1 fixed');
    const baseline = JSON.parse(readFileSync(repo.path('.keyguard-baseline.json'), 'utf8')) as BaselineFile;
    expect(baseline.entries.map((entry) => entry.file)).toEqual(['b.ts']);
  });

  it('--baseline names another file; a missing or broken one is exit 2 naming it', () => {
    const repo = createRepo();
    repo.write('a.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    expect(runKeyguard(['baseline', '--baseline', 'ci/keyguard-baseline.json'], { cwd: repo.dir }).code).toBe(2);
    repo.write('ci/.keep', '');
    expect(runKeyguard(['baseline', '--baseline', 'ci/keyguard-baseline.json'], { cwd: repo.dir }).code).toBe(0);
    expect(scan(repo).code).toBe(1);
    expect(scan(repo, '--baseline', 'ci/keyguard-baseline.json').code).toBe(0);

    const missing = runKeyguard(['scan', '--baseline', 'nope.json'], { cwd: repo.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json: baseline file not found');
    repo.write('broken.json', '{"version": 1, "entries": [{"fingerprint": "not hex"}]}');
    const broken = runKeyguard(['scan', '--baseline', 'broken.json'], { cwd: repo.dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.json: invalid baseline: entries[0].fingerprint');
  });

  it('records only under the PATH arguments, with the --config given (inlineIgnores: false records keys inline directives hide)', () => {
    const repo = createRepo();
    repo.write('src/a.ts', `export const a = '${fakeKey.githubPat()}';\n`);
    repo.write('src/b.ts', `// keyguard-ignore-next-line -- fixture\nexport const b = '${fakeKey.stripeSecret()}';\n`);
    repo.write('legacy/c.ts', `export const c = '${fakeKey.githubPat()}';\n`);
    repo.write('ci/strict.json', JSON.stringify({ inlineIgnores: false }));
    const written = runKeyguard(['baseline', '--config', 'ci/strict.json', 'src'], { cwd: repo.dir });
    expect(written.code).toBe(0);
    const baseline = JSON.parse(readFileSync(repo.path('.keyguard-baseline.json'), 'utf8')) as BaselineFile;
    expect(baseline.entries.map((entry) => [entry.file, entry.ruleId])).toEqual([
      ['src/a.ts', 'github-pat'],
      ['src/b.ts', 'stripe-secret-key'],
    ]);
    // A strict CI scan of src is clean; legacy/ was not recorded, so it still fails.
    expect(scan(repo, '--no-inline-ignores', 'src')).toMatchObject({ code: 0, report: { findings: [] } });
    expect(scan(repo).report.findings.map((finding) => finding.file)).toEqual(['legacy/c.ts']);
  });

  it('rejects the options it does not honour (exit 2, naming the option and that it is for scan) and writes nothing', () => {
    const repo = createRepo();
    repo.write('README.md', '# app\n');
    repo.commitAll('base');
    repo.write('a.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    for (const [args, message] of [
      [['--format', 'json'], '--format applies to `keyguard scan`, not `keyguard baseline`'],
      [['-o', 'report.json'], '-o (--output) applies to `keyguard scan`, not `keyguard baseline`'],
      [['--no-inline-ignores'], '--no-inline-ignores applies to `keyguard scan`, not `keyguard baseline`'],
      [['--staged', '--threads', '2'], '--threads does not apply to --staged'],
      [['--history', 'a.ts'], 'PATH arguments cannot be combined with --history'],
      [['--staged', '--since', 'HEAD'], '--staged and --since cannot be combined'],
    ] as const) {
      const result = runKeyguard(['baseline', ...args], { cwd: repo.dir });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(`keyguard: ${message}`);
      expect(existsSync(repo.path('.keyguard-baseline.json')), args.join(' ')).toBe(false);
    }
    expect(existsSync(repo.path('report.json'))).toBe(false);
  });
});

describe('ignore lists', () => {
  it('an allow.fingerprints entry survives lines inserted above the key', () => {
    const repo = createRepo();
    repo.write('a.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    const [finding] = scan(repo).report.findings;
    repo.write('keyguard.config.json', JSON.stringify({ allow: { fingerprints: [finding!.fingerprint] } }));
    expect(scan(repo).code).toBe(0);
    const text = readFileSync(repo.path('a.ts'), 'utf8');
    repo.write('a.ts', `// header\nimport x from 'y';\n\n${text}`);
    expect(scan(repo)).toMatchObject({ code: 0, report: { findings: [] } });
  });

  it('allow.paths globs skip files, in file and history scans', () => {
    const repo = createRepo();
    repo.write('README.md', '# app\n');
    const base = repo.commitAll('base');
    repo.write('test/fixtures/key.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    repo.write('src/key.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    repo.write('keyguard.config.json', JSON.stringify({ allow: { paths: ['test/fixtures/**'] } }));
    repo.commitAll('keys');
    expect(scan(repo).report.findings.map((finding) => finding.file)).toEqual(['src/key.ts']);
    expect(scan(repo, '--since', base).report.findings.map((finding) => finding.file)).toEqual(['src/key.ts']);
  });

  it('--report-unused lists fingerprints, paths, baseline entries and inline directives that matched nothing, exit 1', () => {
    const repo = createRepo();
    const key = fakeKey.githubPat();
    repo.write('a.ts', `export const k = '${key}';\n`);
    expect(runKeyguard(['baseline'], { cwd: repo.dir }).code).toBe(0);
    repo.write('a.ts', 'export const k = process.env.TOKEN;\n// keyguard-ignore-next-line github-pat -- nothing below any more\nexport const n = 1;\n');
    repo.write('keyguard.config.json', JSON.stringify({ allow: { fingerprints: ['0123456789abcdef0123456789abcdef'], paths: ['vendor/**'] } }));

    expect(scan(repo).code).toBe(0);
    const { code, report } = scan(repo, '--report-unused');
    expect(code).toBe(1);
    const unused = (report as unknown as { unused: Array<{ kind: string; file: string; line?: number; detail: string }> }).unused;
    expect(unused.map((entry) => entry.kind).sort()).toEqual(['baseline', 'fingerprint', 'inline', 'path']);
    expect(unused.find((entry) => entry.kind === 'inline')).toMatchObject({ file: 'a.ts', line: 2 });
    expect(unused.find((entry) => entry.kind === 'baseline')).toMatchObject({ file: '.keyguard-baseline.json' });
  });

  it('--report-unused is quiet (exit 0) when every ignore is used', () => {
    const repo = createRepo();
    repo.write('a.ts', `// keyguard-ignore-next-line github-pat -- test fixture\nexport const k = '${fakeKey.githubPat()}';\n`);
    expect(scan(repo, '--report-unused')).toMatchObject({ code: 0, report: { findings: [] } });
  });

  it('--no-inline-ignores reports keys that inline directives hide', () => {
    const repo = createRepo();
    repo.write('a.ts', `// keyguard-ignore-next-line -- trust me\nexport const k = '${fakeKey.githubPat()}';\n`);
    expect(scan(repo).code).toBe(0);
    const strict = scan(repo, '--no-inline-ignores');
    expect(strict.code).toBe(1);
    expect(strict.report.findings.map((finding) => [finding.file, finding.line])).toEqual([['a.ts', 2]]);
  });
});
