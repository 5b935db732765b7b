/**
 * `keyguard init` on the setups where hooks used to fail, each with the packed CLI installed
 * by real npm into a fresh project and a real `git commit` that is blocked and one that passes:
 * husky 8 (its hooks get no node_modules/.bin on PATH) and a JS project in a sub-folder of the
 * repo (husky's "project not in git root" recipe). And an install that fails: nothing changes.
 * (npm, pnpm, Yarn 1 and Yarn 4 PnP at the root: test/readme.test.ts.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, runKeyguard } from './helpers/cli.js';
import { expectBlocksThenPasses } from './helpers/commits.js';
import { createRepo, removeTempDirs, type TempRepo } from './helpers/git.js';
import { managerEnv, packAll } from './helpers/package-managers.js';

const INSTALL_TIMEOUT = 300_000;
const env = managerEnv('npm');
afterAll(() => removeTempDirs());

function npmInstall(dir: string, args: string[]): void {
  const result = run('npm', ['install', '--loglevel=error', ...args], { cwd: dir, env });
  if (result.code !== 0) throw new Error(`npm install ${args.join(' ')} failed in ${dir}:\n${result.stderr}`);
}

function init(dir: string) {
  const result = run('npx', ['--no-install', 'keyguard', 'init'], { cwd: dir, env });
  if (result.code !== 0) throw new Error(`keyguard init failed:\n${result.stdout}${result.stderr}`);
  return result;
}

describe('a husky 8 project', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = createRepo('keyguard-husky8-');
    repo.write('.gitignore', 'node_modules/\n');
    repo.write('package.json', `${JSON.stringify({ name: 'husky8-app', private: true, devDependencies: { husky: '^8.0.3' } }, null, 2)}\n`);
    npmInstall(repo.dir, ['--save-dev', `${packAll()}/packed/keyguard-cli.tgz`]);
  }, INSTALL_TIMEOUT);

  it('gets a husky 8 hook that runs keyguard through npx --no-install, and it blocks and passes commits', () => {
    const result = init(repo.dir);
    expect(result.stdout).not.toContain('install:');
    expect(readFileSync(repo.path('.husky/pre-commit'), 'utf8')).toBe(
      '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\nnpx --no-install keyguard scan --staged\n',
    );
    const pkg = JSON.parse(readFileSync(repo.path('package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.prepare).toBe('husky install');
    expect(repo.git('config', 'core.hooksPath').trim()).toBe('.husky');
    repo.commitAll('set up keyguard');
    expectBlocksThenPasses(repo, env, 'server/pay.js');
  });
});

describe('a JS project in a sub-folder of the repo', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = createRepo('keyguard-subfolder-');
    repo.write('.gitignore', 'node_modules/\n');
    repo.write('README.md', '# a repo whose app lives in frontend/\n');
    repo.write('frontend/package.json', `${JSON.stringify({ name: 'frontend', private: true }, null, 2)}\n`);
    npmInstall(repo.path('frontend'), ['--save-dev', `${packAll()}/packed/keyguard-cli.tgz`]);
  }, INSTALL_TIMEOUT);

  it("follows husky's sub-folder recipe, and the hook blocks and passes commits", () => {
    const result = init(repo.path('frontend'));
    expect(result.stdout).toContain('project in frontend/');
    expect(readFileSync(repo.path('frontend/.husky/pre-commit'), 'utf8')).toBe('cd frontend\nkeyguard scan --staged\n');
    const pkg = JSON.parse(readFileSync(repo.path('frontend/package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.scripts.prepare).toBe('cd .. && husky frontend/.husky');
    expect(Object.keys(pkg.devDependencies).sort()).toEqual(['@keyguard/cli', 'husky']);
    expect(existsSync(repo.path('package.json'))).toBe(false);
    expect(repo.git('config', 'core.hooksPath').trim()).toBe('frontend/.husky/_');
    repo.commitAll('set up keyguard');
    // Paths are shown relative to where the hook runs (the project folder); files outside it are scanned too.
    expectBlocksThenPasses(repo, env, 'frontend/src/pay.js', 'src/pay.js');
    expectBlocksThenPasses(repo, env, 'scripts/pay.js', '../scripts/pay.js');
  });
});

describe('an install that fails', () => {
  it('changes nothing and says what to run', () => {
    const repo = createRepo('keyguard-install-fails-');
    const manifest = `${JSON.stringify({ name: 'app', private: true, devDependencies: { 'local-tool': 'file:./missing-tool.tgz' } }, null, 2)}\n`;
    repo.write('package.json', manifest);
    repo.write('package-lock.json', '{}\n');
    const result = runKeyguard(['init'], { cwd: repo.dir, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("keyguard init changed nothing (package.json and the lockfile are as they were). Install them yourself — `npm install --save-dev 'husky@^9.1.7'` — then run `keyguard init --no-install`");
    expect(readFileSync(repo.path('package.json'), 'utf8')).toBe(manifest);
    expect(readFileSync(repo.path('package-lock.json'), 'utf8')).toBe('{}\n');
    expect(existsSync(repo.path('.husky'))).toBe(false);
    expect(existsSync(repo.path('.gitignore'))).toBe(false);
    expect(repo.gitResult(['config', 'core.hooksPath']).stdout).toBe('');
  });
});
