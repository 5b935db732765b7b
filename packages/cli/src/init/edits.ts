/**
 * The pure edits `keyguard init` makes: each takes the current content and returns the new
 * content plus what it changed, so running init twice changes nothing the second time.
 */

export interface Edit<T> {
  value: T;
  changes: string[];
}

export const keyguardHookLine = 'keyguard scan --staged';
export const lintStagedHookLine = 'lint-staged';

export interface HookStyle {
  /** How the hook starts a project binary: '' (husky 9 puts node_modules/.bin on PATH), 'npx --no-install ', 'yarn '. */
  run: string;
  /** husky 4–8: a new hook sources husky.sh first. */
  husky8: boolean;
  /** The JS project's folder relative to the repo root, when it is not the root ('' otherwise). */
  projectDir: string;
  /**
   * How the hook starts keyguard when that differs from `run`: the path of the bin of the
   * workspace package that has @keyguard/cli (pnpm links bins per package, not at the root).
   */
  keyguardBin?: string;
}

const husky8Preamble = ['#!/usr/bin/env sh', '. "$(dirname -- "$0")/_/husky.sh"', ''];

/**
 * `.husky/pre-commit`: keeps every existing line, adds the keyguard scan (first) and, when asked,
 * lint-staged once; a project in a sub-folder gets a `cd` to it first (husky runs hooks at the
 * repo root).
 */
export function editPreCommitHook(current: string | undefined, withLintStaged: boolean, style: HookStyle = { run: '', husky8: false, projectDir: '' }): Edit<string> {
  const changes: string[] = [];
  const lines = current === undefined || current === '' ? (style.husky8 ? [...husky8Preamble] : []) : current.replace(/\n$/, '').split('\n');
  const has = (pattern: RegExp) => lines.some((line) => !line.trimStart().startsWith('#') && pattern.test(line));
  // After the preamble (shebang, comments, husky 4–8's `. "$(dirname -- "$0")/_/husky.sh"`).
  const preamble = (line: string) => line.trim() === '' || line.startsWith('#') || line.includes('husky.sh');
  const firstCommand = () => {
    const at = lines.findIndex((line) => !preamble(line));
    return at < 0 ? lines.length : at;
  };
  const cdLine = `cd ${style.projectDir}`;
  if (style.projectDir !== '' && !has(new RegExp(`^\\s*cd\\s+["']?(\\./)?${style.projectDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/?["']?\\s*$`))) {
    lines.splice(firstCommand(), 0, cdLine);
    changes.push(`added \`${cdLine}\` (husky runs hooks at the repo root)`);
  }
  if (!has(/\bkeyguard(\.js)?\s+scan\b.*--staged/)) {
    // First of the commands (after the cd), before slower tools: it needs no stash and blocks early.
    const at = firstCommand();
    const afterCd = lines[at] === cdLine ? at + 1 : at;
    const line = style.keyguardBin === undefined ? `${style.run}${keyguardHookLine}` : `${style.keyguardBin} ${keyguardHookLine.replace(/^keyguard /, '')}`;
    lines.splice(afterCd, 0, line);
    changes.push(`added \`${line}\``);
  }
  if (withLintStaged && !has(/\blint-staged\b/)) {
    const line = `${style.run}${lintStagedHookLine}`;
    lines.push(line);
    changes.push(`added \`${line}\``);
  }
  return { value: `${lines.join('\n')}\n`, changes };
}

/** Whether an existing hook already runs lint-staged (then keyguard may add its ESLint entry). */
export function hookRunsLintStaged(hook: string): boolean {
  return hook.split('\n').some((line) => !line.trimStart().startsWith('#') && /\blint-staged\b/.test(line));
}

export const gitignoreLines = ['.env', '.env.*', '!.env.example', '!.env.sample', '!.env.template'];

/** `.gitignore`: adds the env-file lines that are missing, under one comment. */
export function editGitignore(current: string | undefined): Edit<string> {
  const existing = new Set((current ?? '').split(/\r?\n/).map((line) => line.trim()));
  const missing = gitignoreLines.filter((line) => !existing.has(line));
  if (missing.length === 0) return { value: current ?? '', changes: [] };
  let value = current ?? '';
  if (value !== '' && !value.endsWith('\n')) value += '\n';
  if (value !== '') value += '\n';
  value += `# keyguard: env files hold secrets and must not be committed (templates may)\n${missing.join('\n')}\n`;
  return { value, changes: [`added ${missing.join(', ')}`] };
}

export const eslintGlob = '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}';
export const eslintTask = 'eslint --no-warn-ignored';

/** A component format ESLint reads only through its framework's plugin (parser, processor). */
export type ComponentKind = 'vue' | 'svelte' | 'astro';

/**
 * The packages that make a project's ESLint read a component format: the framework's plugin, or a
 * shared config that sets it up (Nuxt's). Without one, ESLint cannot parse the files, and handing
 * them over would fail every commit that stages one.
 */
export const componentLintPackages: Record<ComponentKind, readonly string[]> = {
  vue: ['eslint-plugin-vue', '@nuxt/eslint', '@nuxt/eslint-config'],
  svelte: ['eslint-plugin-svelte'],
  astro: ['eslint-plugin-astro'],
};

