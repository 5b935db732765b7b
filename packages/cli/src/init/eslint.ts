/**
 * The ESLint step `keyguard init` puts in lint-staged, and the check that picks it: a hook that
 * runs the project's full ESLint on a codebase that already has ESLint errors fails the next
 * commit that touches one of those files, for reasons that are not keyguard's.
 *
 * - `all`: the project's own ESLint config (`eslint --no-warn-ignored`);
 * - `keyguard`: keyguard's rules only, through a small config init writes next to package.json
 *   (`eslint --no-warn-ignored --config keyguard.eslint.config.mjs`);
 * - `none`: no ESLint step (and no lint-staged).
 * Without `--eslint`, init runs the project's ESLint once on the tracked files the hook would
 * lint: no errors → `all`; errors, or an ESLint that cannot run → `keyguard` (or `none` without
 * @keyguard/eslint-plugin).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { relativeTo } from '../paths.js';
import { eslintGlob, type ComponentKind } from './edits.js';

export type EslintMode = 'keyguard' | 'all' | 'none';
export const eslintModes: readonly EslintMode[] = ['keyguard', 'all', 'none'];

export const keyguardEslintConfigFile = 'keyguard.eslint.config.mjs';

export const keyguardEslintConfig = `// Written by \`keyguard init\`: the pre-commit hook (lint-staged) lints staged files with
// keyguard's rules only, not with the project's full ESLint config, so ESLint errors the code
// already has do not block commits. To lint with the project's config instead, fix those
// errors and run \`keyguard init --eslint all\` (it replaces the lint-staged entry).
import keyguard from '@keyguard/eslint-plugin';

export default [...keyguard.configs.recommended];
`;

/** The plugin keyguard's own config imports to parse a component format (a direct dependency, or the import fails). */
export function componentPluginOf(kind: ComponentKind): string {
  return componentParsing[kind].from;
}

/** How keyguard's config reaches each component format: the framework plugin's flat config that sets its parser. */
const componentParsing: Record<ComponentKind, { from: string; binding: string; configs: string; files: string }> = {
  vue: { from: 'eslint-plugin-vue', binding: 'vue', configs: "vue.configs['flat/base']", files: '**/*.vue' },
  svelte: { from: 'eslint-plugin-svelte', binding: 'svelte', configs: "svelte.configs['flat/base'] ?? svelte.configs.base", files: '**/*.svelte' },
  astro: { from: 'eslint-plugin-astro', binding: 'astro', configs: "astro.configs['flat/base'] ?? astro.configs.base", files: '**/*.astro' },
};

/**
 * keyguard.eslint.config.mjs for a project whose hook hands component files to ESLint: the framework
 * plugins' base configs (parser and processor, no rules of theirs that report) before keyguard's, with
 * TypeScript inside components through the project's typescript-eslint. Without components it is
 * `keyguardEslintConfig`, byte for byte.
 */
export function keyguardEslintConfigFor(components: readonly ComponentKind[], typescript?: 'typescript-eslint' | '@typescript-eslint/parser'): string {
  if (components.length === 0) return keyguardEslintConfig;
  const imports = components.map((kind) => `import ${componentParsing[kind].binding} from '${componentParsing[kind].from}';`);
  const configs = components.map((kind) => `  ...(${componentParsing[kind].configs}),`);
  if (typescript !== undefined) {
    imports.push(typescript === 'typescript-eslint' ? "import tseslint from 'typescript-eslint';" : "import tsParser from '@typescript-eslint/parser';");
    const files = components.map((kind) => `'${componentParsing[kind].files}'`).join(', ');
    configs.push(`  { files: [${files}], languageOptions: { parserOptions: { parser: ${typescript === 'typescript-eslint' ? 'tseslint.parser' : 'tsParser'} } } },`);
  }
  return keyguardEslintConfig.replace(
    "import keyguard from '@keyguard/eslint-plugin';\n\nexport default [...keyguard.configs.recommended];\n",
    `// ${components.join(', ')} files: their framework's ESLint plugin parses them (its base config: parser only).\n` +
      `import keyguard from '@keyguard/eslint-plugin';\n${imports.join('\n')}\n\nexport default [\n${configs.join('\n')}\n  ...keyguard.configs.recommended,\n];\n`,
  );
}

/** The lint-staged task of a mode (undefined for `none`). ESLint 8 has no --no-warn-ignored. */
export function eslintTaskFor(mode: EslintMode, eslintMajor?: number): string | undefined {
  if (mode === 'none') return undefined;
  if (mode === 'keyguard') return `eslint --no-warn-ignored --config ${keyguardEslintConfigFile}`;
  return eslintMajor !== undefined && eslintMajor < 9 ? 'eslint' : 'eslint --no-warn-ignored';
}

/** The tasks init writes: a lint-staged entry equal to one of them is init's to replace. */
export function isInitEslintTask(task: unknown): boolean {
  return task === 'eslint' || task === 'eslint --no-warn-ignored' || task === eslintTaskFor('keyguard');
}

