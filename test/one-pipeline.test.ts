/**
 * The CLI and the ESLint plugin decide the same things in the same place (issue 8): where the
 * project config is and what `allow.paths` is relative to, what an inline directive says, and
 * whether a directive is in use. Each case runs the real CLI and the real ESLint CLI on a real
 * git repo; each failed before the shared code in @keyguard/core existed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDirective } from '@keyguard/core';
import { findProjectConfig } from '@keyguard/core/config-files';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonReport, requireBuiltCli, runKeyguard, workspaceRoot } from './helpers/cli.js';
import { createRepo, removeTempDirs, tempDir, testEnv, type TempRepo } from './helpers/git.js';
import { fakeKey, leakedSecrets } from './helpers/secrets.js';

beforeAll(() => requireBuiltCli());
afterAll(() => removeTempDirs());

const pluginEntry = join(workspaceRoot, 'packages/eslint-plugin/dist/index.js');
const eslintBin = join(workspaceRoot, 'node_modules/eslint/bin/eslint.js');

/** The real ESLint CLI with the built plugin's recommended rule; messages as "file:line ruleId". */
function eslint(repo: TempRepo, files: string[], cwd = repo.dir): string[] {
  repo.write(
    'eslint.config.mjs',
    `import plugin from ${JSON.stringify(pluginEntry)};\n` +
      `export default [{ files: ['**/*.js'], plugins: { '@keyguard': plugin }, rules: { '@keyguard/no-hardcoded-api-key': 'error' } }];\n`,
  );
  const result = spawnSync(process.execPath, [eslintBin, '--no-warn-ignored', '--format', 'json', ...files], { cwd, env: testEnv(), encoding: 'utf8' });
  if (result.status === 2 || result.error) throw new Error(`eslint failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  const results = JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ line: number; ruleId: string | null; message: string }> }>;
  return results.flatMap((file) =>
    file.messages.map((message) => `${file.filePath.slice(repo.dir.length + 1)}:${message.line} ${message.ruleId ?? message.message}`),
  );
}

/** `keyguard scan --format json`; findings as "file:line ruleId" (relative to the cwd). */
function scan(args: string[], cwd: string): { code: number; findings: string[]; stdout: string } {
  const result = runKeyguard(['scan', '--format', 'json', ...args], { cwd });
  if (result.code === 2) throw new Error(`keyguard exited 2: ${result.stderr}`);
  const report = parseJsonReport(result.stdout);
  return { code: result.code, findings: report.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`), stdout: result.stdout };
}

describe('allow.paths of a sub-folder config', () => {
  it('is relative to that config folder for ESLint and for keyguard scan, whichever folder it runs from', () => {
    const repo = createRepo();
    const key = fakeKey.githubPat();
    repo.write('packages/app/keyguard.config.json', JSON.stringify({ allow: { paths: ['fixtures/**'] } }));
    repo.write('packages/app/package.json', JSON.stringify({ name: 'app' }));
    repo.write('packages/app/fixtures/a.js', `export const token = '${key}';\n`);
    repo.write('packages/app/src/b.js', `export const token = '${key}';\n`);
    repo.commitAll('app');
    const app = repo.path('packages/app');

    expect(eslint(repo, ['packages/app/fixtures/a.js', 'packages/app/src/b.js'])).toEqual(['packages/app/src/b.js:1 @keyguard/no-hardcoded-api-key']);
    const fromApp = scan(['.'], app);
    expect(fromApp.findings).toEqual(['src/b.js:1 github-pat']);
    expect(leakedSecrets([key], fromApp.stdout)).toEqual([]);
    // The staged scan and a history scan read the same config the same way.
    repo.write('packages/app/fixtures/c.js', `export const other = '${key}';\n`);
    repo.git('add', '-A');
    expect(scan(['--staged'], app).findings).toEqual([]);
    repo.git('commit', '-q', '--no-verify', '-m', 'fixture');
    expect(scan(['--since', 'HEAD~1'], app).findings).toEqual([]);
    expect(scan(['--since', 'HEAD~1', '--threads', '2'], app).findings).toEqual([]);
  });
});

describe('a directive that names another rule', () => {
  it('does not hide a GitHub token from ESLint or from keyguard scan', () => {
    const repo = createRepo();
    const key = fakeKey.githubPat();
    repo.write('src/a.js', `// keyguard-ignore-next-line aws-access-key\nexport const token = '${key}';\n// keyguard-ignore-next-line github-pat -- rotated fixture\nexport const other = '${key}x';\n`);
    repo.commitAll('a');
    expect(eslint(repo, ['src/a.js'])).toEqual(['src/a.js:2 @keyguard/no-hardcoded-api-key']);
    expect(scan(['src/a.js'], repo.dir).findings).toEqual(['src/a.js:2 github-pat']);
  });
});

