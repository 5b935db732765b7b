/**
 * The pre-commit guard as a user has it: real git commits in temp repos, through the real husky
 * hook that `keyguard init` writes, and through real lint-staged running the scanner as a task on
 * `*` (the alternative set-up for teams that keep everything in lint-staged).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkWorkspaceTools, requireBuiltCli, run } from './helpers/cli.js';
import { createRepo, removeTempDirs, type TempRepo } from './helpers/git.js';
import { fakeKey, leakedSecrets } from './helpers/secrets.js';

// Each test runs git, husky or lint-staged and the CLI as child processes, several times: 10-30 s
// each, 45-46 s for the 1,000-file commits, at load 16-22 on 2 cores (h35); one timed out at the
// default 60 s at load 13 (h29). The timeout is a guard against a hang, not a speed check.
vi.setConfig({ testTimeout: 180_000 });

beforeAll(() => requireBuiltCli());
afterAll(() => removeTempDirs());

type Mode = 'husky hook' | 'lint-staged task';

/** A repo set up by `keyguard init --no-install`, with husky active; `lint-staged task` mode runs the scan from lint-staged. */
function guardedRepo(mode: Mode, options: { firstCommit?: boolean; maxArgLength?: number } = {}): TempRepo {
  const repo = createRepo();
  repo.write('.gitignore', 'node_modules/\n');
  repo.write('package.json', JSON.stringify({ name: 'app', private: true, devDependencies: { '@keyguard/cli': '0.1.0' } }, null, 2));
  linkWorkspaceTools(repo.dir);
  const init = run(repo.path('node_modules/.bin/keyguard'), ['init', '--no-install'], { cwd: repo.dir });
  if (init.code !== 0) throw new Error(`keyguard init failed: ${init.stdout}${init.stderr}`);
  expect(repo.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
  if (mode === 'lint-staged task') {
    const manifest = JSON.parse(readFileSync(repo.path('package.json'), 'utf8')) as Record<string, unknown>;
    manifest['lint-staged'] = { '*': 'keyguard scan --staged' };
    writeFileSync(repo.path('package.json'), JSON.stringify(manifest, null, 2));
    // --verbose shows each task run's output, so a test can see every chunk's own summary.
    const args = options.maxArgLength ? ` --verbose --max-arg-length ${options.maxArgLength}` : '';
    repo.write('.husky/pre-commit', `lint-staged${args}\n`);
  }
  if (!options.firstCommit) repo.commitAll('set up keyguard');
  return repo;
}

const ansiEscape = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function commit(repo: TempRepo, message = 'change') {
  const head = repo.gitResult(['rev-parse', '-q', '--verify', 'HEAD']).stdout.trim();
  const result = repo.gitResult(['commit', '-m', message]);
  const newHead = repo.gitResult(['rev-parse', '-q', '--verify', 'HEAD']).stdout.trim();
  // lint-staged forces colours on for its tasks: compare plain text.
  const output = (result.stdout + result.stderr).replace(ansiEscape, '');
  return { ...result, output, committed: newHead !== head };
}

const keyLine = (key: string) => `export const token = '${key}';\n`;

describe.each<Mode>(['husky hook', 'lint-staged task'])('git commit guarded by keyguard (%s)', (mode) => {
  it('blocks a staged key with a message saying where, what and what to do, without printing the key', () => {
    const repo = guardedRepo(mode);
    const key = fakeKey.githubPat();
    repo.stage({ 'src/client.ts': `import { api } from './api';\n${keyLine(key)}` });
    const result = commit(repo);
    expect(result.committed).toBe(false);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('src/client.ts:2:');
    expect(result.output).toContain('keyguard blocked this commit');
    expect(result.output).toContain('process.env.GITHUB_TOKEN');
    expect(result.output).toContain('keyguard-ignore-next-line');
    expect(leakedSecrets([key], result.output)).toEqual([]);
  });

  it('lets a clean commit through', () => {
    const repo = guardedRepo(mode);
    repo.stage({ 'src/api.ts': "export const apiKey = process.env.DEFRAME_API_KEY;\nexport const url = 'https://api.deframe.io';\n" });
    const result = commit(repo);
    expect(result.output).not.toContain('blocked');
    expect(result.committed).toBe(true);
  });

  it('blocks a staged .env.local', () => {
    const repo = guardedRepo(mode);
    repo.write('.env.local', 'DATABASE_HOST=localhost\n');
    repo.git('add', '-f', '.env.local');
    const result = commit(repo);
    expect(result.committed).toBe(false);
    expect(result.output).toContain('.env.local:1:1');
    expect(result.output).toContain('git rm --cached');
  });

  it('lets a .env.example with placeholders through', () => {
    const repo = guardedRepo(mode);
    repo.stage({ '.env.example': 'DEFRAME_API_KEY=your-deframe-api-key\nSTRIPE_SECRET_KEY=\n' });
    expect(commit(repo).committed).toBe(true);
  });

  it('keeps the unstaged changes of a partially staged file byte for byte when the commit passes', () => {
    const repo = guardedRepo(mode);
    repo.write('src/app.ts', 'line 1\nline 2\n');
    repo.commitAll('app');
    repo.stage({ 'src/app.ts': 'line 1\nline 2\nstaged line 3\n' });
    const workingTree = Buffer.from(`line 1 edited\r\nline 2\nstaged line 3\nunstaged ${keyLine(fakeKey.githubPat())}no newline at end`);
    repo.write('src/app.ts', workingTree);
    const result = commit(repo);
    expect(result.committed).toBe(true);
    expect(repo.read('src/app.ts').equals(workingTree)).toBe(true);
    expect(repo.git('show', 'HEAD:src/app.ts')).toBe('line 1\nline 2\nstaged line 3\n');
  });

  it('keeps the unstaged changes byte for byte and the index unchanged when the commit is blocked', () => {
    const repo = guardedRepo(mode);
    repo.write('src/app.ts', 'line 1\nline 2\n');
    repo.commitAll('app');
    repo.stage({ 'src/app.ts': `line 1\nline 2\n${keyLine(fakeKey.githubPat())}` });
    const workingTree = Buffer.from(`line 1\nline 2\nexport const token = process.env.GITHUB_TOKEN;\n\ttrailing unstaged edit \u00e9\n`);
    repo.write('src/app.ts', workingTree);
    const index = repo.indexSnapshot();
    const result = commit(repo);
    expect(result.committed).toBe(false);
    expect(repo.read('src/app.ts').equals(workingTree)).toBe(true);
    expect(repo.indexSnapshot()).toBe(index);
  });

  it('handles file names with spaces, quotes, newlines and non-ASCII', () => {
    const repo = guardedRepo(mode);
    const names = ['my file.ts', `it's "quoted".ts`, 'line\nbreak.ts', 'café/ünïcödé-名前.ts'];
    repo.stage(Object.fromEntries(names.map((name) => [name, 'export const ok = true;\n'])));
    expect(commit(repo, 'odd names').committed).toBe(true);
    for (const name of names) {
      repo.stage({ [name]: `export const ok = true;\n${keyLine(fakeKey.githubPat())}` });
      const result = commit(repo);
      expect(result.committed, name).toBe(false);
      repo.git('reset', '-q', '--', name);
      repo.git('checkout', '-q', '--', name);
    }
  });

  it('lets a commit that deletes a file holding an old key through', () => {
    const repo = guardedRepo(mode);
    repo.write('old.ts', keyLine(fakeKey.githubPat()));
    repo.commitAll('an old leak, committed with --no-verify');
    repo.git('rm', '-q', 'old.ts');
    expect(commit(repo).committed).toBe(true);
  });

  it('lets a rename of a file holding an old key through, and blocks a key added while renaming', () => {
    const repo = guardedRepo(mode);
    repo.write('old.ts', keyLine(fakeKey.githubPat()));
    repo.write('other.ts', 'export const a = 1;\nexport const b = 2;\nexport const c = 3;\n');
    repo.commitAll('an old leak, committed with --no-verify');
    repo.git('mv', 'old.ts', 'renamed.ts');
    expect(commit(repo, 'rename').committed).toBe(true);
    repo.git('mv', 'other.ts', 'moved.ts');
    repo.stage({ 'moved.ts': `export const a = 1;\nexport const b = 2;\nexport const c = 3;\n${keyLine(fakeKey.githubPat())}` });
    const result = commit(repo, 'rename and edit');
    expect(result.committed).toBe(false);
    expect(result.output).toContain('moved.ts:4:');
  });

  it('guards the first commit of a repo', () => {
    const repo = guardedRepo(mode, { firstCommit: true });
    repo.git('add', '-A');
    repo.stage({ 'index.ts': keyLine(fakeKey.githubPat()) });
    expect(commit(repo, 'first').committed).toBe(false);
    repo.stage({ 'index.ts': 'export {};\n' });
    expect(commit(repo, 'first').committed).toBe(true);
  });

  it('does not block on a key that is only in an unstaged hunk', () => {
    const repo = guardedRepo(mode);
    repo.write('a.ts', 'export const a = 1;\n');
    repo.commitAll('a');
    repo.stage({ 'a.ts': 'export const a = 2;\n' });
    repo.write('a.ts', `export const a = 2;\n${keyLine(fakeKey.githubPat())}`);
    expect(commit(repo).committed).toBe(true);
  });

  it('blocks a key that was staged and then removed from the working tree', () => {
    const repo = guardedRepo(mode);
    repo.stage({ 'a.ts': keyLine(fakeKey.githubPat()) });
    repo.write('a.ts', 'export const token = process.env.GITHUB_TOKEN;\n');
    expect(commit(repo).committed).toBe(false);
  });

  it('does not block an unrelated change next to an untouched old key', () => {
    const repo = guardedRepo(mode);
    repo.write('config.ts', `${keyLine(fakeKey.githubPat())}export const retries = 3;\n`);
    repo.commitAll('an old leak, committed with --no-verify');
    repo.stage({ 'config.ts': repo.read('config.ts').toString().replace('retries = 3', 'retries = 4') });
    expect(commit(repo).committed).toBe(true);
  });
});

describe('commits that build their own index (git commit -a, git commit -- <paths>)', () => {
  it('scans what `git commit -a` commits, though nothing was staged by hand', () => {
    const repo = guardedRepo('husky hook');
    repo.write('a.ts', 'export const a = 1;\n');
    repo.commitAll('a');
    repo.write('a.ts', `export const a = 1;\n${keyLine(fakeKey.githubPat())}`);
    const result = repo.gitResult(['commit', '-a', '-m', 'all']);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('a.ts:2:');
  });

  it('scans the paths of `git commit -- <paths>` and only those', () => {
    const repo = guardedRepo('husky hook');
    repo.write('a.ts', 'export const a = 1;\n');
    repo.write('b.ts', 'export const b = 1;\n');
    repo.commitAll('a and b');
    repo.write('a.ts', `export const a = 1;\n${keyLine(fakeKey.githubPat())}`);
    repo.stage({ 'b.ts': `export const b = 1;\n${keyLine(fakeKey.githubPat())}` });
    repo.write('c.ts', 'export const c = 1;\n');
    repo.git('add', 'c.ts');
    const blocked = repo.gitResult(['commit', '-m', 'only a', '--', 'a.ts']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('a.ts:2:');
    expect(blocked.stdout + blocked.stderr).not.toContain('b.ts:');
    expect(repo.gitResult(['commit', '-m', 'only c', '--', 'c.ts']).code).toBe(0);
  });
});

describe('1,000 staged files through lint-staged chunking', () => {
  function thousandFiles(repo: TempRepo, keyAt?: number): void {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) {
      const name = `src/module-${String(i).padStart(4, '0')}/component with a long name ${i}.ts`;
      files[name] = i === keyAt ? keyLine(fakeKey.githubPat()) : `export const value${i} = ${i};\n`;
    }
    repo.stage(files);
  }

  it('passes when all 1,000 files are clean, each chunk scanning its own files', () => {
    const repo = guardedRepo('lint-staged task', { maxArgLength: 8000 });
    thousandFiles(repo);
    const result = commit(repo, 'a thousand files');
    expect(result.committed).toBe(true);
    // Several runs (one per chunk), each scanning only its own files: together exactly the 1,000.
    const perRun = [...result.output.matchAll(/no keys found \(scanned (\d+) files?/g)].map((match) => Number(match[1]));
    expect(perRun.length).toBeGreaterThan(1);
    expect(perRun.reduce((sum, files) => sum + files, 0)).toBe(1000);
    expect(Number(repo.git('ls-tree', '-r', '--name-only', 'HEAD', 'src').split('\n').filter(Boolean).length)).toBe(1000);
  });

  it('blocks when one of the 1,000 files holds a key', () => {
    const repo = guardedRepo('lint-staged task', { maxArgLength: 8000 });
    thousandFiles(repo, 637);
    const result = commit(repo, 'a thousand files');
    expect(result.committed).toBe(false);
    expect(result.output).toContain('src/module-0637/component with a long name 637.ts:1:');
  });
});
