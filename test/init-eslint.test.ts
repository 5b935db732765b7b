/**
 * `keyguard init` and the ESLint errors a codebase already has: with real npm, ESLint 9, husky
 * and lint-staged installed into a fresh project, and real `git commit`s. By default init runs
 * the project's ESLint on the tracked files the hook would lint: errors → the hook lints with
 * keyguard's rules only (a commit touching an old error passes, a keyguard problem is still
 * blocked); no errors → the project's full config; `--eslint keyguard|all|none` chooses.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers/cli.js';
import { createRepo, removeTempDirs, tempDir, type TempRepo } from './helpers/git.js';
import { managerEnv, packAll } from './helpers/package-managers.js';

const INSTALL_TIMEOUT = 300_000;
const env = managerEnv('npm');
afterAll(() => removeTempDirs());

/** One npm install (ESLint 9, the two tarballs, husky, lint-staged), copied into each repo. */
let template: string;
beforeAll(() => {
  template = tempDir('keyguard-eslint-template-');
  writeFileSync(join(template, 'package.json'), `${JSON.stringify({ name: 'app', private: true, type: 'module' }, null, 2)}\n`);
  const packed = `${packAll()}/packed`;
  const result = run(
    'npm',
    ['install', '--loglevel=error', '--save-dev', 'eslint@^9.15.0', '@eslint/js@^9.15.0', 'husky@^9.1.7', 'lint-staged@^16.0.0', `${packed}/keyguard-cli.tgz`, `${packed}/keyguard-eslint-plugin.tgz`],
    { cwd: template, env },
  );
  if (result.code !== 0) throw new Error(`npm install failed:\n${result.stderr}`);
  // in node_modules but not in package.json: the Vue projects below list it, the others do not
  const vue = run('npm', ['install', '--loglevel=error', '--no-save', 'eslint-plugin-vue@10.12.1'], { cwd: template, env });
  if (vue.code !== 0) throw new Error(`npm install failed:\n${vue.stderr}`);
}, INSTALL_TIMEOUT);

const oldError = 'export function total() {\n  return undefinedThing + 1;\n}\n';
const recommendedConfig = "import js from '@eslint/js';\nexport default [js.configs.recommended];\n";
/** A keyguard ESLint problem the staged scan does not see: a secret behind a public prefix. */
const publicSecret = 'export const key = process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY;\n';