describe('--report-unused on old lines', () => {
  it('a staged change gives the verdict that --since gives over the same commit', () => {
    const repo = createRepo();
    const key = fakeKey.githubPat();
    repo.write('src/a.js', `// keyguard-ignore-next-line github-pat -- fixture\nexport const token = '${key}';\nexport const a = 1;\n`);
    repo.commitAll('old directive and key');
    repo.write('src/a.js', `// keyguard-ignore-next-line github-pat -- fixture\nexport const token = '${key}';\nexport const a = 1;\nexport const b = 2;\n`);
    repo.git('add', '-A');
    const staged = scan(['--staged', '--report-unused'], repo.dir);
    repo.git('commit', '-q', '--no-verify', '-m', 'one new line');
    const since = scan(['--since', 'HEAD~1', '--report-unused'], repo.dir);
    expect(since.code).toBe(0);
    expect(staged.code).toBe(since.code);
    // A directive the commit adds above an old key is in use in both.
    repo.write('src/b.js', `export const token = '${key}';\n`);
    repo.commitAll('old key');
    repo.write('src/b.js', `// keyguard-ignore-next-line -- fixture\nexport const token = '${key}';\n`);
    repo.git('add', '-A');
    const stagedAbove = scan(['--staged', '--report-unused'], repo.dir);
    repo.git('commit', '-q', '--no-verify', '-m', 'directive above');
    expect(stagedAbove.code).toBe(0);
    expect(scan(['--since', 'HEAD~1', '--report-unused'], repo.dir).code).toBe(0);
    // And an unused directive the commit adds is unused in both.
    repo.write('src/b.js', `// keyguard-ignore-next-line -- fixture\nexport const token = '${key}';\n// keyguard-ignore\nexport const c = 3;\n`);
    repo.git('add', '-A');
    const stagedUnused = runKeyguard(['scan', '--staged', '--report-unused', '--format', 'json'], { cwd: repo.dir });
    repo.git('commit', '-q', '--no-verify', '-m', 'unused directive');
    const sinceUnused = runKeyguard(['scan', '--since', 'HEAD~1', '--report-unused', '--format', 'json'], { cwd: repo.dir });
    expect(stagedUnused.code).toBe(1);
    expect(sinceUnused.code).toBe(1);
  });
});

describe('findProjectConfig', () => {
  it('stops at the .git folder, never reads a folder named package.json or a foreign or invalid package.json', () => {
    const root = tempDir('keyguard-find-config-');
    writeFileSync(join(root, 'keyguard.config.json'), JSON.stringify({ allow: { paths: ['outside/**'] } }));
    const repo = join(root, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'a/package.json'), { recursive: true });
    mkdirSync(join(repo, 'a/b'), { recursive: true });
    writeFileSync(join(repo, 'a/b/package.json'), '{ not json');
    mkdirSync(join(repo, 'a/b/c'), { recursive: true });
    writeFileSync(join(repo, 'a/b/c/package.json'), JSON.stringify({ name: 'foreign' }));
    // Nothing up to the repo root: the config above the repo is not the repo's.
    expect(findProjectConfig(join(repo, 'a/b/c'))).toBeUndefined();
    writeFileSync(join(repo, 'package.json'), JSON.stringify({ keyguard: { allow: { paths: ['x/**'] } } }));
    const found = findProjectConfig(join(repo, 'a/b/c'));
    expect(found).toMatchObject({ file: join(repo, 'package.json'), base: repo, config: { allow: { paths: ['x/**'] } } });
    // A broken config of ours is an error naming the file.
    writeFileSync(join(repo, 'a/keyguard.config.json'), '{');
    expect(() => findProjectConfig(join(repo, 'a/b'))).toThrow(/keyguard\.config\.json.*invalid JSON/);
  });

  it('outside a repo stops at the cwd', () => {
    const root = tempDir('keyguard-find-config-');
    writeFileSync(join(root, 'keyguard.config.json'), JSON.stringify({}));
    mkdirSync(join(root, 'project/src'), { recursive: true });
    expect(findProjectConfig(join(root, 'project/src'), { cwd: join(root, 'project') })).toBeUndefined();
    expect(findProjectConfig(join(root, 'project/src'), { cwd: root })).toMatchObject({ base: root });
  });
});

describe('parseDirective', () => {
  it('reads the kind, the rule ids and the reason of one comment', () => {
    expect(parseDirective(' keyguard-ignore-next-line aws-access-key, github-pat -- rotated')).toEqual({
      kind: 'keyguard-ignore-next-line',
      ruleIds: ['aws-access-key', 'github-pat'],
      reason: 'rotated',
    });
    expect(parseDirective(' keyguard-ignore ')).toEqual({ kind: 'keyguard-ignore', ruleIds: [] });
    expect(parseDirective(' keyguard-ignored')).toBeUndefined();
    expect(parseDirective(' see the docs')).toBeUndefined();
  });
});
