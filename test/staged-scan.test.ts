/**
 * `keyguard scan --staged` end to end, on real git repos: what it reads (the index, never the
 * working tree), which lines it reports (added against HEAD), and every kind of staged change.
 */
import { chmodSync, mkdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonReport, requireBuiltCli, runKeyguard } from './helpers/cli.js';
import { createRepo, removeTempDirs, tempDir, type TempRepo } from './helpers/git.js';
import { BASE64, fakeKey, leakedSecrets, randomBody } from './helpers/secrets.js';

beforeAll(() => requireBuiltCli());
afterAll(() => removeTempDirs());

function stagedScan(repo: TempRepo, args: string[] = [], cwd = repo.dir) {
  const result = runKeyguard(['scan', '--staged', '--format', 'json', ...args], { cwd });
  if (result.code === 2) throw new Error(`keyguard exited 2: ${result.stderr}`);
  return { ...result, report: parseJsonReport(result.stdout) };
}

const keyLine = (key: string) => `const token = '${key}';\n`;

/** A repo with one commit holding a file with a key (committed with --no-verify, as an old leak). */
function repoWithOldKey(): { repo: TempRepo; key: string } {
  const repo = createRepo();
  const key = fakeKey.githubPat();
  repo.write('src/config.ts', `// settings\n${keyLine(key)}export const retries = 3;\n`);
  repo.write('README.md', '# app\n');
  repo.commitAll('initial');
  return { repo, key };
}

