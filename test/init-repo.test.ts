/**
 * `keyguard init` on real repos: an empty repo, a repo with its own husky hook and lint-staged
 * config, a pnpm monorepo; idempotent, and --dry-run writes nothing. (test/init-install.test.ts
 * runs it with a real package-manager install.)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkWorkspaceTools, requireBuiltCli, runKeyguard } from './helpers/cli.js';
import { createRepo, removeTempDirs, tempDir, type TempRepo } from './helpers/git.js';

beforeAll(() => requireBuiltCli());
afterAll(() => removeTempDirs());

/** Every file of the project (not node_modules, not .git, not husky's own .husky/_) with its content. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const path = relative(root, full);
      if (['node_modules', '.git'].includes(entry.name) || path === join('.husky', '_')) continue;
      if (entry.isDirectory()) visit(full);
      else files[path] = readFileSync(full, 'utf8');
    }
  };
  visit(root);
  return files;
}

function init(repo: TempRepo, args: string[] = [], cwd = repo.dir) {
  const result = runKeyguard(['init', '--no-install', ...args], { cwd });
  if (result.code !== 0) throw new Error(`keyguard init exited ${result.code}: ${result.stdout}${result.stderr}`);
  return result;
}

interface Manifest {
  scripts?: Record<string, string>;
  devDependencies?: Record<string, string>;
  'lint-staged'?: Record<string, unknown>;
  [field: string]: unknown;
}

const manifest = (repo: TempRepo, file = 'package.json') => JSON.parse(readFileSync(repo.path(file), 'utf8')) as Manifest;

describe('keyguard init on an empty repo', () => {
  it('creates package.json, the prepare script, the hook and the .gitignore lines, and says so', () => {
    const repo = createRepo();
    const result = init(repo);
    expect(manifest(repo)).toMatchObject({
      private: true,
      scripts: { prepare: 'husky' },
      devDependencies: { husky: expect.any(String) },
    });
    // No ESLint: nothing would run through lint-staged, so it is not added.
    expect(manifest(repo).devDependencies).not.toHaveProperty('lint-staged');
    expect(result.stdout).toContain('no ESLint in this project: no lint-staged');
    expect(readFileSync(repo.path('.husky/pre-commit'), 'utf8')).toBe('keyguard scan --staged\n');
    expect(statSync(repo.path('.husky/pre-commit')).mode & 0o111).not.toBe(0);
    const gitignore = readFileSync(repo.path('.gitignore'), 'utf8').split('\n');
    expect(gitignore).toEqual(expect.arrayContaining(['.env', '.env.*', '!.env.example']));
    expect(result.stdout).toContain('package.json: created');
    expect(result.stdout).toContain('.husky/pre-commit: created');
    expect(result.stdout).toContain('.gitignore: added .env');
    expect(result.stdout).toMatch(/run `npm install`/);
  });

  it('changes nothing when run a second time', () => {
    const repo = createRepo();
    init(repo);
    const before = snapshot(repo.dir);
    const second = init(repo);
    expect(snapshot(repo.dir)).toEqual(before);
    expect(second.stdout).toContain('already set up: nothing changed');
  });

  it('activates the hook with husky when husky is installed, once', () => {
    const repo = createRepo();
    repo.write('package.json', JSON.stringify({ name: 'app', devDependencies: { husky: '^9.1.7', 'lint-staged': '^16.2.0' } }));
    linkWorkspaceTools(repo.dir);
    const first = init(repo);
    expect(first.stdout).toContain('activated husky');
    expect(repo.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
    expect(existsSync(repo.path('.husky/_/pre-commit'))).toBe(true);
    expect(init(repo).stdout).toContain('nothing changed');
  });

  it('with --dry-run prints the changes and writes nothing', () => {
    const repo = createRepo();
    repo.write('package.json', '{\n  "name": "app"\n}\n');
    const before = snapshot(repo.dir);
    const result = init(repo, ['--dry-run']);
    expect(snapshot(repo.dir)).toEqual(before);
    expect(result.stdout).toContain('--dry-run (nothing is written)');
    expect(result.stdout).toContain('would make these changes');
    expect(result.stdout).toContain('.husky/pre-commit: created');
    expect(repo.gitResult(['config', 'core.hooksPath']).stdout).toBe('');
  });

  it('refuses, changing nothing, when hooks in .git/hooks or another core.hooksPath would stop running', () => {
    const legacy = createRepo();
    legacy.write('.git/hooks/pre-commit', '#!/bin/sh\nnpm test\n');
    const before = snapshot(legacy.dir);
    const refused = runKeyguard(['init', '--no-install'], { cwd: legacy.dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('.git/hooks/pre-commit exists and would stop running once husky sets core.hooksPath; keyguard init changed nothing');
    expect(snapshot(legacy.dir)).toEqual(before);
    const custom = createRepo();
    custom.git('config', 'core.hooksPath', '.githooks');
    const other = runKeyguard(['init', '--no-install'], { cwd: custom.dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('core.hooksPath is .githooks: husky would replace it');
    expect(existsSync(custom.path('package.json'))).toBe(false);
    expect(custom.git('config', 'core.hooksPath').trim()).toBe('.githooks');
  });

  it('exits 2 outside a git repository', () => {
    const result = runKeyguard(['init', '--no-install'], { cwd: tempDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('git init');
  });
});

describe('keyguard init on a repo that already has husky and lint-staged', () => {
  function existingSetup(): TempRepo {
    const repo = createRepo();
    repo.write(
      'package.json',
      JSON.stringify(
        {
          name: 'app',
          scripts: { prepare: 'node scripts/setup.js', test: 'vitest' },
          devDependencies: { eslint: '^9.0.0', husky: '^9.0.0', 'lint-staged': '^15.0.0' },
          'lint-staged': { '*.css': 'stylelint --fix' },
        },
        null,
        '\t',
      ) + '\n',
    );
    repo.write('.husky/pre-commit', 'npm test\nnpx lint-staged\n');
    repo.write('.gitignore', 'node_modules\n.env\n');
    return repo;
  }

  it('keeps the existing hook lines and adds the keyguard scan once, first', () => {
    const repo = existingSetup();
    init(repo);
    expect(readFileSync(repo.path('.husky/pre-commit'), 'utf8')).toBe('keyguard scan --staged\nnpm test\nnpx lint-staged\n');
  });

  it('keeps existing lint-staged entries and the prepare script, adds ESLint and husky, keeps tab indentation', () => {
    const repo = existingSetup();
    init(repo, ['--eslint', 'all']);
    const pkg = manifest(repo);
    expect(pkg['lint-staged']).toEqual({ '*.css': 'stylelint --fix', '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}': 'eslint --no-warn-ignored' });
    expect(pkg.scripts).toEqual({ prepare: 'node scripts/setup.js && husky', test: 'vitest' });
    expect(pkg.devDependencies).toEqual({ eslint: '^9.0.0', husky: '^9.0.0', 'lint-staged': '^15.0.0' });
    expect(readFileSync(repo.path('package.json'), 'utf8')).toMatch(/^\{\n\t"name"/);
  });

  it('points at the ESLint plugin for the editor, unless the ESLint config already uses it', () => {
    const repo = existingSetup();
    repo.write('eslint.config.mjs', 'export default [];\n');
    expect(init(repo).stdout).toContain("note: ESLint in the editor: add @keyguard/eslint-plugin to devDependencies and `keyguard.configs.recommended` (import keyguard from '@keyguard/eslint-plugin') to eslint.config.mjs");
    repo.write('eslint.config.mjs', "import keyguard from '@keyguard/eslint-plugin';\nexport default [...keyguard.configs.recommended];\n");
    expect(init(repo).stdout).not.toContain('ESLint in the editor');
  });

  it('adds only the missing .gitignore lines', () => {
    const repo = existingSetup();
    init(repo);
    const lines = readFileSync(repo.path('.gitignore'), 'utf8').split('\n');
    expect(lines.filter((line) => line === '.env')).toHaveLength(1);
    expect(lines).toEqual(expect.arrayContaining(['node_modules', '.env.*', '!.env.example']));
  });

  it('gives ESLint 8 `eslint` without --no-warn-ignored (eslintrc mode rejects it), and refuses --eslint keyguard there', () => {
    const repo = existingSetup();
    const pkg = manifest(repo);
    pkg.devDependencies = { ...pkg.devDependencies, eslint: '^8.57.0', '@keyguard/eslint-plugin': '*' };
    repo.write('package.json', JSON.stringify(pkg, null, 2));
    init(repo, ['--eslint', 'all']);
    expect(manifest(repo)['lint-staged']).toEqual({ '*.css': 'stylelint --fix', '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}': 'eslint' });
    const refused = runKeyguard(['init', '--no-install', '--eslint', 'keyguard'], { cwd: repo.dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--eslint keyguard needs ESLint 9 or later (this project has ESLint 8)');
  });

  it('adds no ESLint step when ESLint is not installed yet and @keyguard/eslint-plugin is missing, and says how to get one', () => {
    const repo = existingSetup();
    const result = init(repo);
    expect(result.stdout).toContain('ESLint in the hook: none, because ESLint could not check the code (ESLint is not installed in node_modules yet)');
    expect(result.stdout).toContain('keyguard init --eslint keyguard');
    expect(manifest(repo)['lint-staged']).toEqual({ '*.css': 'stylelint --fix' });
    expect(readFileSync(repo.path('.husky/pre-commit'), 'utf8')).toBe('keyguard scan --staged\nnpm test\nnpx lint-staged\n');
  });

  it('changes nothing when run a second time', () => {
    const repo = existingSetup();
    init(repo);
    const before = snapshot(repo.dir);
    expect(init(repo).stdout).toContain('nothing changed');
    expect(snapshot(repo.dir)).toEqual(before);
  });

  it('does not add the scan again when the hook already runs it', () => {
    const repo = existingSetup();
    repo.write('.husky/pre-commit', 'npx keyguard scan --staged\nnpm test\n');
    const result = init(repo);
    // The hook never ran lint-staged: keyguard does not start running it (and ESLint) on every commit.
    expect(readFileSync(repo.path('.husky/pre-commit'), 'utf8')).toBe('npx keyguard scan --staged\nnpm test\n');
    expect(result.stdout).toContain('.husky/pre-commit does not run lint-staged, so keyguard added only its scan there');
    expect(manifest(repo)['lint-staged']).toEqual({ '*.css': 'stylelint --fix' });
  });
});

describe('keyguard init on a pnpm monorepo', () => {
  function monorepo(): TempRepo {
    const repo = createRepo();
    repo.write('package.json', JSON.stringify({ name: 'mono', private: true, packageManager: 'pnpm@10.34.9', devDependencies: { eslint: '^9.0.0' } }, null, 2));
    repo.write('pnpm-workspace.yaml', "packages:\n  - 'packages/*'\n");
    repo.write('pnpm-lock.yaml', "lockfileVersion: '9.0'\n");
    repo.write('packages/web/package.json', JSON.stringify({ name: 'web', 'lint-staged': { '*.ts': 'eslint' } }, null, 2));
    repo.write('packages/api/package.json', JSON.stringify({ name: 'api' }, null, 2));
    repo.write('packages/api/.lintstagedrc.json', '{ "*.ts": "tsc --noEmit" }\n');
    return repo;
  }

  it('writes one config at the repo root, even when run from a package', () => {
    const repo = monorepo();
    const webBefore = readFileSync(repo.path('packages/web/package.json'), 'utf8');
    const result = init(repo, ['--eslint', 'all'], repo.path('packages/web'));
    expect(result.stdout).toContain('pnpm (packageManager "pnpm@10.34.9" in package.json), workspace root');
    expect(readFileSync(repo.path('packages/web/package.json'), 'utf8')).toBe(webBefore);
    expect(manifest(repo)).toMatchObject({
      scripts: { prepare: 'husky' },
      'lint-staged': { '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}': 'eslint --no-warn-ignored' },
    });
    expect(existsSync(repo.path('.husky/pre-commit'))).toBe(true);
    expect(existsSync(repo.path('packages/web/.husky'))).toBe(false);
  });

  it('warns about package-level lint-staged configs', () => {
    const repo = monorepo();
    const result = init(repo);
    expect(result.stdout).toContain('warning: packages/api/.lintstagedrc.json');
    expect(result.stdout).toContain('warning: packages/web/package.json#lint-staged');
  });

  it('changes nothing when run a second time', () => {
    const repo = monorepo();
    init(repo);
    const before = snapshot(repo.dir);
    expect(init(repo).stdout).toContain('nothing changed');
    expect(snapshot(repo.dir)).toEqual(before);
  });

  it('plans the install with the workspace root flag of pnpm', () => {
    const repo = monorepo();
    const result = runKeyguard(['init', '--dry-run', '--eslint', 'all'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/install: (pnpm|npx -y pnpm@10\.34\.9) add -D -w 'husky@\^9\.1\.7' 'lint-staged@\^1[67]\.0\.0'/);
  });
});
