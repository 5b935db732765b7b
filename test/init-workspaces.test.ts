/**
 * `keyguard init` with a real pnpm workspace and with bun, each installing the packed tarballs
 * into a fresh project, then a real `git commit` that is blocked and one that passes:
 * - @keyguard/cli in a workspace package, init run in that package: the hook lives at the repo
 *   root, where pnpm links no `keyguard` bin, so it runs the package's bin by path;
 * - @keyguard/cli at the workspace root (`pnpm add -D -w`), init run at the root;
 * - bun (`bun add -d`, `bun x keyguard init`), from the registry's `bun` package.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers/cli.js';
import { expectBlocksThenPasses } from './helpers/commits.js';
import { createRepo, removeTempDirs, type TempRepo } from './helpers/git.js';
import { installLine, managerEnv, packAll, runner } from './helpers/package-managers.js';

const INSTALL_TIMEOUT = 300_000;
afterAll(() => removeTempDirs());

function ok(result: { code: number; stdout: string; stderr: string }, what: string) {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.stdout}${result.stderr}`);
  return result;
}

describe('a pnpm workspace', () => {
  const env = managerEnv('pnpm');
  function workspace(): TempRepo {
    const repo = createRepo('keyguard-pnpm-ws-');
    repo.write('.gitignore', 'node_modules/\n');
    repo.write('package.json', `${JSON.stringify({ name: 'mono', private: true, packageManager: 'pnpm@10.34.9' }, null, 2)}\n`);
    repo.write('pnpm-workspace.yaml', "packages:\n  - 'packages/*'\n");
    repo.write('packages/web/package.json', `${JSON.stringify({ name: 'web', private: true, version: '1.0.0' }, null, 2)}\n`);
    repo.write('packages/api/package.json', `${JSON.stringify({ name: 'api', private: true, version: '1.0.0' }, null, 2)}\n`);
    return repo;
  }

  it(
    'init run in a package that has @keyguard/cli: one hook at the root, running that package\'s keyguard',
    () => {
      const repo = workspace();
      const web = repo.path('packages/web');
      ok(run('pnpm', ['add', '-D', `${packAll()}/packed/keyguard-cli.tgz`], { cwd: web, env }), 'pnpm add in packages/web');
      repo.commitAll('workspace');
      const result = ok(run('pnpm', ['exec', 'keyguard', 'init'], { cwd: web, env }), 'keyguard init');
      expect(result.stdout).toContain('(the repo root) — pnpm');
      expect(result.stdout).toContain("add -D -w 'husky@^9.1.7'");
      expect(result.stdout).toContain('@keyguard/cli is a dependency of packages/web only, so the hook runs packages/web/node_modules/.bin/keyguard');
      expect(readFileSync(repo.path('.husky/pre-commit'), 'utf8')).toBe('packages/web/node_modules/.bin/keyguard scan --staged\n');
      const root = JSON.parse(readFileSync(repo.path('package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
      expect(root.scripts.prepare).toBe('husky');
      expect(Object.keys(root.devDependencies)).toEqual(['husky']);
      repo.commitAll('keyguard');
      expectBlocksThenPasses(repo, env, 'packages/api/src/pay.js');
      expectBlocksThenPasses(repo, env, 'packages/web/src/pay.js');
    },
    INSTALL_TIMEOUT,
  );

  it(
    'init run at the root, with @keyguard/cli installed at the root (pnpm add -D -w)',
    () => {
      const repo = workspace();
      ok(run('pnpm', ['add', '-D', '-w', `${packAll()}/packed/keyguard-cli.tgz`], { cwd: repo.dir, env }), 'pnpm add -w');
      repo.commitAll('workspace');
      const result = ok(run('pnpm', ['exec', 'keyguard', 'init'], { cwd: repo.dir, env }), 'keyguard init');
      expect(result.stdout).toContain('workspace root');
      expect(readFileSync(repo.path('.husky/pre-commit'), 'utf8')).toBe('keyguard scan --staged\n');
      repo.commitAll('keyguard');
      expectBlocksThenPasses(repo, env, 'packages/web/src/pay.js');
      // A second init changes nothing.
      expect(ok(run('pnpm', ['exec', 'keyguard', 'init'], { cwd: repo.path('packages/api'), env }), 'second init').stdout).toContain('nothing changed');
    },
    INSTALL_TIMEOUT,
  );
});

describe('bun', () => {
  const env = managerEnv('bun');
  let bunVersion: string | undefined;
  let bunProblem = '';
  beforeAll(() => {
    const version = run('bun', ['--version'], { cwd: process.cwd(), env });
    if (version.code === 0) bunVersion = version.stdout.trim();
    else bunProblem = (version.stderr || version.stdout).trim().split('\n').slice(-3).join(' ');
  }, INSTALL_TIMEOUT);

  it(
    "the README's bun install line and `bun x keyguard init`, and the hook blocks and passes commits",
    (context) => {
      if (bunVersion === undefined) {
        // Said out loud, not skipped silently: the registry's bun package could not run here.
        console.warn(`SKIPPED bun e2e: \`npx -y bun@1.4.5 --version\` failed: ${bunProblem}`);
        context.skip();
      }
      const repo = createRepo('keyguard-bun-');
      repo.write('.gitignore', 'node_modules/\n');
      repo.write('package.json', `${JSON.stringify({ name: 'bun-app', private: true }, null, 2)}\n`);
      // The README's bun lines, verbatim.
      const readmeEnv = { ...env, KEYGUARD: packAll() };
      ok(run('sh', ['-c', installLine('bun')], { cwd: repo.dir, env: readmeEnv }), installLine('bun'));
      repo.commitAll('app');
      const result = ok(run('sh', ['-c', `${runner.bun} init`], { cwd: repo.dir, env }), `${runner.bun} init`);
      expect(result.stdout).toContain('— bun (bun.lock)');
      expect(result.stdout).toContain("install: bun add -d 'husky@^9.1.7'");
      expect(readFileSync(repo.path('.husky/pre-commit'), 'utf8')).toBe('keyguard scan --staged\n');
      repo.commitAll('keyguard');
      expectBlocksThenPasses(repo, env, 'server/pay.js');
    },
    INSTALL_TIMEOUT,
  );
});
