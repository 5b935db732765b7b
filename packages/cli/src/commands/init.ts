/**
 * `keyguard init`: wires the pre-commit guard into a user's repo — husky and lint-staged (through
 * the repo's own package manager), the `prepare` script, `.husky/pre-commit` running
 * `keyguard scan --staged`, the lint-staged ESLint entry and the `.env*` lines of `.gitignore`.
 * Idempotent, keeps what is there, one config at the root of a monorepo; prints what it changed;
 * `--dry-run` prints without writing.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { RuntimeError } from '../errors.js';
import { findRepoRoot, git } from '../git/run.js';
import {
  dependsOn,
  editGitignore,
  editLintStagedConfig,
  editPackageJson,
  editPreCommitHook,
  eslintGlob,
  eslintTask,
} from '../init/edits.js';
import { isWorkspaceRoot, lintStagedConfigFiles, nestedLintStagedConfigs } from '../init/monorepo.js';
import { addDevCommand, detectPackageManager } from '../init/package-manager.js';
import type { InitOptions } from '../options.js';
import { realPath, relativePosix } from '../paths.js';

const eslintConfigFiles = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

interface PlannedWrite {
  file: string;
  content: string;
  executable?: boolean;
}

export async function runInit(options: InitOptions): Promise<number> {
  const cwd = realPath(options.cwd);
  const root = await findRepoRoot(cwd);
  if (root === undefined) throw new RuntimeError(`keyguard init needs a git repository: run \`git init\` in ${cwd} first`);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const writes: PlannedWrite[] = [];
  const report: string[] = [];
  const warnings: string[] = [];
  const notes: string[] = [];

  // package.json at the repo root: the one place the hook and its config live.
  const manifestFile = join(root, 'package.json');
  const manifestText: string | undefined = existsSync(manifestFile) ? readFileSync(manifestFile, 'utf8') : undefined;
  let manifest: Record<string, unknown>;
  if (manifestText === undefined) {
    manifest = { name: basename(root).toLowerCase().replace(/[^a-z0-9._-]/g, '-'), private: true };
    report.push('package.json: created');
  } else {
    try {
      manifest = JSON.parse(manifestText) as Record<string, unknown>;
    } catch (error) {
      throw new RuntimeError(`package.json: invalid JSON: ${(error as Error).message}`);
    }
  }
  const pm = detectPackageManager(root, manifest);
  const workspace = isWorkspaceRoot(root, manifest);
  const relativeRoot = relativePosix(cwd, root);
  say(
    `keyguard init${options.dryRun ? ' --dry-run (nothing is written)' : ''}: ${relativeRoot === '.' ? root : `${root} (the repo root)`}` +
      ` — ${pm.name} (${pm.evidence})${workspace ? ', workspace root' : ''}`,
  );

  const missingDependencies = ['husky', 'lint-staged'].filter((name) => !dependsOn(manifest, name));
  const willInstall = options.install && missingDependencies.length > 0;

  // lint-staged: edit the config where it already lives; never rewrite a JS/YAML config.
  const hasEslint = dependsOn(manifest, 'eslint') || eslintConfigFiles.some((file) => existsSync(join(root, file)));
  const otherConfig = lintStagedConfigFiles.find((file) => existsSync(join(root, file)));
  let lintStagedConfigured = manifest['lint-staged'] !== undefined || otherConfig !== undefined;
  let lintStagedInManifest: Record<string, unknown> | undefined;
  if (manifest['lint-staged'] !== undefined) {
    lintStagedInManifest = manifest['lint-staged'] as Record<string, unknown>;
  } else if (otherConfig === '.lintstagedrc.json' || otherConfig === '.lintstagedrc') {
    const file = join(root, otherConfig);
    let current: Record<string, unknown> | undefined;
    try {
      current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      notes.push(`${otherConfig} is not JSON: add \`"${eslintGlob}": "${eslintTask}"\` to it yourself if you want ESLint on staged files`);
    }
    if (current && hasEslint) {
      const edit = editLintStagedConfig(current);
      if (edit.changes.length > 0) {
        writes.push({ file: otherConfig, content: `${JSON.stringify(edit.value, null, 2)}\n` });
        report.push(`${otherConfig}: ${edit.changes.join('; ')}`);
      }
    }
  } else if (otherConfig !== undefined) {
    if (hasEslint) notes.push(`${otherConfig}: keep it; make sure it runs \`${eslintTask}\` on ${eslintGlob}`);
  } else if (hasEslint) {
    lintStagedInManifest = {};
    lintStagedConfigured = true;
  } else {
    notes.push('no ESLint in this project: lint-staged gets no ESLint entry (add eslint and run keyguard init again)');
  }

  const manifestEdit = editPackageJson(manifest, {
    addDependencies: options.install ? [] : missingDependencies,
    lintStaged: hasEslint ? lintStagedInManifest : undefined,
  });
  if (manifestEdit.changes.length > 0 || manifestText === undefined) {
    const indent = manifestText ? detectIndent(manifestText) : 2;
    writes.push({ file: 'package.json', content: `${JSON.stringify(manifestEdit.value, null, indent)}\n` });
    if (manifestEdit.changes.length > 0) report.push(`package.json: ${manifestEdit.changes.join('; ')}`);
  }

  const hookFile = '.husky/pre-commit';
  const hookCurrent = existsSync(join(root, hookFile)) ? readFileSync(join(root, hookFile), 'utf8') : undefined;
  const hookEdit = editPreCommitHook(hookCurrent, lintStagedConfigured);
  if (hookEdit.changes.length > 0) {
    writes.push({ file: hookFile, content: hookEdit.value, executable: true });
    report.push(`${hookFile}: ${hookCurrent === undefined ? 'created, ' : ''}${hookEdit.changes.join('; ')}`);
  }

  const gitignoreCurrent = existsSync(join(root, '.gitignore')) ? readFileSync(join(root, '.gitignore'), 'utf8') : undefined;
  const gitignoreEdit = editGitignore(gitignoreCurrent);
  if (gitignoreEdit.changes.length > 0) {
    writes.push({ file: '.gitignore', content: gitignoreEdit.value });
    report.push(`.gitignore: ${gitignoreEdit.changes.join('; ')}`);
  }

  if (workspace) {
    for (const config of nestedLintStagedConfigs(root)) {
      warnings.push(
        `${config}: lint-staged uses the closest config, so files in that package skip the root lint-staged tasks; ` +
          'keyguard itself runs from .husky/pre-commit and still scans them, but move lint tasks to the root config',
      );
    }
  }
  if (hasEslint) {
    // An ESLint config is code: point at the change instead of rewriting it.
    const eslintConfig = eslintConfigFiles.find((file) => existsSync(join(root, file)));
    const wired = eslintConfig !== undefined && readFileSync(join(root, eslintConfig), 'utf8').includes('@keyguard/eslint-plugin');
    if (!wired) {
      notes.push(
        `ESLint in the editor: add @keyguard/eslint-plugin to devDependencies and \`keyguard.configs.recommended\` ` +
          `(import keyguard from '@keyguard/eslint-plugin') to ${eslintConfig ?? 'eslint.config.js'}`,
      );
    }
  }
  if (!dependsOn(manifest, '@keyguard/cli')) {
    notes.push('add @keyguard/cli to devDependencies so the hook finds `keyguard` in node_modules/.bin');
  }

  if (!options.dryRun) {
    for (const write of writes) {
      const file = join(root, write.file);
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, write.content);
      if (write.executable) chmodSync(file, 0o755);
    }
  }

  if (willInstall) {
    const [command, args] = addDevCommand(pm, missingDependencies, workspace);
    report.push(`install: ${command} ${args.join(' ')}`);
    if (!options.dryRun) {
      const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
      if (result.status !== 0) {
        throw new RuntimeError(`\`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.error?.message}); fix it and run keyguard init again`);
      }
    }
  }

  // husky activates the hooks by pointing core.hooksPath at .husky/_ (what `prepare` does on install).
  const hooksPath = (await git(['config', '--get', 'core.hooksPath'], { cwd: root, okCodes: [1] })).stdout.toString('utf8').trim();
  const active = hooksPath === '.husky/_' && existsSync(join(root, '.husky/_/h'));
  if (!active) {
    // husky takes over core.hooksPath: hooks that ran from elsewhere would silently stop.
    if (hooksPath !== '' && hooksPath !== '.husky' && hooksPath !== '.husky/_') {
      warnings.push(`core.hooksPath was ${hooksPath}: husky replaces it, so move the hooks there into .husky/`);
    }
    const gitHooks = (await git(['rev-parse', '--git-path', 'hooks'], { cwd: root })).stdout.toString('utf8').trim();
    const legacyHook = join(resolve(root, gitHooks), 'pre-commit');
    if (hooksPath === '' && existsSync(legacyHook)) {
      warnings.push(`${relativePosix(root, legacyHook)} will no longer run once husky is active: move its commands into .husky/pre-commit`);
    }
  }
  const huskyBin = join(root, 'node_modules/husky/bin.js');
  if (!active) {
    if (existsSync(huskyBin) || options.dryRun) {
      report.push('git hooks: activated husky (core.hooksPath=.husky/_)');
      if (!options.dryRun) {
        const result = spawnSync(process.execPath, [huskyBin], { cwd: root, encoding: 'utf8' });
        if (result.status !== 0) throw new RuntimeError(`husky could not install the hooks: ${(result.stderr || result.stdout).trim()}`);
      }
    } else {
      notes.push(`run \`${pm.name} install\` to install husky and activate the hook`);
    }
  }

  if (report.length === 0) say('  already set up: nothing changed');
  else if (options.dryRun) say('  would make these changes:');
  for (const line of report) say(`  ${line}`);
  for (const line of warnings) say(`warning: ${line}`);
  for (const line of notes) say(`note: ${line}`);
  return 0;
}

function detectIndent(json: string): string | number {
  const match = /^\{\r?\n([ \t]+)/.exec(json);
  return match?.[1] ?? 2;
}
