import { describe, expect, it } from 'vitest';
import { eslintTaskFor, isInitEslintTask, keyguardEslintConfig, keyguardEslintConfigFor } from '../src/init/eslint.js';
import { editGitignore, editLintStagedConfig, editPackageJson, editPreCommitHook, eslintGlobFor, lintedComponents, lintStagedRange } from '../src/init/edits.js';
import { addDevCommand, detectPackageManager, packageManagerCommand } from '../src/init/package-manager.js';

describe('editPreCommitHook', () => {
  it('creates the hook with the scan, and lint-staged when configured', () => {
    expect(editPreCommitHook(undefined, false).value).toBe('keyguard scan --staged\n');
    expect(editPreCommitHook(undefined, true).value).toBe('keyguard scan --staged\nlint-staged\n');
  });

  it('keeps existing lines (and a shebang first), adding the scan once', () => {
    const first = editPreCommitHook('#!/usr/bin/env sh\nnpm test\n', false);
    expect(first.value).toBe('#!/usr/bin/env sh\nkeyguard scan --staged\nnpm test\n');
    expect(editPreCommitHook(first.value, false)).toEqual({ value: first.value, changes: [] });
  });

  it('puts the scan after a husky 4–8 preamble', () => {
    const legacy = '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\nnpx lint-staged\n';
    expect(editPreCommitHook(legacy, true).value).toBe('#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\nkeyguard scan --staged\nnpx lint-staged\n');
    expect(editPreCommitHook('# only a comment\n', false).value).toBe('# only a comment\nkeyguard scan --staged\n');
  });

  it('recognises the scan and lint-staged however they are invoked, but not in comments', () => {
    expect(editPreCommitHook('pnpm exec keyguard scan --staged\nnpx lint-staged\n', true).changes).toEqual([]);
    expect(editPreCommitHook('# keyguard scan --staged\n', false).changes).toEqual(['added `keyguard scan --staged`']);
  });
});

describe('editGitignore', () => {
  it('adds the missing env lines under a comment, once', () => {
    const first = editGitignore('node_modules\n.env');
    expect(first.value).toBe(
      'node_modules\n.env\n\n# keyguard: env files hold secrets and must not be committed (templates may)\n.env.*\n!.env.example\n!.env.sample\n!.env.template\n',
    );
    expect(editGitignore(first.value).changes).toEqual([]);
  });
});

describe('editLintStagedConfig', () => {
  it('adds the ESLint entry next to existing entries, unless one already runs ESLint', () => {
    expect(editLintStagedConfig({ '*.css': 'stylelint' }).value).toEqual({
      '*.css': 'stylelint',
      '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}': 'eslint --no-warn-ignored',
    });
    expect(editLintStagedConfig({ '*.ts': ['eslint --fix', 'prettier --write'] }).changes).toEqual([]);
  });

  it("replaces only init's own entry when asked (--eslint keyguard ↔ all), never the user's", () => {
    const glob = '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}';
    const keyguardTask = eslintTaskFor('keyguard')!;
    const replace = { isOwn: isInitEslintTask };
    expect(editLintStagedConfig({ [glob]: 'eslint --no-warn-ignored' }, keyguardTask, replace).value).toEqual({ [glob]: keyguardTask });
    expect(editLintStagedConfig({ [glob]: keyguardTask }, 'eslint --no-warn-ignored', replace).value).toEqual({ [glob]: 'eslint --no-warn-ignored' });
    expect(editLintStagedConfig({ [glob]: 'eslint --fix' }, keyguardTask, replace).changes).toEqual([]);
    expect(editLintStagedConfig({ [glob]: 'eslint --no-warn-ignored' }, keyguardTask).changes).toEqual([]);
    expect(eslintTaskFor('all', 8)).toBe('eslint');
    expect(eslintTaskFor('none')).toBeUndefined();
  });
});

describe('component files in the ESLint entry', () => {
  it('adds .vue, .svelte, .astro for the ESLint plugins that read them, and nothing for the frameworks alone', () => {
    const components = (deps: Record<string, string>) => lintedComponents({ devDependencies: deps });
    expect(components({ vue: '^3', svelte: '^5', astro: '^5', eslint: '^9' })).toEqual([]);
    expect(eslintGlobFor(components({ vue: '^3', eslint: '^9' }))).toBe('*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}');
    expect(eslintGlobFor(components({ 'eslint-plugin-vue': '^10' }))).toBe('*.{js,jsx,mjs,cjs,ts,tsx,mts,cts,vue}');
    expect(eslintGlobFor(components({ '@nuxt/eslint': '^1' }))).toBe('*.{js,jsx,mjs,cjs,ts,tsx,mts,cts,vue}');
    expect(eslintGlobFor(components({ 'eslint-plugin-astro': '^1', 'eslint-plugin-svelte': '^3' }))).toBe('*.{js,jsx,mjs,cjs,ts,tsx,mts,cts,svelte,astro}');
    const glob = eslintGlobFor(['astro']);
    expect(editLintStagedConfig({}, 'eslint --no-warn-ignored', undefined, glob).value).toEqual({ [glob]: 'eslint --no-warn-ignored' });
  });

  it("keyguard's own config parses components through the framework plugin, and is unchanged without them", () => {
    expect(keyguardEslintConfigFor([])).toBe(keyguardEslintConfig);
    const config = keyguardEslintConfigFor(['svelte', 'astro'], 'typescript-eslint');
    expect(config).toContain("import svelte from 'eslint-plugin-svelte';\nimport astro from 'eslint-plugin-astro';\nimport tseslint from 'typescript-eslint';");
    expect(config).toContain("  { files: ['**/*.svelte', '**/*.astro'], languageOptions: { parserOptions: { parser: tseslint.parser } } },\n  ...keyguard.configs.recommended,\n];\n");
    expect(keyguardEslintConfigFor(['vue'])).not.toContain('parserOptions');
  });
});