/** File extensions of a lint-staged glob (`*.{js,jsx,…}`): the files lint-staged hands to ESLint. */
function lintedExtension(glob: string): RegExp {
  return new RegExp(`\\.(${/\{(.*)\}/.exec(glob)![1]!.split(',').join('|')})$`, 'i');
}

export interface InstalledEslint {
  /** The `eslint` bin, run with node (undefined under Plug'n'Play, where `yarn eslint` runs it). */
  bin?: string;
  major?: number;
}

/** The project's ESLint as node resolves it from the project folder (hoisted in a workspace too). */
export function findEslint(projectDir: string, manifest: Record<string, unknown>): InstalledEslint {
  try {
    const require = createRequire(join(projectDir, 'package.json'));
    const packageFile = require.resolve('eslint/package.json');
    const pkg = JSON.parse(readFileSync(packageFile, 'utf8')) as { version?: string; bin?: string | Record<string, string> };
    const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.eslint;
    return { ...(bin === undefined ? {} : { bin: join(dirname(packageFile), bin) }), ...majorOf(pkg.version) };
  } catch {
    // not installed (yet), or Plug'n'Play: read the range
  }
  const range = ['devDependencies', 'dependencies'].map((field) => (manifest[field] as Record<string, string> | undefined)?.eslint).find(Boolean);
  return majorOf(/\d+/.exec(range ?? '')?.[0]);
}

function majorOf(version: string | undefined): { major?: number } {
  const major = Number.parseInt(version ?? '', 10);
  return Number.isNaN(major) ? {} : { major };
}

export interface EslintCheck {
  /** Whether ESLint ran and its report was read; when false, `reason` says why. */
  ran: boolean;
  reason?: string;
  /** Tracked files the hook would lint. */
  files: number;
  /** Errors from rules other than keyguard's, and parse errors. */
  errors: number;
  /** Files with such errors (paths relative to the project folder), worst first. */
  errorFiles: string[];
  /** Errors from keyguard's own rules (when the project's config already has them). */
  keyguardErrors: number;
}

interface EslintResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; severity: number }>;
}

/**
 * Runs the project's ESLint, with its own config, on the tracked files lint-staged would hand
 * it (in chunks, so no command line gets too long), and counts the errors that would fail a
 * commit. `run` is how to start ESLint: node + its bin, or the package manager (PnP).
 */
export function checkProjectEslint(projectDir: string, trackedFiles: readonly string[], run: string[], eslint8 = false, glob = eslintGlob): EslintCheck {
  const linted = lintedExtension(glob);
  const files = trackedFiles.filter((file) => linted.test(file));
  const check: EslintCheck = { ran: true, files: files.length, errors: 0, errorFiles: [], keyguardErrors: 0 };
  const perFile = new Map<string, number>();
  for (const chunk of chunks(files, 6000)) {
    const args = [...run.slice(1), ...(eslint8 ? [] : ['--no-warn-ignored']), '--format', 'json', '--', ...chunk];
    const result = spawnSync(run[0]!, args, { cwd: projectDir, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, shell: process.platform === 'win32' });
    let report: EslintResult[] | undefined;
    try {
      report = JSON.parse(result.stdout) as EslintResult[];
    } catch {
      report = undefined;
    }
    if (result.error !== undefined || (result.status !== 0 && result.status !== 1) || !Array.isArray(report)) {
      const why = result.error?.message ?? (eslintProblem(result.stderr) || `exit code ${result.status ?? result.signal}`);
      return { ...check, ran: false, reason: why.trim() };
    }
    for (const file of report) {
      for (const message of file.messages) {
        if (message.severity !== 2) continue;
        if (message.ruleId?.startsWith('@keyguard/')) {
          check.keyguardErrors++;
        } else {
          check.errors++;
          const name = relativeTo(projectDir, file.filePath, projectDir);
          perFile.set(name, (perFile.get(name) ?? 0) + 1);
        }
      }
    }
  }
  check.errorFiles = [...perFile].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([name]) => name);
  return check;
}

/** The line of ESLint's crash report that says what went wrong (not "Oops!", its version or the stack). */
function eslintProblem(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim());
  const useful = lines.filter((line) => line !== '' && !/^Oops! Something went wrong/.test(line) && !/^ESLint: \d/.test(line) && !/^at /.test(line));
  return useful[0] ?? '';
}

/** How to start the project's ESLint: node with its bin, else through the package manager. */
export function eslintCommand(eslint: InstalledEslint, packageManager: string[]): string[] | undefined {
  if (eslint.bin !== undefined && existsSync(eslint.bin)) return [process.execPath, eslint.bin];
  return packageManager.length > 0 ? [...packageManager, 'eslint'] : undefined;
}

/** Splits paths into chunks whose joined length stays under `limit` characters (Windows: 32K). */
function chunks(paths: readonly string[], limit: number): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const path of paths) {
    if (current.length > 0 && length + path.length + 1 > limit) {
      out.push(current);
      current = [];
      length = 0;
    }
    current.push(path);
    length += path.length + 1;
  }
  if (current.length > 0) out.push(current);
  return out;
}