function project(files: Record<string, string>, edit?: (manifest: Record<string, unknown>) => void): TempRepo {
  const repo = createRepo('keyguard-init-eslint-');
  cpSync(template, repo.dir, { recursive: true });
  if (edit) {
    const manifest = JSON.parse(readFileSync(repo.path('package.json'), 'utf8')) as Record<string, unknown>;
    edit(manifest);
    writeFileSync(repo.path('package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  repo.write('.gitignore', 'node_modules/\n');
  for (const [file, content] of Object.entries(files)) repo.write(file, content);
  repo.commitAll('the app');
  return repo;
}

function init(repo: TempRepo, args: string[] = []) {
  return run('npx', ['--no-install', 'keyguard', 'init', ...args], { cwd: repo.dir, env });
}

function commit(repo: TempRepo, files: Record<string, string>) {
  repo.stage(files);
  const result = repo.gitResult(['commit', '-m', 'change'], { env });
  return { code: result.code, output: result.stdout + result.stderr };
}

function lintStaged(repo: TempRepo): unknown {
  return (JSON.parse(readFileSync(repo.path('package.json'), 'utf8')) as Record<string, unknown>)['lint-staged'];
}

describe('a project whose code already has ESLint errors', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = project({ 'eslint.config.js': recommendedConfig, 'src/old.js': oldError, 'src/ok.js': 'export const ok = 1;\n' });
  });

  it("gets keyguard's rules only in the hook by default, and says why", () => {
    const result = init(repo);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("ESLint in the hook: keyguard's rules only (keyguard.eslint.config.mjs), because your ESLint config reports 1 error in 1 file today (src/old.js)");
    expect(result.stdout).toContain('keyguard init --eslint all');
    expect(lintStaged(repo)).toEqual({ '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}': 'eslint --no-warn-ignored --config keyguard.eslint.config.mjs' });
    expect(readFileSync(repo.path('keyguard.eslint.config.mjs'), 'utf8')).toContain('export default [...keyguard.configs.recommended];');
    expect(readFileSync(repo.path('.husky/pre-commit'), 'utf8')).toBe('keyguard scan --staged\nlint-staged\n');
    repo.commitAll('keyguard');
  });

  it('lets a commit that touches the file with the old error through, and blocks a keyguard problem through ESLint', () => {
    const touched = commit(repo, { 'src/old.js': `${oldError}// touched\n` });
    expect(touched.code, touched.output).toBe(0);
    const blocked = commit(repo, { 'src/config.js': publicSecret });
    expect(blocked.code, blocked.output).not.toBe(0);
    expect(blocked.output).toContain('@keyguard/no-public-secret-env');
    repo.git('reset', '-q', '--hard', 'HEAD');
  });

  it('switches to the full config with --eslint all, and then the old error blocks a commit that touches it', () => {
    const result = init(repo, ['--eslint', 'all']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(lintStaged(repo)).toEqual({ '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}': 'eslint --no-warn-ignored' });
    repo.commitAll('full eslint');
    const blocked = commit(repo, { 'src/old.js': `${oldError}// touched again\n` });
    expect(blocked.code, blocked.output).not.toBe(0);
    expect(blocked.output).toContain("'undefinedThing' is not defined");
  });
});

describe('the other choices', () => {
  it('uses the full ESLint config when the code has no errors', () => {
    const repo = project({ 'eslint.config.js': recommendedConfig, 'src/ok.js': 'export const ok = 1;\n' });
    const result = init(repo);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('ESLint in the hook: your ESLint config on the staged files — it reports no errors on the 2 tracked files it would lint today');
    expect(lintStaged(repo)).toEqual({ '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}': 'eslint --no-warn-ignored' });
    expect(existsSync(repo.path('keyguard.eslint.config.mjs'))).toBe(false);
  });

  it("uses keyguard's rules when the project's ESLint cannot run, and the hook still passes clean commits", () => {
    const repo = project({ 'eslint.config.js': "throw new Error('config under construction');\n", 'src/ok.js': 'export const ok = 1;\n' });
    const result = init(repo);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('because ESLint could not check the code (Error: config under construction)');
    expect(lintStaged(repo)).toEqual({ '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}': 'eslint --no-warn-ignored --config keyguard.eslint.config.mjs' });
    repo.commitAll('keyguard');
    expect(commit(repo, { 'src/ok.js': 'export const ok = 2;\n' }).code).toBe(0);
  });

  it('adds no ESLint step with --eslint none', () => {
    const repo = project({ 'eslint.config.js': recommendedConfig, 'src/old.js': oldError });
    const result = init(repo, ['--eslint', 'none']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(lintStaged(repo)).toBeUndefined();
    expect(readFileSync(repo.path('.husky/pre-commit'), 'utf8')).toBe('keyguard scan --staged\n');
    repo.commitAll('keyguard');
    expect(commit(repo, { 'src/old.js': `${oldError}// touched\n` }).code).toBe(0);
  });

  it('refuses --eslint keyguard without @keyguard/eslint-plugin, changing nothing; by default it adds no ESLint step then', () => {
    const repo = project({ 'eslint.config.js': recommendedConfig, 'src/old.js': oldError }, (manifest) => {
      delete (manifest.devDependencies as Record<string, string>)['@keyguard/eslint-plugin'];
    });
    const before = readFileSync(repo.path('package.json'), 'utf8');
    const refused = init(repo, ['--eslint', 'keyguard']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--eslint keyguard needs @keyguard/eslint-plugin in devDependencies; keyguard init changed nothing');
    expect(readFileSync(repo.path('package.json'), 'utf8')).toBe(before);
    expect(existsSync(repo.path('.husky'))).toBe(false);

    const result = init(repo);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('ESLint in the hook: none, because your ESLint config reports 1 error');
    expect(lintStaged(repo)).toBeUndefined();
  });
});

describe('a Vue project: the hook hands .vue files to ESLint where it can parse them', () => {
  const vueConfig =
    "import js from '@eslint/js';\nimport vue from 'eslint-plugin-vue';\nimport keyguard from '@keyguard/eslint-plugin';\n" +
    "export default [js.configs.recommended, ...vue.configs['flat/base'], ...keyguard.configs.recommended];\n";
  const component = (value: string) => `<script>\nexport default { data: () => ({ greeting: ${value} }) };\n</script>\n<template><p>{{ greeting }}</p></template>\n`;
  const clean = component("'hi'");
  /** A keyguard problem only ESLint sees in a component: a secret behind a public prefix. */
  const leaky = component('import.meta.env.VITE_STRIPE_SECRET_KEY');
  const withVuePlugin = (manifest: Record<string, unknown>) => {
    (manifest.devDependencies as Record<string, string>)['eslint-plugin-vue'] = '10.12.1';
  };

  it("with the project's config: .vue is in the glob, and a problem in a component blocks the commit", () => {
    const repo = project({ 'eslint.config.js': vueConfig, 'src/App.vue': clean }, withVuePlugin);
    const result = init(repo);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('it reports no errors on the 2 tracked files it would lint today');
    expect(lintStaged(repo)).toEqual({ '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts,vue}': 'eslint --no-warn-ignored' });
    repo.commitAll('keyguard');
    expect(commit(repo, { 'src/App.vue': component("'hello'") }).code).toBe(0);
    const blocked = commit(repo, { 'src/App.vue': leaky });
    expect(blocked.code).not.toBe(0);
    expect(blocked.output).toContain('@keyguard/no-public-secret-env');
  });

  it("with keyguard's rules only: keyguard.eslint.config.mjs parses .vue through eslint-plugin-vue", () => {
    const repo = project({ 'eslint.config.js': vueConfig, 'src/old.js': oldError, 'src/App.vue': clean }, withVuePlugin);
    const result = init(repo);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(lintStaged(repo)).toEqual({ '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts,vue}': 'eslint --no-warn-ignored --config keyguard.eslint.config.mjs' });
    expect(readFileSync(repo.path('keyguard.eslint.config.mjs'), 'utf8')).toContain("import vue from 'eslint-plugin-vue';");
    repo.commitAll('keyguard');
    expect(commit(repo, { 'src/App.vue': component("'hello'") }).code).toBe(0);
    const blocked = commit(repo, { 'src/App.vue': leaky });
    expect(blocked.code).not.toBe(0);
    expect(blocked.output).toContain('@keyguard/no-public-secret-env');
  });

  it('without eslint-plugin-vue: JS and TS only, as before, so a component never fails a commit on a parsing error', () => {
    const repo = project({ 'eslint.config.js': recommendedConfig, 'src/old.js': oldError, 'src/App.vue': clean });
    const result = init(repo);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(lintStaged(repo)).toEqual({ '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}': 'eslint --no-warn-ignored --config keyguard.eslint.config.mjs' });
    expect(readFileSync(repo.path('keyguard.eslint.config.mjs'), 'utf8')).not.toContain('eslint-plugin-vue');
    repo.commitAll('keyguard');
    expect(commit(repo, { 'src/App.vue': leaky }).code).toBe(0);
  });
});
