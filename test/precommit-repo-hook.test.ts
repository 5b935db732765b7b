/**
 * This repository's own `.husky/pre-commit`, run by real husky in a temp repo laid out like this
 * one: it scans the staged files with the workspace CLI, and skips the scan with a note (instead
 * of failing every commit) while packages/cli/dist is not built yet.
 */
import { copyFileSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliDir, linkWorkspaceTools, requireBuiltCli, run, workspaceRoot } from './helpers/cli.js';
import { createRepo, removeTempDirs, type TempRepo } from './helpers/git.js';
import { fakeKey } from './helpers/secrets.js';

beforeAll(() => requireBuiltCli());
afterAll(() => removeTempDirs());

function repoWithThisHook(options: { built: boolean }): TempRepo {
  const repo = createRepo();
  const manifest = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
  repo.write('package.json', JSON.stringify({ name: 'copy', private: true, type: 'module', 'lint-staged': manifest['lint-staged'] }, null, 2));
  repo.write('.gitignore', 'node_modules/\npackages/\n');
  mkdirSync(repo.path('.husky'), { recursive: true });
  copyFileSync(join(workspaceRoot, '.husky/pre-commit'), repo.path('.husky/pre-commit'));
  linkWorkspaceTools(repo.dir);
  // lint-staged runs the workspace's ESLint on staged JS/TS, with a one-rule config here.
  symlinkSync(join(workspaceRoot, 'node_modules/eslint'), repo.path('node_modules/eslint'));
  symlinkSync(join(workspaceRoot, 'node_modules/eslint/bin/eslint.js'), repo.path('node_modules/.bin/eslint'));
  repo.write('eslint.config.js', "export default [{ files: ['**/*.js'], rules: { 'no-unused-vars': 'error' } }];\n");
  if (options.built) {
    // The hook runs node packages/cli/bin/keyguard.js: give it the workspace's built CLI.
    mkdirSync(repo.path('packages'), { recursive: true });
    symlinkSync(cliDir, repo.path('packages/cli'));
  }
  const husky = run(process.execPath, [repo.path('node_modules/husky/bin.js')], { cwd: repo.dir });
  if (husky.code !== 0) throw new Error(`husky failed: ${husky.stdout}${husky.stderr}`);
  repo.commitAll('copy of the hook');
  return repo;
}

describe("this repository's pre-commit hook", () => {
  it('blocks a staged key with the workspace CLI', () => {
    const repo = repoWithThisHook({ built: true });
    repo.stage({ 'config/deploy.json': JSON.stringify({ githubToken: fakeKey.githubPat() }) + '\n' });
    const result = repo.gitResult(['commit', '-m', 'deploy config']);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('config/deploy.json:1:');
  });

  it('lets a clean commit through, ESLint on the staged JS included', () => {
    const repo = repoWithThisHook({ built: true });
    repo.stage({ 'config/deploy.json': '{ "region": "eu-west-1" }\n', 'src/region.js': "export const region = 'eu-west-1';\n" });
    const result = repo.gitResult(['commit', '-m', 'deploy config']);
    expect(result.stdout + result.stderr).toContain('no keys found');
    expect(result.code).toBe(0);
  });

  it('blocks a commit that ESLint rejects, through lint-staged', () => {
    const repo = repoWithThisHook({ built: true });
    repo.stage({ 'src/region.js': "const unused = 'eu-west-1';\nexport const region = 1;\n" });
    const result = repo.gitResult(['commit', '-m', 'region']);
    expect(result.stdout + result.stderr).toContain('no-unused-vars');
    expect(result.code).not.toBe(0);
  });

  it('skips the scan with a note, not a failure, while the CLI is not built', () => {
    const repo = repoWithThisHook({ built: false });
    repo.stage({ 'notes.md': '# notes\n' });
    const result = repo.gitResult(['commit', '-m', 'notes']);
    expect(result.stderr).toContain('packages/cli/dist is not built yet, skipping the staged key scan');
    expect(result.code).toBe(0);
  });
});