/** The component formats this project's ESLint can read, by its package.json (in a fixed order). */
export function lintedComponents(manifest: Record<string, unknown>): ComponentKind[] {
  return (Object.keys(componentLintPackages) as ComponentKind[]).filter((kind) => componentLintPackages[kind].some((name) => dependsOn(manifest, name)));
}

/**
 * The lint-staged glob of init's ESLint entry: JS and TS files, and the component files the
 * project's ESLint can read (`*.{js,…,cts,vue}`); exactly `eslintGlob` when there are none.
 */
export function eslintGlobFor(components: readonly ComponentKind[]): string {
  return components.length === 0 ? eslintGlob : eslintGlob.replace(/\}$/, `,${components.join(',')}}`);
}

/**
 * The lint-staged config object: adds the ESLint entry unless some entry already runs ESLint.
 * `replace` is for init's own earlier entry (`--eslint keyguard` ↔ `all`): an entry at
 * `eslintGlob` that `isOwn` recognises is replaced by `task`; any other ESLint entry is kept.
 */
export function editLintStagedConfig(
  current: Record<string, unknown> | undefined,
  task: string = eslintTask,
  replace?: { isOwn: (task: unknown) => boolean },
  glob: string = eslintGlob,
): Edit<Record<string, unknown>> {
  const config = { ...(current ?? {}) };
  if (replace !== undefined && replace.isOwn(config[glob]) && config[glob] !== task) {
    const before = JSON.stringify(config[glob]);
    config[glob] = task;
    return { value: config, changes: [`"${glob}": ${before} → "${task}"`] };
  }
  const runsEslint = Object.values(config).some((entry) => JSON.stringify(entry).includes('eslint'));
  if (runsEslint) return { value: config, changes: [] };
  if (glob in config) return { value: config, changes: [] };
  config[glob] = task;
  return { value: config, changes: [`added "${glob}": "${task}"`] };
}

/** lint-staged 17 needs Node 22.22.1+; keyguard supports 20.19, where ^16 is the one that runs. */
export function lintStagedRange(nodeVersion: string = process.versions.node): string {
  const [major = 0, minor = 0, patch = 0] = nodeVersion.split('.').map(Number);
  const atLeast = major > 22 || (major === 22 && (minor > 22 || (minor === 22 && patch >= 1)));
  return atLeast ? '^17.0.0' : '^16.0.0';
}

export const devDependencyVersions: Record<string, string> = { husky: '^9.1.7', 'lint-staged': lintStagedRange() };

export interface ScriptPlan {
  /** 'prepare' (npm, pnpm, Yarn 1) or 'postinstall' (Yarn 2+, which never runs prepare). */
  name: 'prepare' | 'postinstall';
  /** The command that activates husky, e.g. `husky`, `husky install`, `cd .. && husky app/.husky`. */
  command: string;
}

/** package.json: the script that activates husky; with --no-install also the dev dependencies themselves. */
export function editPackageJson(
  manifest: Record<string, unknown>,
  options: {
    addDependencies: string[];
    lintStaged?: Record<string, unknown>;
    /** The ESLint task to add to lint-staged, and whether init's own earlier entry is replaced. */
    lintStagedTask?: string;
    replaceOwnTask?: { isOwn: (task: unknown) => boolean };
    /** The entry's glob (`eslintGlobFor`); default `eslintGlob`. */
    lintStagedGlob?: string;
    script?: ScriptPlan;
  },
): Edit<Record<string, unknown>> {
  const changes: string[] = [];
  const next: Record<string, unknown> = { ...manifest };
  const scripts = { ...((next.scripts as Record<string, string> | undefined) ?? {}) };
  const { name, command } = options.script ?? { name: 'prepare', command: 'husky' };
  const current = scripts[name];
  if (current === undefined) {
    scripts[name] = command;
    changes.push(`added scripts.${name} "${command}"`);
  } else if (!/\bhusky\b/.test(current)) {
    scripts[name] = `${current} && ${command}`;
    changes.push(`appended "${command}" to scripts.${name}`);
  }
  next.scripts = scripts;
  if (options.addDependencies.length > 0) {
    const dev = { ...((next.devDependencies as Record<string, string> | undefined) ?? {}) };
    for (const dependency of options.addDependencies) dev[dependency] = devDependencyVersions[dependency] ?? 'latest';
    next.devDependencies = Object.fromEntries(Object.entries(dev).sort(([a], [b]) => (a < b ? -1 : 1)));
    changes.push(`added devDependencies ${options.addDependencies.join(', ')}`);
  }
  if (options.lintStaged !== undefined) {
    const edit = editLintStagedConfig(next['lint-staged'] as Record<string, unknown> | undefined, options.lintStagedTask, options.replaceOwnTask, options.lintStagedGlob);
    if (edit.changes.length > 0) {
      next['lint-staged'] = edit.value;
      changes.push(...edit.changes.map((change) => `lint-staged: ${change}`));
    }
  }
  return { value: next, changes };
}

export function dependsOn(manifest: Record<string, unknown>, name: string): boolean {
  return ['dependencies', 'devDependencies', 'optionalDependencies'].some((field) => {
    const deps = manifest[field];
    return typeof deps === 'object' && deps !== null && name in deps;
  });
}
