/**
 * `keyguard scan --since <rev>` / `--history` end to end: the built CLI over real git
 * repositories in temp dirs (real commits, merges, renames, shallow clones).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBin, parseJsonReport, requireBuiltCli, run, runKeyguard, type JsonReport } from './helpers/cli.js';
import { createRepo, git, removeTempDirs, tempDir, type TempRepo } from './helpers/git.js';
import { fakeKey, leakedSecrets, randomBody } from './helpers/secrets.js';

beforeAll(() => requireBuiltCli());

const hasScript = spawnSync('script', ['--version']).status === 0;
afterAll(() => removeTempDirs());

type HistoryJsonFinding = JsonReport['findings'][number] & { authorDate?: string; commits?: string[] };

function scanJson(repo: TempRepo, args: string[]): { code: number; findings: HistoryJsonFinding[]; stderr: string; stdout: string } {
  const result = runKeyguard(['scan', '--format', 'json', ...args], { cwd: repo.dir });
  return { code: result.code, findings: parseJsonReport(result.stdout).findings, stderr: result.stderr, stdout: result.stdout };
}

/** A repository with one clean commit, the base of the ranges the tests scan. */
function repoWithBase(): { repo: TempRepo; base: string } {
  const repo = createRepo();
  repo.write('README.md', '# app\n');
  return { repo, base: repo.commitAll('base') };
}

describe('--since scans every commit of the range', () => {
  it('finds a key committed with --no-verify past the pre-commit hook and removed in the next commit', () => {
    const { repo, base } = repoWithBase();
    // The real pre-commit check, as `keyguard init` wires it: it blocks the commit…
    const hook = repo.path('.git/hooks/pre-commit');
    writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${cliBin}" scan --staged\n`);
    chmodSync(hook, 0o755);
    const key = fakeKey.githubPat();
    repo.write('src/config.ts', `export const token = '${key}';\n`);
    repo.git('add', '-A');
    expect(repo.gitResult(['commit', '-q', '-m', 'add token']).code).not.toBe(0);
    // …which --no-verify skips; the next commit removes the key from the tree, not from history.
    repo.git('commit', '-q', '--no-verify', '-m', 'add token');
    const leaked = repo.git('rev-parse', 'HEAD').trim();
    repo.write('src/config.ts', 'export const token = process.env.GITHUB_TOKEN;\n');
    repo.git('commit', '-q', '-a', '-m', 'remove token');

    expect(runKeyguard(['scan', '--format', 'json'], { cwd: repo.dir }).code).toBe(0);
    const { code, findings, stdout, stderr } = scanJson(repo, ['--since', base]);
    expect(code).toBe(1);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'github-pat', file: 'src/config.ts', line: 1, commit: leaked, commits: [leaked] });
    expect(findings[0]!.authorDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    expect(leakedSecrets([key], stdout, stderr)).toEqual([]);
  });

  it('names the commit in the text report', () => {
    const { repo, base } = repoWithBase();
    repo.write('a.ts', `const k = '${fakeKey.stripeSecret()}';\n`);
    const commit = repo.commitAll('add');
    const result = runKeyguard(['scan', '--since', base], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`a.ts:1:12 (commit ${commit.slice(0, 12)})`);
  });

  it('reports nothing, exit 0, for a range without keys and for an empty range', () => {
    const { repo, base } = repoWithBase();
    repo.write('a.ts', 'export const n = 1;\n');
    repo.commitAll('clean');
    expect(scanJson(repo, ['--since', base])).toMatchObject({ code: 0, findings: [] });
    expect(scanJson(repo, ['--since', 'HEAD'])).toMatchObject({ code: 0, findings: [] });
  });

  it('does not report keys added before the range', () => {
    const repo = createRepo();
    repo.write('old.ts', `const k = '${fakeKey.githubPat()}';\n`);
    const old = repo.commitAll('old key');
    repo.write('new.ts', 'export const n = 1;\n');
    repo.commitAll('clean');
    expect(scanJson(repo, ['--since', old]).findings).toEqual([]);
    expect(scanJson(repo, ['--history']).findings.map((finding) => finding.file)).toEqual(['old.ts']);
  });
});