describe('editPackageJson', () => {
  it('adds or extends the prepare script and keeps the rest', () => {
    expect(editPackageJson({ name: 'a' }, { addDependencies: [] }).value).toEqual({ name: 'a', scripts: { prepare: 'husky' } });
    expect(editPackageJson({ scripts: { prepare: 'tsc' } }, { addDependencies: [] }).value).toEqual({ scripts: { prepare: 'tsc && husky' } });
    expect(editPackageJson({ scripts: { prepare: 'husky && tsc' } }, { addDependencies: [] }).changes).toEqual([]);
  });

  it('with --no-install writes the dev dependencies, sorted', () => {
    const { value } = editPackageJson({ devDependencies: { zod: '1', eslint: '9' } }, { addDependencies: ['lint-staged', 'husky'] });
    expect(Object.keys(value.devDependencies as object)).toEqual(['eslint', 'husky', 'lint-staged', 'zod']);
  });
});

describe('package managers', () => {
  it('prefers the packageManager field, then the lockfile', () => {
    expect(detectPackageManager('/nonexistent', { packageManager: 'yarn@4.1.0' })).toEqual({
      name: 'yarn',
      evidence: 'packageManager "yarn@4.1.0" in package.json',
      yarnBerry: true,
      pnp: true,
      version: '4.1.0',
    });
    expect(detectPackageManager('/nonexistent', { packageManager: 'yarn@1.22.22' }).yarnBerry).toBe(false);
    expect(detectPackageManager('/nonexistent', {}).name).toBe('npm');
  });

  it('adds dev dependencies at a workspace root with each manager', () => {
    expect(addDevCommand({ name: 'pnpm', evidence: '' }, ['husky'], true)).toEqual(['pnpm', ['add', '-D', '-w', 'husky']]);
    expect(addDevCommand({ name: 'yarn', evidence: '' }, ['husky'], true)).toEqual(['yarn', ['add', '-D', '-W', 'husky']]);
    expect(addDevCommand({ name: 'yarn', evidence: '', yarnBerry: true }, ['husky'], true)).toEqual(['yarn', ['add', '-D', 'husky']]);
    expect(addDevCommand({ name: 'npm', evidence: '' }, ['husky'], false)).toEqual(['npm', ['install', '--save-dev', 'husky']]);
    expect(addDevCommand({ name: 'bun', evidence: '' }, ['husky'], false)).toEqual(['bun', ['add', '-d', 'husky']]);
  });
});

describe('what init installs and writes for each setup', () => {
  it('pins lint-staged to the major that runs on this Node (17 needs 22.22.1+)', () => {
    expect(lintStagedRange('20.19.0')).toBe('^16.0.0');
    expect(lintStagedRange('22.22.0')).toBe('^16.0.0');
    expect(lintStagedRange('22.22.1')).toBe('^17.0.0');
    expect(lintStagedRange('24.1.0')).toBe('^17.0.0');
  });

  it('writes hooks that find keyguard on husky 8, Yarn PnP and in a sub-folder project', () => {
    expect(editPreCommitHook(undefined, true, { run: 'npx --no-install ', husky8: true, projectDir: '' }).value).toBe(
      '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\nnpx --no-install keyguard scan --staged\nnpx --no-install lint-staged\n',
    );
    expect(editPreCommitHook(undefined, false, { run: 'yarn ', husky8: false, projectDir: '' }).value).toBe('yarn keyguard scan --staged\n');
    const nested = editPreCommitHook(undefined, true, { run: '', husky8: false, projectDir: 'apps/web' });
    expect(nested.value).toBe('cd apps/web\nkeyguard scan --staged\nlint-staged\n');
    expect(editPreCommitHook(nested.value, true, { run: '', husky8: false, projectDir: 'apps/web' }).changes).toEqual([]);
  });

  it('runs activation from postinstall on Yarn 2+, prepare elsewhere', () => {
    const edit = editPackageJson({}, { addDependencies: [], script: { name: 'postinstall', command: 'husky' } });
    expect(edit.value.scripts).toEqual({ postinstall: 'husky' });
  });

  it('runs a package manager that is not on PATH through npx, at the pinned version', () => {
    expect(packageManagerCommand({ name: 'pnpm', evidence: '', version: '10.34.9' }, '')).toEqual(['npx', '-y', 'pnpm@10.34.9']);
    expect(packageManagerCommand({ name: 'yarn', evidence: '', yarnBerry: true }, '')).toEqual(['npx', '-y', '-p', '@yarnpkg/cli-dist@4', 'yarn']);
    expect(packageManagerCommand({ name: 'yarn', evidence: '' }, '')).toEqual(['npx', '-y', 'yarn@1']);
    expect(packageManagerCommand({ name: 'npm', evidence: '' }, '')).toEqual(['npm']);
  });
});
