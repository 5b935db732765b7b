/**
 * The README's "before the first release" path, run verbatim: the install line for each
 * package manager (real npm, pnpm, Yarn 1 and Yarn 4 Plug'n'Play) against the tarballs that
 * `pnpm pack:all` writes, in a fresh project; then the project's own keyguard through the
 * runner the README names, the plugin loaded by the project, and `keyguard init` (which
 * installs husky with that manager) followed by a real `git commit` that is blocked and one
 * that passes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, workspaceRoot } from './helpers/cli.js';
import { createRepo, removeTempDirs, type TempRepo } from './helpers/git.js';
import { fakeKey, leakedSecrets } from './helpers/secrets.js';
import { installLine, type Manager, managerEnv, packAll, readme, runner } from './helpers/package-managers.js';

const version = (JSON.parse(readFileSync(join(workspaceRoot, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;
const INSTALL_TIMEOUT = 300_000;

afterAll(() => removeTempDirs());

describe('the README', () => {
  it('builds the tarballs with pack:all and names the runners the tests use', () => {
    expect(readme).toContain('npx -y pnpm@10.34.9 pack:all');
    for (const command of Object.values(runner)) expect(readme).toContain(command);
    expect(readme).not.toMatch(/(^|[^-])npx keyguard (init|scan|baseline)/m);
  });
});

describe.each<Manager>(['npm', 'pnpm', 'yarn1', 'yarn4'])('the README install line with %s', (manager) => {
  let dir: string;
  let repo: TempRepo;
  let env: Record<string, string | undefined>;
  let installed: { code: number; stdout: string; stderr: string };

  beforeAll(() => {
    const keyguard = packAll();
    repo = createRepo(`keyguard-readme-${manager}-`);
    dir = repo.dir;
    repo.write('.gitignore', 'node_modules/\n.yarn/\n.pnp.*\n');
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `app-${manager}`, version: '1.0.0', private: true }, null, 2)}\n`);
    if (manager === 'yarn1') writeFileSync(join(dir, 'yarn.lock'), '');
    env = managerEnv(manager, { KEYGUARD: keyguard });
    installed = run('sh', ['-c', installLine(manager)], { cwd: dir, env });
  }, INSTALL_TIMEOUT);

  it('installs both tarballs', () => {
    expect(installed.code, installed.stdout + installed.stderr).toBe(0);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
    expect(Object.keys(pkg.devDependencies ?? {}).sort()).toEqual(['@keyguard/cli', '@keyguard/eslint-plugin']);
    if (manager === 'yarn4') expect(readFileSync(join(dir, '.pnp.cjs'), 'utf8')).toContain('@keyguard/cli');
  });

  it(`runs keyguard through \`${runner[manager]}\``, () => {
    const result = run('sh', ['-c', `${runner[manager]} --version`], { cwd: dir, env });
    // Yarn 1 frames a script's output with its own lines.
    expect(result.stdout.split('\n'), result.stderr).toContain(version);
  });

  it('loads the plugin with its rules and configs, without @keyguard/core installed', () => {
    const script = "import('@keyguard/eslint-plugin').then((m) => console.log(Object.keys(m.default.rules).length > 0, m.default.configs.recommended.at(-1).name))";
    const node = manager === 'yarn4' ? 'yarn node' : 'node';
    const result = run('sh', ['-c', `${node} --input-type=module -e "${script}"`], { cwd: dir, env });
    expect(result.stdout.trim(), result.stderr).toBe('true @keyguard/recommended');
    const core = run('sh', ['-c', `${node} --input-type=module -e "import('@keyguard/core').then(() => console.log('found'), () => console.log('absent'))"`], { cwd: dir, env });
    expect(core.stdout.trim()).toBe('absent');
  });

  // init installs husky with the manager: a package install, like the beforeAll's
  it(`keyguard init through \`${runner[manager]} init\` installs husky with ${manager}, then blocks a key and lets a clean commit through`, () => {
    const init = run('sh', ['-c', `${runner[manager]} init`], { cwd: dir, env });
    expect(init.code, init.stdout + init.stderr).toBe(0);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { devDependencies: Record<string, string>; scripts: Record<string, string> };
    expect(Object.keys(pkg.devDependencies).sort()).toEqual(['@keyguard/cli', '@keyguard/eslint-plugin', 'husky']);
    // Yarn 2+ never runs prepare; husky's recipe there is postinstall.
    expect(pkg.scripts).toEqual(manager === 'yarn4' ? { postinstall: 'husky' } : { prepare: 'husky' });
    expect(readFileSync(join(dir, '.husky/pre-commit'), 'utf8')).toBe(manager === 'yarn4' ? 'yarn keyguard scan --staged\n' : 'keyguard scan --staged\n');
    expect(repo.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
    repo.commitAll('set up keyguard');

    const key = fakeKey.stripeSecret();
    repo.stage({ 'server/pay.js': `const stripe = require('stripe')('${key}');\n` });
    const blocked = repo.gitResult(['commit', '-m', 'pay'], { env });
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('server/pay.js:1:');
    expect(leakedSecrets([key], blocked.stdout, blocked.stderr)).toEqual([]);

    repo.stage({ 'server/pay.js': "const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\n" });
    const passed = repo.gitResult(['commit', '-m', 'pay'], { env });
    expect(passed.code, passed.stdout + passed.stderr).toBe(0);
    expect(repo.git('log', '--format=%s', '-1').trim()).toBe('pay');

    const again = run('sh', ['-c', `${runner[manager]} init`], { cwd: dir, env });
    expect(again.stdout).toContain('nothing changed');
    expect(repo.git('status', '--porcelain')).toBe('');
  }, INSTALL_TIMEOUT);
});