describe('what --staged reads', () => {
  it('reports a staged key with file, line, rule and a redacted match, and exits 1', () => {
    const repo = createRepo();
    repo.commitAll('empty');
    const key = fakeKey.githubPat();
    repo.stage({ 'src/api.ts': `import x from 'y';\n\n${keyLine(key)}` });
    const { code, report, stdout } = stagedScan(repo);
    expect(code).toBe(1);
    expect(report.findings).toMatchObject([{ file: 'src/api.ts', line: 3, column: 16 }]);
    expect(leakedSecrets([key], stdout)).toEqual([]);
  });

  it('prints what to do at commit time: the env var, the .env advice and the ignore comment', () => {
    const repo = createRepo();
    const key = fakeKey.deframe();
    repo.stage({ 'src/deframe.ts': `fetch(url, { headers: { 'x-api-key': '${key}' } });\n`, '.env.local': 'DEBUG=1\n' });
    const result = runKeyguard(['scan', '--staged'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('src/deframe.ts:1:');
    expect(result.stdout).toContain('.env.local:1:1');
    expect(result.stdout).toContain('process.env.DEFRAME_API_KEY');
    expect(result.stdout).toContain('git rm --cached');
    expect(result.stdout).toContain('.gitignore');
    expect(result.stdout).toMatch(/\/\/ keyguard-ignore-next-line [a-z0-9-]+ -- <reason>/);
    expect(leakedSecrets([key], result.stdout, result.stderr)).toEqual([]);
  });

  it('names Deframe and DEFRAME_API_KEY only where the file is about Deframe: an x-api-key elsewhere gets API_KEY', () => {
    const repo = createRepo();
    const key = fakeKey.deframe();
    repo.stage({ 'src/billing.ts': `fetch(url, { headers: { 'x-api-key': '${key}' } });\n` });
    const result = runKeyguard(['scan', '--staged'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('src/billing.ts:1:');
    expect(result.stdout).toContain('process.env.API_KEY');
    expect(result.stdout).not.toMatch(/deframe/i);
    expect(leakedSecrets([key], result.stdout, result.stderr)).toEqual([]);
  });

  it('still blocks a key that was staged and then removed from the working tree', () => {
    const repo = createRepo();
    repo.stage({ 'app.ts': keyLine(fakeKey.githubPat()) });
    repo.write('app.ts', 'const token = process.env.GITHUB_TOKEN;\n');
    expect(stagedScan(repo).code).toBe(1);
  });

  it('does not block on a key that is only in an unstaged hunk', () => {
    const { repo } = repoWithOldKey();
    repo.write('lib.ts', 'export const a = 1;\n');
    repo.commitAll('lib');
    repo.stage({ 'lib.ts': 'export const a = 1;\nexport const b = 2;\n' });
    repo.write('lib.ts', `export const a = 1;\nexport const b = 2;\n${keyLine(fakeKey.githubPat())}`);
    const { code, report } = stagedScan(repo);
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
  });

  it('never changes the working tree or the index', () => {
    const repo = createRepo();
    repo.write('a.ts', 'export const a = 1;\n');
    repo.commitAll('a');
    repo.stage({ 'a.ts': `export const a = 1;\n${keyLine(fakeKey.githubPat())}` });
    repo.write('a.ts', 'unstaged edit\n');
    const index = repo.indexSnapshot();
    const status = repo.git('status', '--porcelain=v1', '-z');
    expect(stagedScan(repo).code).toBe(1);
    expect(repo.indexSnapshot()).toBe(index);
    expect(repo.git('status', '--porcelain=v1', '-z')).toBe(status);
    expect(repo.read('a.ts').toString()).toBe('unstaged edit\n');
  });
});

describe('the ignore comment the commit-time message suggests', () => {
  it('lets the commit through with `// keyguard-ignore-next-line <rule> -- reason`, unless --no-inline-ignores', () => {
    const repo = createRepo();
    const key = fakeKey.githubPat();
    repo.stage({ 'fixtures/token.ts': keyLine(key) });
    const [finding] = stagedScan(repo).report.findings;
    expect(finding).toBeDefined();
    repo.stage({ 'fixtures/token.ts': `// keyguard-ignore-next-line ${finding!.ruleId} -- revoked test token\n${keyLine(key)}` });
    expect(stagedScan(repo).code).toBe(0);
    expect(stagedScan(repo, ['--no-inline-ignores']).code).toBe(1);
  });
});

describe('which lines --staged reports', () => {
  it('does not report an untouched old line when an unrelated line changes', () => {
    const { repo } = repoWithOldKey();
    repo.stage({ 'src/config.ts': repo.read('src/config.ts').toString().replace('retries = 3', 'retries = 5') });
    const { code, report } = stagedScan(repo);
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
  });

  it('reports every line of the staged files with --all-lines', () => {
    const { repo } = repoWithOldKey();
    repo.stage({ 'src/config.ts': repo.read('src/config.ts').toString().replace('retries = 3', 'retries = 5') });
    const { code, report } = stagedScan(repo, ['--all-lines']);
    expect(report.findings).toMatchObject([{ file: 'src/config.ts', line: 2 }]);
    expect(code).toBe(1);
  });

  it('reports a key added next to an old one, and only the new one', () => {
    const { repo } = repoWithOldKey();
    const text = repo.read('src/config.ts').toString();
    repo.stage({ 'src/config.ts': `${text}${keyLine(fakeKey.githubPat())}` });
    const { report } = stagedScan(repo);
    expect(report.findings.map((f) => f.line)).toEqual([4]);
  });

  it('reports a private key whose body was replaced between unchanged BEGIN and END lines', () => {
    const repo = createRepo();
    const label = ['RSA PRIVATE', 'KEY'].join(' ');
    const pem = (body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
    const body = () => Array.from({ length: 6 }, () => randomBody(64, BASE64)).join('\n');
    repo.write('deploy/id_rsa', pem(body()));
    repo.commitAll('an old key, committed before keyguard');
    repo.stage({ 'deploy/id_rsa': pem(body()) });
    const { code, report } = stagedScan(repo);
    // the finding starts on the unchanged BEGIN line; its body is new
    expect(report.findings.map((f) => [f.ruleId, f.line, f.endLine])).toEqual([['private-key', 1, 8]]);
    expect(code).toBe(1);
  });

  it('reports a changed line that still holds a key (edited in place)', () => {
    const { repo, key } = repoWithOldKey();
    repo.stage({ 'src/config.ts': `// settings\nconst token = '${key}'; // moved here\nexport const retries = 3;\n` });
    expect(stagedScan(repo).report.findings.map((f) => f.line)).toEqual([2]);
  });
});

describe('kinds of staged changes', () => {
  it('scans the first commit of a repo (no HEAD yet)', () => {
    const repo = createRepo();
    repo.stage({ 'index.js': keyLine(fakeKey.githubPat()), 'clean.js': 'export {};\n' });
    const { code, report } = stagedScan(repo);
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.file)).toEqual(['index.js']);
    expect(report.stats.files).toBe(2);
  });

  it('passes a clean first commit', () => {
    const repo = createRepo();
    repo.stage({ 'index.js': 'export const apiKey = process.env.DEFRAME_API_KEY;\n' });
    expect(stagedScan(repo).code).toBe(0);
  });

  it('does not scan deleted files', () => {
    const { repo } = repoWithOldKey();
    repo.git('rm', '-q', 'src/config.ts');
    const { code, report } = stagedScan(repo);
    expect(code).toBe(0);
    expect(report.stats.files).toBe(0);
  });

  it('does not report a renamed file whose content did not change', () => {
    const { repo } = repoWithOldKey();
    repo.git('mv', 'src/config.ts', 'src/settings.ts');
    expect(stagedScan(repo).code).toBe(0);
  });

  it('reports only the edited lines of a renamed-and-edited file, under its new name', () => {
    const { repo } = repoWithOldKey();
    repo.git('mv', 'src/config.ts', 'src/settings.ts');
    const text = repo.read('src/settings.ts').toString();
    repo.stage({ 'src/settings.ts': `${text}export const timeout = 10;\n${keyLine(fakeKey.githubPat())}` });
    const { report } = stagedScan(repo);
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([['src/settings.ts', 5]]);
  });

  it('reports a copied file with a key as new content (the key is now in one more place)', () => {
    const { repo } = repoWithOldKey();
    repo.stage({ 'src/config-copy.ts': repo.read('src/config.ts') });
    expect(stagedScan(repo).report.findings.map((f) => [f.file, f.line])).toEqual([['src/config-copy.ts', 2]]);
  });

  it('does not report a mode change alone', () => {
    const { repo } = repoWithOldKey();
    chmodSync(repo.path('src/config.ts'), 0o755);
    repo.git('add', 'src/config.ts');
    expect(repo.git('diff', '--cached', '--raw')).toContain('100755');
    expect(stagedScan(repo).code).toBe(0);
  });

  it('skips submodules and binary files, listing them in stats.skipped', () => {
    const repo = createRepo();
    repo.commitAll('empty');
    const commit = repo.git('rev-parse', 'HEAD').trim();
    repo.git('update-index', '--add', '--cacheinfo', `160000,${commit},vendor/lib`);
    repo.stage({ 'logo.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), Buffer.from(fakeKey.githubPat())]) });
    const { code, report } = stagedScan(repo);
    expect(code).toBe(0);
    expect(report.stats.skipped).toEqual(
      expect.arrayContaining([
        { file: 'vendor/lib', reason: 'submodule' },
        { file: 'logo.png', reason: 'binary' },
      ]),
    );
  });

  it('reports only what a merge adds of its own, not what the merged branch brought', () => {
    const repo = createRepo();
    repo.write('app.ts', 'line 1\nline 2\nline 3\n');
    repo.commitAll('base');
    repo.git('checkout', '-q', '-b', 'feature');
    // An old leak on the feature branch (it would have been caught there).
    repo.write('app.ts', `line 1\nline 2 feature\n${keyLine(fakeKey.githubPat())}line 3\n`);
    repo.write('feature.ts', keyLine(fakeKey.githubPat()));
    repo.commitAll('feature');
    repo.git('checkout', '-q', 'main');
    repo.write('app.ts', 'line 1\nline 2 main\nline 3\n');
    repo.commitAll('main change');
    const merge = repo.gitResult(['merge', '--no-edit', 'feature']);
    expect(merge.code).not.toBe(0); // conflict on line 2
    const resolvedKey = fakeKey.githubPat();
    repo.write('app.ts', `line 1\nline 2 main and feature\n${keyLine(fakeKey.githubPat()).replace(/'.*'/, "'x'")}${keyLine(resolvedKey)}line 3\n`);
    repo.git('add', 'app.ts');
    // A file new to both parents, added while resolving.
    repo.stage({ 'merge-notes.ts': `// notes\n${keyLine(fakeKey.githubPat())}` });
    const { report } = stagedScan(repo);
    // The resolution's own keys are reported; feature.ts and the feature branch's key are not.
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([
      ['app.ts', 4],
      ['merge-notes.ts', 2],
    ]);
  });
});

describe('line endings and work trees', () => {
  it('reports the right line of a CRLF file', () => {
    const repo = createRepo();
    repo.write('win.ts', 'line 1\r\nline 2\r\nline 3\r\n');
    repo.commitAll('crlf');
    repo.stage({ 'win.ts': `line 1\r\nline 2\r\n${keyLine(fakeKey.githubPat()).replace('\n', '\r\n')}line 3\r\n` });
    expect(stagedScan(repo).report.findings.map((f) => [f.file, f.line, f.column])).toEqual([['win.ts', 3, 16]]);
  });

  it('works in a linked work tree (`git worktree add`)', () => {
    const repo = createRepo();
    repo.write('a.ts', 'export {};\n');
    repo.commitAll('a');
    const tree = join(tempDir(), 'feature-tree');
    repo.git('worktree', 'add', '-q', '-b', 'feature', tree);
    writeFileSync(join(tree, 'b.ts'), keyLine(fakeKey.githubPat()));
    repo.git('-C', tree, 'add', 'b.ts');
    const result = runKeyguard(['scan', '--staged', '--format', 'json'], { cwd: tree });
    expect(parseJsonReport(result.stdout).findings.map((f) => f.file)).toEqual(['b.ts']);
    expect(stagedScan(repo).code).toBe(0);
  });
});

describe('large commits', () => {
  it('scans a 40 MB commit streamed from git one blob at a time, the last file included', () => {
    const repo = createRepo();
    const filler = 'export const filler = 1;\n'.repeat(40_000); // 1,000,000 bytes, under maxFileSize
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`vendor/part-${String(i).padStart(2, '0')}.js`] = i === 39 ? filler + keyLine(fakeKey.githubPat()) : filler;
    repo.stage(files);
    const { code, report } = stagedScan(repo);
    expect(report.stats.files).toBe(40);
    expect(report.stats.bytes).toBeGreaterThan(40_000_000);
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([['vendor/part-39.js', 40_001]]);
    expect(code).toBe(1);
  });
});

describe('blobs over maxFileSize', () => {
  it('skips staged blobs larger than maxFileSize, listing their size, and scans the blobs after them (a blob staged under two names twice)', () => {
    const repo = createRepo();
    repo.write('keyguard.config.json', JSON.stringify({ maxFileSize: 100_000 }));
    repo.commitAll('config');
    // 300 KB: read past as it streams by; 3 MB: git is stopped and started again after it
    const big = `${keyLine(fakeKey.githubPat())}${'export const filler = 1;\n'.repeat(12_000)}`;
    const huge = `${keyLine(fakeKey.githubPat())}${'export const filler = 1;\n'.repeat(120_000)}`;
    const same = keyLine(fakeKey.githubPat());
    repo.stage({ 'a.ts': keyLine(fakeKey.githubPat()), 'b-big.js': big, 'b-huge.js': huge, 'c.ts': same, 'd.ts': same });
    const { code, report } = stagedScan(repo);
    expect(report.stats.skipped).toEqual([
      { file: 'b-big.js', reason: `larger than maxFileSize (${Buffer.byteLength(big)} > 100000 bytes)` },
      { file: 'b-huge.js', reason: `larger than maxFileSize (${Buffer.byteLength(huge)} > 100000 bytes)` },
    ]);
    expect(report.findings.map((f) => f.file)).toEqual(['a.ts', 'c.ts', 'd.ts']);
    expect(report.stats.files).toBe(3);
    expect(code).toBe(1);
  });
});

describe('file names', () => {
  const oddNames = ['with space.ts', `quote"s and 'apostrophes'.ts`, 'new\nline.ts', 'tab\there.ts', 'naïve-日本語-😀.ts', 'back\\slash.ts'];

  it.each(oddNames)('finds a key in a new staged file named %j', (name) => {
    const repo = createRepo();
    repo.stage({ [name]: keyLine(fakeKey.githubPat()) });
    const { report } = stagedScan(repo);
    expect(report.findings.map((f) => f.file)).toEqual([name]);
  });

  it('reports the right line of a modified file with an odd name (quoted in git diff)', () => {
    const repo = createRepo();
    for (const name of oddNames) repo.write(name, 'line 1\nline 2\n');
    repo.commitAll('odd names');
    for (const name of oddNames) repo.stage({ [name]: `line 1\nline 2\n${keyLine(fakeKey.githubPat())}` });
    const { report } = stagedScan(repo);
    expect(report.findings.map((f) => [f.file, f.line]).sort()).toEqual(oddNames.map((name) => [name, 3]).sort());
  });
});

describe('PATH arguments', () => {
  it('narrows the scan to the staged files given, as absolute paths like lint-staged passes them', () => {
    const repo = createRepo();
    repo.stage({ 'a.ts': keyLine(fakeKey.githubPat()), 'b.ts': keyLine(fakeKey.githubPat()), 'c.ts': 'export {};\n' });
    const { report } = stagedScan(repo, [repo.path('b.ts'), repo.path('c.ts')]);
    expect(report.findings.map((f) => f.file)).toEqual(['b.ts']);
    expect(report.stats.files).toBe(2);
  });

  it('reads the index, not the working tree, for a PATH that was deleted after staging', () => {
    const repo = createRepo();
    repo.stage({ 'gone.ts': keyLine(fakeKey.githubPat()) });
    unlinkSync(repo.path('gone.ts'));
    expect(stagedScan(repo, [repo.path('gone.ts')]).code).toBe(1);
  });

  it('works from a subfolder, with paths relative to it', () => {
    const repo = createRepo();
    repo.stage({ 'pkg/src/a.ts': keyLine(fakeKey.githubPat()), 'other.ts': keyLine(fakeKey.githubPat()) });
    const { report } = stagedScan(repo, ['src'], repo.path('pkg'));
    expect(report.findings.map((f) => f.file)).toEqual(['src/a.ts']);
  });
});

describe('staged .env files', () => {
  it.each(['.env', '.env.local', 'apps/web/.env.production.local', 'deep/er/.env.development'])('blocks %s', (name) => {
    const repo = createRepo();
    repo.stage({ [name]: 'DATABASE_HOST=localhost\n' });
    const { code, report } = stagedScan(repo);
    expect(code).toBe(1);
    expect(report.findings).toMatchObject([{ ruleId: 'env-file-committed', file: name, line: 1, column: 1 }]);
  });

  it('blocks a force-added .env that .gitignore ignores', () => {
    const repo = createRepo();
    repo.write('.gitignore', '.env\n');
    repo.write('.env', 'DATABASE_HOST=localhost\n');
    repo.git('add', '-f', '.env', '.gitignore');
    expect(stagedScan(repo).report.findings.map((f) => f.file)).toEqual(['.env']);
  });

  it('says "ignored but force-added" instead of "add it to .gitignore" for an env file .gitignore covers, from a subfolder too', () => {
    const repo = createRepo();
    repo.write('.gitignore', '.env.local\nsecrets/\n');
    repo.write('app/.env.local', 'DATABASE_HOST=localhost\n');
    repo.write('app/secrets/.env', 'DATABASE_HOST=localhost\n');
    repo.write('app/.env', 'DATABASE_HOST=localhost\n');
    repo.git('add', '-f', 'app/.env.local', 'app/secrets/.env', 'app/.env', '.gitignore');
    const cwd = repo.path('app');
    expect(stagedScan(repo, [], cwd).report.findings.map((f) => f.file).sort()).toEqual(['.env', '.env.local', 'secrets/.env']);
    const text = runKeyguard(['scan', '--staged'], { cwd });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('fix: it is ignored but was force-added: git rm --cached .env.local, and keep a .env.example');
    expect(text.stdout).toContain('fix: it is ignored but was force-added: git rm --cached secrets/.env, and keep a .env.example');
    expect(text.stdout).toContain('fix: unstage it (git rm --cached .env), add it to .gitignore');
    expect(text.stdout).toContain('.env.local, secrets/.env: they are ignored but were force-added (git add -f): git rm --cached <file>');
    expect(text.stdout).toContain('keep it out with .gitignore'); // for app/.env, which nothing ignores
  });

  it('drops "keep it out with .gitignore" from the commit-time advice when every env file is ignored', () => {
    const repo = createRepo();
    repo.write('.gitignore', '.env*\n');
    repo.write('.env.local', 'DATABASE_HOST=localhost\n');
    repo.git('add', '-f', '.env.local', '.gitignore');
    const text = runKeyguard(['scan', '--staged'], { cwd: repo.dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('fix: it is ignored but was force-added: git rm --cached .env.local');
    expect(text.stdout).toContain('.env.local: it is ignored but was force-added (git add -f)');
    expect(text.stdout).not.toContain('.gitignore');
  });

  it('blocks a symlink named .env', () => {
    const repo = createRepo();
    symlinkSync('../secrets/app.env', repo.path('.env'));
    repo.git('add', '.env');
    expect(stagedScan(repo).report.findings).toMatchObject([{ ruleId: 'env-file-committed', file: '.env' }]);
  });

  it('allows .env.example / .env.sample / .env.template with placeholders', () => {
    const repo = createRepo();
    repo.stage({
      '.env.example': 'DEFRAME_API_KEY=your-api-key-here\nDATABASE_URL=postgres://user:password@localhost/db\n',
      '.env.sample': 'DEFRAME_API_KEY=\n',
      'api/.env.template': 'DEFRAME_API_KEY=<your Deframe API key>\n',
    });
    const { code, report } = stagedScan(repo);
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
  });

  it('scans the values of a template and reports a real key in it', () => {
    const repo = createRepo();
    repo.stage({ '.env.example': `GITHUB_TOKEN=${fakeKey.githubPat()}\n` });
    expect(stagedScan(repo).report.findings.map((f) => [f.file, f.line])).toEqual([['.env.example', 1]]);
  });

  it('follows envFiles globs from the config', () => {
    const repo = createRepo();
    repo.write('keyguard.config.json', JSON.stringify({ envFiles: { block: ['**/*.secrets'], allow: [] } }));
    repo.stage({ 'prod.secrets': 'A=1\n', '.env.local': 'A=1\n' });
    expect(stagedScan(repo).report.findings.map((f) => f.file)).toEqual(['prod.secrets']);
  });
});

describe('errors', () => {
  it('exits 2 with a clear message outside a git repository', () => {
    const result = runKeyguard(['scan', '--staged'], { cwd: tempDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--staged needs a git repository/);
  });
});

describe('the git processes of a staged scan', () => {
  // The entry starts rev-parse and the two diffs before the scan code loads (git/staged-calls.ts);
  // the staged source must take those processes, not start its own again.
  it('runs each git call once: rev-parse, the raw diff, the changed files\' hunks, cat-file', () => {
    const repo = createRepo();
    repo.write('src/old.ts', 'export const a = 1;\n');
    repo.commitAll('initial');
    repo.stage({ 'src/old.ts': 'export const a = 2;\n', 'src/new.ts': 'export const b = 1;\n' });
    const bin = join(tempDir(), 'bin');
    mkdirSync(bin);
    const log = join(bin, 'calls.log');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
    const path = `${bin}:${process.env.PATH}`;
    const result = runKeyguard(['scan', '--staged', '--format', 'json'], { cwd: repo.dir, env: { PATH: path } });
    expect(result.code, result.stderr).toBe(0);
    expect(parseJsonReport(result.stdout).stats.files).toBe(2);
    const calls = (l: string) => l.replace(/^(?:-c \S+ )*/, '').split(' ').slice(0, 3).join(' ');
    expect(readFileSync(log, 'utf8').trim().split('\n').map(calls).sort()).toEqual([
      'cat-file --batch',
      'diff --cached --raw',
      'diff --cached -U0',
      'rev-parse --show-toplevel --git-path',
    ]);

    // --all-lines needs no hunks: the entry does not start that diff either
    writeFileSync(log, '');
    const allLines = runKeyguard(['scan', '--staged', '--all-lines', '--format', 'json'], { cwd: repo.dir, env: { PATH: path } });
    expect(allLines.code, allLines.stderr).toBe(0);
    expect(readFileSync(log, 'utf8').trim().split('\n').map(calls).sort()).toEqual(['cat-file --batch', 'diff --cached --raw', 'rev-parse --show-toplevel --git-path']);
  });
});
