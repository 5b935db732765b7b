/**
 * What a user does: install the packed @keyguard/cli tarball into a fresh project, run
 * `keyguard init` (which really installs husky and lint-staged with npm), then commit.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packCli, requireBuiltCli, run } from './helpers/cli.js';
import { createRepo, removeTempDirs, type TempRepo } from './helpers/git.js';
import { fakeKey, leakedSecrets } from './helpers/secrets.js';

beforeAll(() => requireBuiltCli());
afterAll(() => removeTempDirs());

function npm(repo: TempRepo, args: string[]) {
  const result = run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: repo.dir });
  if (result.code !== 0) throw new Error(`npm ${args.join(' ')} failed: ${result.stderr}`);
  return result;
}

describe('installing the packed CLI and running keyguard init with a real npm install', () => {
  let repo: TempRepo;
  let initOutput: string;

  beforeAll(() => {
    repo = createRepo();
    repo.write('.gitignore', 'node_modules/\n');
    npm(repo, ['init', '-y']);
    npm(repo, ['install', '--save-dev', packCli()]);
    const init = run(repo.path('node_modules/.bin/keyguard'), ['init'], { cwd: repo.dir });
    if (init.code !== 0) throw new Error(`keyguard init failed: ${init.stdout}${init.stderr}`);
    initOutput = init.stdout;
    repo.commitAll('set up keyguard');
  }, 300_000);

  it('installed husky and lint-staged with npm and activated the hook', () => {
    expect(initOutput).toContain('npm (package-lock.json)');
    expect(initOutput).toContain('install: npm install --save-dev husky lint-staged');
    const pkg = JSON.parse(readFileSync(repo.path('package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(Object.keys(pkg.devDependencies).sort()).toEqual(['@keyguard/cli', 'husky', 'lint-staged']);
    expect(repo.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
  });

  it('blocks a commit that stages a key', () => {
    const key = fakeKey.stripeSecret();
    repo.stage({ 'server/pay.js': `const stripe = require('stripe')('${key}');\n` });
    const result = repo.gitResult(['commit', '-m', 'pay']);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('server/pay.js:1:');
    expect(leakedSecrets([key], result.stdout, result.stderr)).toEqual([]);
    repo.git('reset', '-q');
  });

  it('lets a clean commit through', () => {
    repo.stage({ 'server/pay.js': "const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\n" });
    expect(repo.gitResult(['commit', '-m', 'pay']).code).toBe(0);
    expect(repo.git('log', '--format=%s', '-1').trim()).toBe('pay');
  });

  it('a second keyguard init changes nothing', () => {
    const again = run(repo.path('node_modules/.bin/keyguard'), ['init'], { cwd: repo.dir });
    expect(again.stdout).toContain('nothing changed');
    expect(repo.git('status', '--porcelain')).toBe('');
  });
});