describe('.env files in history', () => {
  it('flags a .env file committed in the range once, with every commit that changed it and an author date', () => {
    const { repo, base } = repoWithBase();
    repo.write('.env', 'DEBUG=1\n');
    repo.git('add', '-f', '.env');
    repo.git('commit', '-q', '--no-verify', '-m', 'env');
    const first = repo.git('rev-parse', 'HEAD').trim();
    repo.write('.env', 'DEBUG=2\nLOG=1\n');
    const second = repo.commitAll('env again');
    const { code, findings } = scanJson(repo, ['--since', base]);
    expect(code).toBe(1);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: '.env', commit: first, commits: [first, second] });
    expect(findings[0]!.authorDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});

describe('merges', () => {
  it('reports each key of a merged branch once, and a key slipped into a merge resolution once', () => {
    const { repo, base } = repoWithBase();
    repo.write('shared.ts', 'export const a = 1;\n');
    repo.commitAll('shared');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('feature.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    const featureCommit = repo.commitAll('feature key');
    repo.git('checkout', '-q', 'main');
    repo.write('main.ts', `export const k = '${fakeKey.stripeSecret()}';\n`);
    const mainCommit = repo.commitAll('main key');
    repo.git('merge', '-q', '--no-ff', '--no-commit', 'feature');
    repo.write('shared.ts', `export const a = 1;\nexport const evil = '${fakeKey.awsAccessKeyId()}';\n`);
    repo.git('add', 'shared.ts');
    repo.git('commit', '-q', '--no-verify', '-m', 'merge feature');
    const merge = repo.git('rev-parse', 'HEAD').trim();
    // A second, clean merge of the same work must not report anything again.
    repo.git('checkout', '-q', '-b', 'other', featureCommit);
    repo.write('other.ts', 'export const o = 1;\n');
    repo.commitAll('other');
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-ff', '-m', 'merge other', 'other');

    const { findings } = scanJson(repo, ['--since', base]);
    const byFile = Object.fromEntries(findings.map((finding) => [finding.file, finding.commits]));
    expect(byFile).toEqual({
      'feature.ts': [featureCommit],
      'main.ts': [mainCommit],
      'shared.ts': [merge],
    });
    expect(findings.find((finding) => finding.file === 'shared.ts')).toMatchObject({ ruleId: 'aws-access-key-id', line: 2 });
  });
});

describe('renames and repeats', () => {
  it('does not report a key again when its file is renamed, and reports a key added with the rename at the new path', () => {
    const repo = createRepo();
    repo.write('src/old name.ts', `export const k = '${fakeKey.githubPat()}';\nexport const a = 1;\nexport const b = 2;\n`);
    const first = repo.commitAll('add');
    repo.git('mv', 'src/old name.ts', 'src/new name.ts');
    const second = fakeKey.stripeSecret();
    repo.write('src/new name.ts', `export const k = 'moved';\nexport const a = 1;\nexport const b = 2;\nexport const s = '${second}';\n`);
    repo.git('add', '-A');
    repo.git('commit', '-q', '--no-verify', '-m', 'rename');
    const renamed = repo.git('rev-parse', 'HEAD').trim();

    const history = scanJson(repo, ['--history']).findings.map((finding) => [finding.file, finding.line, finding.commit]);
    expect(history).toEqual([
      ['src/old name.ts', 1, first],
      ['src/new name.ts', 4, renamed],
    ]);
    expect(scanJson(repo, ['--since', first]).findings.map((finding) => [finding.file, finding.ruleId])).toEqual([
      ['src/new name.ts', 'stripe-secret-key'],
    ]);
  });

  it('reports the same key added by several commits once, with the list of commits, oldest first', () => {
    const { repo, base } = repoWithBase();
    const key = fakeKey.openai();
    repo.write('ai.ts', `const openai = '${key}';\n`);
    const first = repo.commitAll('add');
    repo.write('ai.ts', 'const openai = process.env.OPENAI_API_KEY;\n');
    repo.commitAll('remove');
    repo.write('ai.ts', `// temporary\nconst openai = '${key}';\n`);
    const again = repo.commitAll('add again');

    const { findings } = scanJson(repo, ['--since', base]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: 'ai.ts', line: 1, commit: first, commits: [first, again] });
  });

  it('handles file names with spaces, quotes, newlines and non-ASCII, and skips binary files', () => {
    const { repo, base } = repoWithBase();
    const names = ['dir with space/a.ts', 'quote"d.ts', 'new\nline.ts', 'ünïcødé.ts'];
    for (const name of names) repo.write(name, `const k = '${fakeKey.githubPat()}';\n`);
    repo.write('blob.bin', Buffer.from([0, 159, 146, 150, 0, 10, 0]));
    repo.commitAll('odd names');
    const result = runKeyguard(['scan', '--since', base, '--format', 'json'], { cwd: repo.dir });
    const report = parseJsonReport(result.stdout);
    expect(report.findings.map((finding) => finding.file).sort()).toEqual([...names].sort());
    expect(report.stats.skipped.map((skip) => skip.file)).toEqual(['blob.bin']);
    expect(report.stats.skipped[0]!.reason).toMatch(/binary/);
  });
});

describe('context lines: rules read the unchanged lines around a change, reports show only added lines', () => {
  /** Findings as [rule, file, line, commits], with the same answer on worker threads. */
  function historyFindings(repo: TempRepo, args: string[]): Array<[string, string, number, string[] | undefined]> {
    const single = scanJson(repo, [...args, '--threads', '1']);
    const threaded = scanJson(repo, [...args, '--threads', '2']);
    expect(threaded.findings).toEqual(single.findings);
    return single.findings.map((finding) => [finding.ruleId, finding.file, finding.line, finding.commits]);
  }

  it('finds a value a commit adds inside an existing block when its rule needs the lines above (a Terraform variable default)', () => {
    const { repo, base } = repoWithBase();
    const block = (defaultLine: string) =>
      ['variable "db_password" {', '  description = "Database password"', '  type        = string', '  sensitive   = true', defaultLine, '}', ''].join('\n');
    repo.write('infra/main.tf', block('').replace('\n\n}', '\n}'));
    repo.commitAll('variable without a default');
    // The commit adds only the default line: the variable's name is four lines above it.
    const password = `${randomBody(14)}!4`;
    repo.write('infra/main.tf', block(`  default     = "${password}"`));
    const added = repo.commitAll('give it a default');
    expect(repo.git('show', '--format=', '--numstat', added).trim()).toBe('1\t0\tinfra/main.tf');

    expect(historyFindings(repo, ['--since', base])).toEqual([['terraform-variable-default', 'infra/main.tf', 5, [added]]]);
    // The same finding as a scan of the files.
    const files = parseJsonReport(runKeyguard(['scan', '--format', 'json'], { cwd: repo.dir }).stdout).findings;
    expect(files.map((finding) => [finding.ruleId, finding.line, finding.fingerprint])).toEqual([
      ['terraform-variable-default', 5, scanJson(repo, ['--since', base]).findings[0]!.fingerprint],
    ]);
    const { stdout, stderr } = scanJson(repo, ['--since', base]);
    expect(leakedSecrets([password], stdout, stderr)).toEqual([]);
  });

  it('does not report a key on an unchanged line again when later commits edit the lines around it', () => {
    const { repo, base } = repoWithBase();
    const key = fakeKey.githubPat();
    repo.write('src/client.ts', `export const url = 'https://api.example.net';\nexport const token = '${key}';\nexport const retries = 3;\n`);
    const leaked = repo.commitAll('client');
    repo.write('src/client.ts', `export const url = 'https://api.example.org';\nexport const token = '${key}';\nexport const retries = 5;\n`);
    const around = repo.commitAll('edit the lines above and below the key');
    repo.write('src/client.ts', `export const url = 'https://api.example.org';\nexport const token = '${key}';\nexport const timeout = 10;\nexport const retries = 5;\n`);
    const inserted = repo.commitAll('insert a line below the key');
    // The key is context of both later commits' hunks.
    for (const commit of [around, inserted]) expect(repo.git('show', '--format=', '-U5', commit)).toContain(` export const token = '${key}';`);

    expect(historyFindings(repo, ['--since', base])).toEqual([['github-pat', 'src/client.ts', 2, [leaked]]]);
    expect(historyFindings(repo, ['--since', leaked])).toEqual([]);
    expect(scanJson(repo, ['--since', leaked]).code).toBe(0);
  });

  it('reports a merged branch’s key once, and a key the resolution adds beside it once, at the merge', () => {
    const { repo, base } = repoWithBase();
    repo.write('config.ts', ['export const config = {', "  region: 'eu-west-1',", '  retries: 3,', '};', ''].join('\n'));
    repo.commitAll('config');
    repo.git('checkout', '-q', '-b', 'feature');
    const featureKey = fakeKey.githubPat();
    repo.write('config.ts', ['export const config = {', "  region: 'eu-west-1',", `  token: '${featureKey}',`, '  retries: 3,', '};', ''].join('\n'));
    const featureCommit = repo.commitAll('feature: token');
    repo.git('checkout', '-q', 'main');
    repo.write('config.ts', ['export const config = {', "  region: 'eu-west-1',", '  retries: 5,', '};', ''].join('\n'));
    repo.commitAll('main: retries');
    // The edits touch neighbouring lines: git stops on a conflict, resolved by hand with a key
    // of the resolution's own right next to the feature's.
    expect(repo.gitResult(['merge', '-q', '--no-ff', 'feature']).code).not.toBe(0);
    const evilKey = fakeKey.stripeSecret();
    repo.write('config.ts', ['export const config = {', "  region: 'eu-west-1',", `  token: '${featureKey}',`, `  billing: '${evilKey}',`, '  retries: 5,', '};', ''].join('\n'));
    const merge = repo.commitAll('merge feature');
    // The merge's combined diff shows the feature's key as context (one parent had it).
    const combined = repo.git('show', '--format=', '--cc', '-U5', merge);
    expect(combined).toContain(`++  billing: '${evilKey}',`);
    expect(combined).toMatch(new RegExp(`^(?: \\+|\\+ ) {2}token: '${featureKey}',$`, 'm'));

    expect(historyFindings(repo, ['--since', base])).toEqual([
      ['github-pat', 'config.ts', 3, [featureCommit]],
      ['stripe-secret-key', 'config.ts', 4, [merge]],
    ]);
  });

  it('honours a keyguard-ignore-next-line on the unchanged line above a key a later commit adds, as a files scan does', () => {
    const { repo, base } = repoWithBase();
    repo.write('test/fixture.ts', '// keyguard-ignore-next-line github-pat -- revoked test token\nexport const token = process.env.TOKEN;\n');
    repo.commitAll('fixture placeholder');
    repo.write('test/fixture.ts', `// keyguard-ignore-next-line github-pat -- revoked test token\nexport const token = '${fakeKey.githubPat()}';\n`);
    const added = repo.commitAll('fixture token');

    expect(scanJson(repo, ['--since', base])).toMatchObject({ code: 0, findings: [] });
    expect(runKeyguard(['scan'], { cwd: repo.dir }).code).toBe(0);
    // The key is there: without inline ignores the same range reports it.
    expect(scanJson(repo, ['--since', base, '--no-inline-ignores']).findings.map((finding) => [finding.ruleId, finding.line, finding.commit])).toEqual([
      ['github-pat', 2, added],
    ]);
  });
});

describe('revisions git cannot give (exit 2 with a clear message)', () => {
  it('names an unknown revision', () => {
    const { repo } = repoWithBase();
    const result = runKeyguard(['scan', '--since', 'origin/no-such-branch'], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown revision 'origin/no-such-branch'");
    expect(result.stdout).toBe('');
  });

  it('in a shallow clone without the base, says what depth to fetch', () => {
    const { repo } = repoWithBase();
    for (let i = 0; i < 3; i++) {
      repo.write(`f${i}.ts`, `export const n = ${i};\n`);
      repo.commitAll(`c${i}`);
    }
    const clone = tempDir('keyguard-shallow-');
    git(clone, ['clone', '-q', '--depth', '1', '--no-local', `file://${repo.dir}`, 'work']);
    const cwd = `${clone}/work`;
    const result = runKeyguard(['scan', '--since', 'HEAD~2'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/shallow clone/);
    expect(result.stderr).toContain('git fetch --deepen=');
    expect(result.stderr).toContain('fetch-depth: 0');
    // Deepening as the message says makes the same range scannable.
    git(cwd, ['fetch', '-q', '--deepen=3']);
    expect(runKeyguard(['scan', '--since', 'HEAD~2'], { cwd }).code).toBe(0);
  });

  it('in a shallow clone, --history asks for the whole history instead of reporting the cut as added', () => {
    const { repo } = repoWithBase();
    repo.write('old.ts', `export const k = '${fakeKey.githubPat()}';\n`);
    repo.commitAll('old key');
    repo.write('new.ts', 'export const n = 1;\n');
    repo.commitAll('clean');
    const clone = tempDir('keyguard-shallow-');
    git(clone, ['clone', '-q', '--depth', '1', '--no-local', `file://${repo.dir}`, 'work']);
    const result = runKeyguard(['scan', '--history'], { cwd: `${clone}/work` });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('git fetch --unshallow');
  });

  it('a repository with a missing object is exit 2 with git’s message, with and without worker threads', () => {
    const { repo } = repoWithBase();
    repo.write('b.txt', 'two\n');
    repo.commitAll('b');
    const blob = repo.git('rev-parse', 'HEAD:b.txt').trim();
    rmSync(repo.path(`.git/objects/${blob.slice(0, 2)}/${blob.slice(2)}`));
    for (const threads of ['1', '2']) {
      const result = runKeyguard(['scan', '--history', '--threads', threads], { cwd: repo.dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/git log over .* failed \(exit 128\): fatal: unable to read/);
    }
  });

  it('outside a git repository, --since is an error that says so', () => {
    const result = runKeyguard(['scan', '--since', 'main'], { cwd: tempDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/needs a git repository/);
  });
});

describe('worker threads', () => {
  it('--threads 1 and several worker threads give identical findings', () => {
    const repo = createRepo();
    for (let commit = 0; commit < 30; commit++) {
      for (let file = 0; file < 6; file++) {
        const line = (commit + file) % 3 === 0 ? `export const k = '${fakeKey.githubPat()}';` : `export const n = ${commit * file};`;
        repo.write(`src/m${file}.ts`, `// ${commit}\n${line}\n`);
      }
      repo.commitAll(`commit ${commit}`);
    }
    const single = runKeyguard(['scan', '--history', '--format', 'json', '--threads', '1'], { cwd: repo.dir });
    const threaded = runKeyguard(['scan', '--history', '--format', 'json', '--threads', '3'], { cwd: repo.dir });
    const withoutTime = (stdout: string) => {
      const report = parseJsonReport(stdout);
      return { findings: report.findings, stats: { ...report.stats, durationMs: 0 } };
    };
    expect(single.code).toBe(1);
    expect(threaded.code).toBe(1);
    expect(withoutTime(threaded.stdout)).toEqual(withoutTime(single.stdout));
    expect(parseJsonReport(single.stdout).findings).toHaveLength(60);
  });

  it.skipIf(!hasScript)('draws a progress line on a terminal, clears it, and draws none when CI is set', () => {
    const { repo } = repoWithBase();
    repo.write('a.ts', 'export const n = 1;\n');
    repo.commitAll('a');
    // util-linux `script` runs the CLI on a pseudo-terminal; the report goes to a file.
    const command = `"${process.execPath}" "${cliBin}" scan --history --format json > report.json`;
    const onTerminal = run('script', ['-qec', command, '/dev/null'], { cwd: repo.dir });
    expect(onTerminal.code).toBe(0);
    expect(onTerminal.stdout).toMatch(/^\r\u001b\[2Kkeyguard: all history: \d+ commits read/);
    expect(onTerminal.stdout.endsWith('\r\u001b[2K')).toBe(true);
    expect(JSON.parse(readFileSync(repo.path('report.json'), 'utf8'))).toMatchObject({ version: 1, findings: [] });
    const inCi = run('script', ['-qec', command, '/dev/null'], { cwd: repo.dir, env: { CI: 'true' } });
    expect(inCi.code).toBe(0);
    expect(inCi.stdout).toBe('');
  });

  it('prints no progress line when stderr is not a terminal', () => {
    const { repo, base } = repoWithBase();
    repo.write('a.ts', 'export const n = 1;\n');
    repo.commitAll('a');
    expect(runKeyguard(['scan', '--since', base], { cwd: repo.dir }).stderr).toBe('');
  });
});
