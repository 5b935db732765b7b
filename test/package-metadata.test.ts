/**
 * What a user sees of the packages before running them: metadata that points at this repo,
 * rule documentation links that resolve to files in it, one rule count in every document,
 * and docs that stand on their own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from './helpers/cli.js';

interface Manifest {
  name: string;
  repository?: { type: string; url: string; directory: string };
  homepage?: string;
  bugs?: { url: string };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  files?: string[];
}
const packages = ['packages/core', 'packages/cli', 'packages/eslint-plugin'];
const manifest = (dir: string) => JSON.parse(readFileSync(join(workspaceRoot, dir, 'package.json'), 'utf8')) as Manifest;
const repositoryUrl = 'https://github.com/keyguard/keyguard';

describe('package metadata', () => {
  it.each(packages)('%s names the repository, its folder, a homepage and where to file bugs', (dir) => {
    const pkg = manifest(dir);
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${repositoryUrl}.git`, directory: dir });
    expect(pkg.homepage).toBe(`${repositoryUrl}/tree/main/${dir}#readme`);
    expect(pkg.bugs?.url).toBe(`${repositoryUrl}/issues`);
    expect(existsSync(join(workspaceRoot, dir, 'README.md'))).toBe(true);
  });

  it('the packages a user installs depend on nothing unpublished: the engine is bundled in', () => {
    for (const dir of ['packages/cli', 'packages/eslint-plugin']) {
      const pkg = manifest(dir);
      expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
      expect(JSON.stringify(pkg.peerDependencies ?? {})).not.toContain('@keyguard/');
    }
    expect(Object.keys(manifest('packages/eslint-plugin').peerDependencies ?? {}).sort()).toEqual(['@typescript-eslint/parser', 'eslint']);
  });

  it('every rule docs.url points at a doc page that exists in this repo', async () => {
    const plugin = (await import(pathToFileURL(join(workspaceRoot, 'packages/eslint-plugin/dist/index.js')).href)) as {
      default: { rules: Record<string, { meta: { docs?: { url?: string } } }> };
    };
    const prefix = `${repositoryUrl}/blob/main/`;
    const rules = Object.entries(plugin.default.rules);
    expect(rules.length).toBeGreaterThan(0);
    for (const [name, rule] of rules) {
      const url = rule.meta.docs?.url ?? '';
      expect(url.startsWith(prefix), `${name}: ${url}`).toBe(true);
      expect(existsSync(join(workspaceRoot, url.slice(prefix.length))), `${name}: ${url}`).toBe(true);
    }
  });
});

describe('the docs', () => {
  const documents = [
    'README.md',
    ...packages.map((dir) => `${dir}/README.md`),
    ...readdirSync(join(workspaceRoot, 'docs')).map((file) => `docs/${file}`),
    ...readdirSync(join(workspaceRoot, 'packages/eslint-plugin/docs/rules')).map((file) => `packages/eslint-plugin/docs/rules/${file}`),
  ];

  it('give one rule count, the catalog size (pnpm build rewrites it: node scripts/rule-count.mjs)', async () => {
    const core = (await import(pathToFileURL(join(workspaceRoot, 'packages/core/dist/index.js')).href)) as { rules: unknown[] };
    const check = spawnSync(process.execPath, [join(workspaceRoot, 'scripts/rule-count.mjs'), '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const counts = new Set(documents.flatMap((file) => [...readFileSync(join(workspaceRoot, file), 'utf8').matchAll(/\b(\d+)\+? key shapes\b/g)].map((m) => m[1])));
    expect([...counts]).toEqual([String(core.rules.length)]);
  });

  it('a user reads stand on their own: no design notes or issue numbers from outside the repo', () => {
    const userFacing = documents.filter((file) => !/^docs\/(decisions|benchmarks)\.md$/.test(file));
    for (const file of userFacing) {
      const text = readFileSync(join(workspaceRoot, file), 'utf8');
      expect(text, file).not.toMatch(/DESIGN\.md|\.\.\/shared\/|DESIGN §|\bissues? #?\d+/);
    }
  });
});
