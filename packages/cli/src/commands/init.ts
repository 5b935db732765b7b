/**
 * `keyguard init`: wires the pre-commit guard into a user's repo — husky (and lint-staged when
 * ESLint runs through it), installed first with the repo's own package manager; then the
 * script that activates husky, `.husky/pre-commit` running `keyguard scan --staged`, the
 * lint-staged ESLint entry and the `.env*` lines of `.gitignore`. It refuses, changing nothing,
 * where it would override hooks that run today (another core.hooksPath, a .git/hooks hook).
 * Handles husky 8 and 9, Yarn Plug'n'Play, and a JS project in a sub-folder of the repo.
 * Idempotent, keeps what is there; prints what it changed; `--dry-run` prints without writing.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { RuntimeError } from '../errors.js';
import { findRepoRoot, git } from '../git/run.js';
import {
  dependsOn,
  devDependencyVersions,
  editGitignore,
  editLintStagedConfig,
  editPackageJson,
  editPreCommitHook,
  eslintGlob,
  eslintGlobFor,
  eslintTask,
  hookRunsLintStaged,
  lintedComponents,
  type HookStyle,
  type ScriptPlan,
} from '../init/edits.js';
import {
  checkProjectEslint,
  eslintCommand,
  eslintTaskFor,
  findEslint,
  componentPluginOf,
  isInitEslintTask,
  keyguardEslintConfigFile,
  keyguardEslintConfigFor,
  type EslintCheck,
  type EslintMode,
  type InstalledEslint,
} from '../init/eslint.js';
import { isWorkspaceRoot, lintStagedConfigFiles, nestedLintStagedConfigs } from '../init/monorepo.js';
import { addDevCommand, detectPackageManager, packageManagerCommand, type PackageManager } from '../init/package-manager.js';
import type { InitOptions } from '../options.js';
import { realPath, relativePosix } from '../paths.js';

const eslintConfigFiles = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];
const lockfiles = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', '.pnp.cjs', '.pnp.loader.mjs'];

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

  // The JS project: the repo root when it has a package.json (a monorepo's hook lives there),
  // else the nearest package.json between cwd and the root (husky's "project not in git root").
  const projectDir = findProjectDir(cwd, root);
  const prefix = projectDir === root ? '' : relativePosix(root, projectDir);
  const at = (file: string) => (prefix === '' ? file : `${prefix}/${file}`);
  const manifestFile = join(projectDir, 'package.json');
  const manifestText: string | undefined = existsSync(manifestFile) ? readFileSync(manifestFile, 'utf8') : undefined;
  let manifest = manifestText === undefined ? { name: basename(root).toLowerCase().replace(/[^a-z0-9._-]/g, '-'), private: true } : parseManifest(manifestText, at('package.json'));
  if (manifestText === undefined) report.push('package.json: created');
  const pm = detectPackageManager(projectDir, manifest);
  const workspace = isWorkspaceRoot(projectDir, manifest);
  say(
    `keyguard init${options.dryRun ? ' --dry-run (nothing is written)' : ''}: ${relativePosix(cwd, root) === '.' ? root : `${root} (the repo root)`}` +
      `${prefix === '' ? '' : `, project in ${prefix}/`} — ${pm.name} (${pm.evidence})${pm.pnp ? ", Plug'n'Play" : ''}${workspace ? ', workspace root' : ''}`,
  );

  // Refuse, before touching anything, where husky would silently switch off hooks that run today.
  const huskyDir = at('.husky');
  const hooksPath = (await git(['config', '--get', 'core.hooksPath'], { cwd: root, okCodes: [1] })).stdout.toString('utf8').trim();
  const ownHooksPaths = [huskyDir, `${huskyDir}/_`].flatMap((dir) => [dir, `${dir}/`, `./${dir}`, `./${dir}/`]);
  if (hooksPath !== '' && !ownHooksPaths.includes(hooksPath)) {
    throw new RuntimeError(
      `core.hooksPath is ${hooksPath}: husky would replace it and the hooks there would stop running; keyguard init changed nothing. ` +
        `Move those hooks into ${huskyDir}/ (keyguard init keeps their lines), run \`git config --unset core.hooksPath\`, then run keyguard init again`,
    );
  }
  if (hooksPath === '') {
    const gitHooks = (await git(['rev-parse', '--git-path', 'hooks'], { cwd: root })).stdout.toString('utf8').trim();
    const legacyHook = join(resolve(root, gitHooks), 'pre-commit');
    if (existsSync(legacyHook)) {
      throw new RuntimeError(
        `${relativePosix(root, legacyHook)} exists and would stop running once husky sets core.hooksPath; keyguard init changed nothing. ` +
          `Move its commands into ${huskyDir}/pre-commit (keyguard init keeps them) and delete it, then run keyguard init again`,
      );
    }
  }

  const huskyMajor = detectHuskyMajor(projectDir, manifest);
  const hookStyle: HookStyle = { run: pm.pnp ? 'yarn ' : huskyMajor === 8 ? 'npx --no-install ' : '', husky8: huskyMajor === 8, projectDir: prefix };
  // A workspace package that has @keyguard/cli when the root does not: the hook (run from the
  // project folder) starts that package's bin, or it would find no `keyguard` on PATH.
  const cliPackage = !pm.pnp && !dependsOn(manifest, '@keyguard/cli') ? findCliPackage(cwd, projectDir) : undefined;
  if (cliPackage !== undefined) hookStyle.keyguardBin = `${relativePosix(projectDir, cliPackage)}/node_modules/.bin/keyguard`;
  const hookFile = at('.husky/pre-commit');
  const hookCurrent = existsSync(join(root, hookFile)) ? readFileSync(join(root, hookFile), 'utf8') : undefined;

  // lint-staged only when something runs through it: ESLint, and a hook that runs (or will run) it.
  const hasEslint = dependsOn(manifest, 'eslint') || eslintConfigFiles.some((file) => existsSync(join(projectDir, file)));
  const hookTakesLintStaged = hookCurrent === undefined || hookRunsLintStaged(hookCurrent);
  const lintStagedConfig = readLintStagedConfig(projectDir, manifest);
  const eslint = findEslint(projectDir, manifest);
  // component files (.vue, .svelte, .astro) go to ESLint too where it can parse them: with the
  // project's config when it has the framework's plugin; with keyguard's own config only when that
  // plugin is a direct dependency, which keyguard's config imports
  const components = lintedComponents(manifest);
  const eslintStep = hasEslint && hookTakesLintStaged ? await chooseEslintStep(options, { projectDir, prefix, manifest, pm, eslint, lintStagedConfig, glob: eslintGlobFor(components) }) : undefined;
  const keyguardComponents = components.filter((kind) => dependsOn(manifest, componentPluginOf(kind)));
  const glob = eslintGlobFor(eslintStep?.mode === 'keyguard' ? keyguardComponents : components);
  const useLintStaged = eslintStep !== undefined && eslintStep.mode !== 'none';
  if (eslintStep !== undefined) notes.push(...eslintStep.notes);
  if (options.eslint !== undefined && !hasEslint && options.eslint !== 'none') {
    notes.push(`--eslint ${options.eslint}: this project has no ESLint (no eslint dependency, no eslint.config.*), so the hook runs the keyguard scan alone`);
  }
  if (hasEslint && !hookTakesLintStaged) {
    notes.push(
      `${hookFile} does not run lint-staged, so keyguard added only its scan there; to lint staged files with ESLint too, ` +
        `add \`${hookStyle.run}lint-staged\` to it and run keyguard init again`,
    );
  } else if (!hasEslint) {
    notes.push(
      `no ESLint in this project: no lint-staged (the hook runs the keyguard scan alone${usesOxlint(projectDir, manifest) ? '' : '; add eslint and run keyguard init again for both'})`,
    );
  }
  const task = eslintStep?.task ?? eslintTask;
  const replaceOwnTask = options.eslint !== undefined ? { isOwn: isInitEslintTask } : undefined;

  const missingDependencies = ['husky', ...(useLintStaged ? ['lint-staged'] : [])].filter((name) => !dependsOn(manifest, name));

  // Install first: if the package manager fails, nothing has been written yet.
  if (options.install && missingDependencies.length > 0) {
    const specs = missingDependencies.map((name) => `${name}@${devDependencyVersions[name] ?? 'latest'}`);
    const command = [...packageManagerCommand(pm), ...addDevCommand(pm, specs, workspace)[1]];
    const shown = command.map((part) => (/[\s^<>|&]/.test(part) ? `'${part}'` : part)).join(' ');
    report.push(`install: ${shown}`);
    if (!options.dryRun) {
      const saved = [manifestFile, ...lockfiles.map((file) => join(projectDir, file))].map((file) => [file, existsSync(file) ? readFileSync(file) : undefined] as const);
      const result = spawnSync(command[0]!, command.slice(1), { cwd: projectDir, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
      if (result.status !== 0) {
        for (const [file, content] of saved) {
          if (content !== undefined) writeFileSync(file, content);
          else if (file === manifestFile || file.endsWith('.pnp.cjs') || file.endsWith('.pnp.loader.mjs')) rmSync(file, { force: true });
        }
        const why = result.error ? `${command[0]} could not be started (${result.error.message})` : `\`${shown}\` failed (exit ${result.status ?? result.signal})`;
        throw new RuntimeError(
          `${why}; keyguard init changed nothing (package.json and the lockfile are as they were). ` +
            `Install them yourself — \`${shown}\` — then run \`keyguard init --no-install\``,
        );
      }
      if (existsSync(manifestFile)) manifest = parseManifest(readFileSync(manifestFile, 'utf8'), at('package.json'));
    }
  }

  // lint-staged: edit the config where it already lives; never rewrite a JS/YAML config.
  const otherConfig = lintStagedConfigFiles.find((file) => existsSync(join(projectDir, file)));
  let lintStagedInManifest: Record<string, unknown> | undefined;
  if (!useLintStaged) {
    // nothing to add
  } else if (manifest['lint-staged'] !== undefined) {
    lintStagedInManifest = manifest['lint-staged'] as Record<string, unknown>;
  } else if (otherConfig === '.lintstagedrc.json' || otherConfig === '.lintstagedrc') {
    let current: Record<string, unknown> | undefined;
    try {
      current = JSON.parse(readFileSync(join(projectDir, otherConfig), 'utf8')) as Record<string, unknown>;
    } catch {
      notes.push(`${at(otherConfig)} is not JSON: add \`"${glob}": "${task}"\` to it yourself if you want ESLint on staged files`);
    }
    if (current) {
      const edit = editLintStagedConfig(current, task, replaceOwnTask, glob);
      if (edit.changes.length > 0) {
        writes.push({ file: at(otherConfig), content: `${JSON.stringify(edit.value, null, 2)}\n` });
        report.push(`${at(otherConfig)}: ${edit.changes.join('; ')}`);
      }
    }
  } else if (otherConfig !== undefined) {
    notes.push(`${at(otherConfig)}: keep it; make sure it runs \`${task}\` on ${glob}`);
  } else {
    lintStagedInManifest = {};
  }

  const script = huskyScript(pm, huskyMajor, prefix);
  const manifestEdit = editPackageJson(manifest, {
    addDependencies: options.install ? [] : missingDependencies,
    lintStaged: lintStagedInManifest,
    lintStagedTask: task,
    lintStagedGlob: glob,
    ...(replaceOwnTask === undefined ? {} : { replaceOwnTask }),
    script,
  });
  if (manifestEdit.changes.length > 0 || manifestText === undefined) {
    const text = existsSync(manifestFile) ? readFileSync(manifestFile, 'utf8') : undefined;
    const indent = text ? detectIndent(text) : 2;
    writes.push({ file: at('package.json'), content: `${JSON.stringify(manifestEdit.value, null, indent)}\n` });
    if (manifestEdit.changes.length > 0) report.push(`${at('package.json')}: ${manifestEdit.changes.join('; ')}`);
  }

  const hookEdit = editPreCommitHook(hookCurrent, useLintStaged, hookStyle);
  if (hookEdit.changes.length > 0) {
    writes.push({ file: hookFile, content: hookEdit.value, executable: true });
    report.push(`${hookFile}: ${hookCurrent === undefined ? 'created, ' : ''}${hookEdit.changes.join('; ')}`);
  }

  if (eslintStep?.mode === 'keyguard' && !existsSync(join(projectDir, keyguardEslintConfigFile))) {
    const typescript = dependsOn(manifest, 'typescript-eslint') ? 'typescript-eslint' : dependsOn(manifest, '@typescript-eslint/parser') ? '@typescript-eslint/parser' : undefined;
    writes.push({ file: at(keyguardEslintConfigFile), content: keyguardEslintConfigFor(keyguardComponents, typescript) });
    report.push(`${at(keyguardEslintConfigFile)}: created (keyguard's rules only, for the hook)`);
  }

  const gitignoreCurrent = existsSync(join(root, '.gitignore')) ? readFileSync(join(root, '.gitignore'), 'utf8') : undefined;
  const gitignoreEdit = editGitignore(gitignoreCurrent);
  if (gitignoreEdit.changes.length > 0) {
    writes.push({ file: '.gitignore', content: gitignoreEdit.value });
    report.push(`.gitignore: ${gitignoreEdit.changes.join('; ')}`);
  }

  if (workspace) {
    for (const config of nestedLintStagedConfigs(projectDir)) {
      warnings.push(
        `${at(config)}: lint-staged uses the closest config, so files in that package skip the root lint-staged tasks; ` +
          'keyguard itself runs from .husky/pre-commit and still scans them, but move lint tasks to the root config',
      );
    }
  }
  if (hasEslint) {
    // An ESLint config is code: point at the change instead of rewriting it.
    const eslintConfig = eslintConfigFiles.find((file) => existsSync(join(projectDir, file)));
    const wired = eslintConfig !== undefined && readFileSync(join(projectDir, eslintConfig), 'utf8').includes('@keyguard/eslint-plugin');
    if (!wired) {
      notes.push(
        `ESLint in the editor: ${dependsOn(manifest, '@keyguard/eslint-plugin') ? 'add' : 'add @keyguard/eslint-plugin to devDependencies and'} ` +
          `\`keyguard.configs.recommended\` (import keyguard from '@keyguard/eslint-plugin') to ${at(eslintConfig ?? 'eslint.config.js')}`,
      );
    }
  }
  if (usesOxlint(projectDir, manifest)) {
    // oxlint runs keyguard's rules through jsPlugins (the Vite templates ship oxlint, not ESLint).
    const oxlintConfig = ['.oxlintrc.json', 'oxlint.config.ts'].find((file) => existsSync(join(projectDir, file)));
    const wired = oxlintConfig !== undefined && readFileSync(join(projectDir, oxlintConfig), 'utf8').includes('@keyguard/eslint-plugin');
    if (!wired) {
      notes.push(
        `oxlint: add "jsPlugins": ["@keyguard/eslint-plugin"] and keyguard's rules ("@keyguard/no-hardcoded-api-key": "error", …) to ${at(oxlintConfig ?? '.oxlintrc.json')} ` +
          "so `oxlint` and the editor flag keys too (@keyguard/eslint-plugin's README, section oxlint, has the block)",
      );
    }
  }
  if (cliPackage !== undefined) {
    const name = relativePosix(projectDir, cliPackage);
    notes.push(
      `@keyguard/cli is a dependency of ${at(name)} only, so the hook runs ${hookStyle.keyguardBin}; to run it from the root instead, ` +
        `add it there (${pm.name === 'pnpm' ? 'pnpm add -D -w' : pm.name === 'npm' ? 'npm install --save-dev' : `${pm.name} add -D`} @keyguard/cli) and change that line to \`keyguard scan --staged\``,
    );
  } else if (!dependsOn(manifest, '@keyguard/cli')) {
    notes.push(`add @keyguard/cli to devDependencies so the hook finds \`keyguard\` (${pm.name === 'npm' ? 'npm install --save-dev' : `${pm.name} add -D`} @keyguard/cli)`);
  }

  if (!options.dryRun) {
    for (const write of writes) {
      const file = join(root, write.file);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, write.content);
      if (write.executable) chmodSync(file, 0o755);
    }
  }

  // Activate: what the prepare/postinstall script does on every install, done once now.
  const expectedHooksPath = huskyMajor === 8 ? huskyDir : `${huskyDir}/_`;
  const active = hooksPath.replace(/^\.\//, '').replace(/\/$/, '') === expectedHooksPath && existsSync(join(root, huskyDir, huskyMajor === 8 ? '_/husky.sh' : '_/h'));
  if (!active) {
    const huskyArgs = [...(huskyMajor === 8 ? ['install'] : []), ...(prefix === '' ? [] : [huskyDir])];
    const huskyBin = join(projectDir, huskyMajor === 8 ? 'node_modules/husky/lib/bin.js' : 'node_modules/husky/bin.js');
    const activation: string[] | undefined = existsSync(huskyBin)
      ? [process.execPath, huskyBin, ...huskyArgs]
      : pm.pnp && prefix === '' && dependsOn(manifest, 'husky') && !options.dryRun
        ? [...packageManagerCommand(pm), 'husky', ...huskyArgs]
        : undefined;
    if (activation !== undefined || options.dryRun) {
      report.push(`git hooks: activated husky (core.hooksPath=${expectedHooksPath})`);
      if (!options.dryRun && activation !== undefined) {
        const env = { ...process.env };
        delete env.HUSKY;
        const result = spawnSync(activation[0]!, activation.slice(1), { cwd: root, encoding: 'utf8', env, shell: process.platform === 'win32' });
        if (result.status !== 0) throw new RuntimeError(`husky could not install the hooks: ${(result.stderr || result.stdout || result.error?.message || '').trim()}`);
      }
    } else {
      notes.push(`run \`${pm.name} install\`${prefix === '' ? '' : ` in ${prefix}`} to install husky and activate the hook`);
    }
  }

  if (report.length === 0) say('  already set up: nothing changed');
  else if (options.dryRun) say('  would make these changes:');
  for (const line of report) say(`  ${line}`);
  for (const line of warnings) say(`warning: ${line}`);
  for (const line of notes) say(`note: ${line}`);
  return 0;
}

interface LintStagedConfig {
  /** Where it lives: `package.json` or a .lintstagedrc* / lint-staged.config.* file. */
  file: string;
  /** The parsed object (package.json, JSON rc files), else undefined. */
  value?: Record<string, unknown>;
  /** Whether some entry runs ESLint (for a JS/YAML config: whether its text names eslint). */
  runsEslint: boolean;
}

/** The project's lint-staged config as lint-staged would find it in the project folder. */
function readLintStagedConfig(projectDir: string, manifest: Record<string, unknown>): LintStagedConfig | undefined {
  if (manifest['lint-staged'] !== undefined) {
    const value = manifest['lint-staged'] as Record<string, unknown>;
    return { file: 'package.json', value, runsEslint: JSON.stringify(value).includes('eslint') };
  }
  const file = lintStagedConfigFiles.find((name) => existsSync(join(projectDir, name)));
  if (file === undefined) return undefined;
  const text = readFileSync(join(projectDir, file), 'utf8');
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    return { file, value, runsEslint: JSON.stringify(value).includes('eslint') };
  } catch {
    return { file, runsEslint: text.includes('eslint') };
  }
}

interface EslintStep {
  /** 'theirs': the lint-staged config already runs ESLint, and init keeps it as it is. */
  mode: EslintMode | 'theirs';
  /** The lint-staged task to add (keyguard and all). */
  task?: string;
  notes: string[];
}

interface EslintContext {
  projectDir: string;
  prefix: string;
  manifest: Record<string, unknown>;
  pm: PackageManager;
  eslint: InstalledEslint;
  lintStagedConfig: LintStagedConfig | undefined;
  /** The glob the hook's ESLint entry would have with the project's own config. */
  glob: string;
}

/**
 * Which ESLint step the hook gets: `--eslint` when given; else what the lint-staged config
 * already runs; else the project's ESLint decides: no errors on the files the hook would lint →
 * the full config (`all`); errors, or an ESLint that cannot run → keyguard's rules only.
 */
async function chooseEslintStep(options: InitOptions, context: EslintContext): Promise<EslintStep> {
  const { projectDir, prefix, manifest, pm, eslint, lintStagedConfig, glob } = context;
  const at = (file: string) => (prefix === '' ? file : `${prefix}/${file}`);
  const plugin = dependsOn(manifest, '@keyguard/eslint-plugin');
  const eslint8 = eslint.major !== undefined && eslint.major < 9;
  const configFile = at(keyguardEslintConfigFile);
  const notes: string[] = [];
  const ownEntry = lintStagedConfig?.value !== undefined && (isInitEslintTask(lintStagedConfig.value[eslintGlob]) || isInitEslintTask(lintStagedConfig.value[glob]));
  if (lintStagedConfig?.runsEslint && !ownEntry && options.eslint !== undefined && options.eslint !== 'none') {
    notes.push(`${at(lintStagedConfig.file)}: lint-staged already runs ESLint; keyguard init kept that entry as it is (--eslint ${options.eslint} was not applied)`);
  }
  if (options.eslint !== undefined) {
    const mode = options.eslint;
    if (mode === 'keyguard' && (!plugin || eslint8)) {
      const install = `${pm.name === 'npm' ? 'npm install --save-dev' : `${pm.name} add -D`} @keyguard/eslint-plugin`;
      throw new RuntimeError(
        eslint8
          ? `--eslint keyguard needs ESLint 9 or later (this project has ESLint ${eslint.major}); keyguard init changed nothing. Use --eslint all or --eslint none`
          : `--eslint keyguard needs @keyguard/eslint-plugin in devDependencies; keyguard init changed nothing. Run \`${install}\`, then keyguard init --eslint keyguard again`,
      );
    }
    if (mode === 'none' && lintStagedConfig?.runsEslint) {
      notes.push(`--eslint none: ${at(lintStagedConfig.file)} still runs ESLint on staged files; keyguard init leaves it — remove that entry yourself to stop it`);
    }
    const task = eslintTaskFor(mode, eslint.major);
    notes.push(
      mode === 'keyguard'
        ? `ESLint in the hook: keyguard's rules only (${configFile}), not your full ESLint config (--eslint keyguard)`
        : mode === 'all'
          ? 'ESLint in the hook: your ESLint config on the staged files (--eslint all)'
          : 'ESLint in the hook: none (--eslint none); the hook runs the keyguard scan',
    );
    return { mode, ...(task === undefined ? {} : { task }), notes };
  }
  if (lintStagedConfig?.runsEslint) return { mode: 'theirs', notes };

  const run = eslintCommand(eslint, pm.pnp ? packageManagerCommand(pm) : []);
  let check: EslintCheck;
  if (run === undefined) {
    check = { ran: false, reason: 'ESLint is not installed in node_modules yet', files: 0, errors: 0, errorFiles: [], keyguardErrors: 0 };
  } else {
    const listed = await git(['ls-files', '-z', '--', '.'], { cwd: projectDir });
    const tracked = listed.stdout.toString('utf8').split('\0').filter((file) => file !== '');
    check = checkProjectEslint(projectDir, tracked, run, eslint8, glob);
  }
  if (check.keyguardErrors > 0) {
      notes.push(`keyguard's own ESLint rules report ${check.keyguardErrors} error${check.keyguardErrors === 1 ? '' : 's'} in the code today: \`eslint .\` lists them (move each key out of the code and rotate it)`);
  }
  const switchTo = `(\`keyguard init --eslint keyguard|all|none\` chooses another step)`;
  if (check.ran && check.errors === 0) {
    notes.push(`ESLint in the hook: your ESLint config on the staged files — it reports no errors on the ${check.files} tracked files it would lint today ${switchTo}`);
  } else {
    const shown = check.errorFiles.slice(0, 3).join(', ');
    const more = check.errorFiles.length > 3 ? ` and ${check.errorFiles.length - 3} more` : '';
    const why = check.ran
      ? `your ESLint config reports ${check.errors} error${check.errors === 1 ? '' : 's'} in ${check.errorFiles.length} file${check.errorFiles.length === 1 ? '' : 's'} today (${shown}${more}): ` +
        `with it in the hook, every commit that touches ${check.errorFiles.length === 1 ? 'that file' : 'one of them'} would fail for reasons that are not keyguard's`
      : `ESLint could not check the code (${check.reason ?? 'unknown error'}), and an ESLint that fails would block every commit`;
    const usable = plugin && !eslint8;
    notes.push(
      usable
        ? `ESLint in the hook: keyguard's rules only (${configFile}), because ${why}. Once \`eslint .\` passes, \`keyguard init --eslint all\` lints with your full config`
        : `ESLint in the hook: none, because ${why}; ${eslint8 ? "keyguard's rules need ESLint 9+" : '@keyguard/eslint-plugin is not installed (install it, then `keyguard init --eslint keyguard` lints with keyguard\'s rules only)'}. ` +
          'Once `eslint .` passes, `keyguard init --eslint all` lints with your full config',
    );
    if (check.keyguardErrors > 0) {
      notes.push(`keyguard's own ESLint rules report ${check.keyguardErrors} error${check.keyguardErrors === 1 ? '' : 's'} in the code today: \`eslint .\` lists them (move each key out of the code and rotate it)`);
    }
    const mode: EslintMode = usable ? 'keyguard' : 'none';
    const task = eslintTaskFor(mode, eslint.major);
    return { mode, ...(task === undefined ? {} : { task }), notes };
  }
  return { mode: 'all', task: eslintTaskFor('all', eslint.major)!, notes };
}

function parseManifest(text: string, file: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new RuntimeError(`${file}: invalid JSON: ${(error as Error).message}`);
  }
}

/** Whether the project lints with oxlint (a dependency, or its config file). */
function usesOxlint(projectDir: string, manifest: Record<string, unknown>): boolean {
  return dependsOn(manifest, 'oxlint') || ['.oxlintrc.json', 'oxlint.config.ts'].some((file) => existsSync(join(projectDir, file)));
}

/**
 * The folder between cwd and the project folder (excluded) whose package.json depends on
 * @keyguard/cli and whose node_modules/.bin has `keyguard`: a workspace package.
 */
function findCliPackage(cwd: string, projectDir: string): string | undefined {
  for (let dir = cwd; dir.startsWith(`${projectDir}/`); dir = dirname(dir)) {
    const manifestFile = join(dir, 'package.json');
    if (!existsSync(manifestFile) || !existsSync(join(dir, 'node_modules/.bin/keyguard'))) continue;
    try {
      if (dependsOn(JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>, '@keyguard/cli')) return dir;
    } catch {
      // not JSON: not this one
    }
  }
  return undefined;
}

/** The repo root when it holds a package.json, else the nearest folder with one from cwd up. */
function findProjectDir(cwd: string, root: string): string {
  if (existsSync(join(root, 'package.json'))) return root;
  for (let dir = cwd; dir.startsWith(root) && dir !== root; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return root;
}

/** husky 8 when the project already has it (installed, or pinned to 8), else 9. */
function detectHuskyMajor(projectDir: string, manifest: Record<string, unknown>): 8 | 9 {
  try {
    const installed = JSON.parse(readFileSync(join(projectDir, 'node_modules/husky/package.json'), 'utf8')) as { version?: string };
    if (installed.version?.startsWith('8.')) return 8;
    if (installed.version !== undefined) return 9;
  } catch {
    // not installed (yet, or Plug'n'Play): read the range
  }
  const range = ['devDependencies', 'dependencies'].map((field) => (manifest[field] as Record<string, string> | undefined)?.husky).find(Boolean);
  return range !== undefined && /^[~^=v]*8(\.|$)/.test(range.trim()) ? 8 : 9;
}

/** The script that activates husky on every install (husky's own recipes). */
function huskyScript(pm: PackageManager, huskyMajor: 8 | 9, prefix: string): ScriptPlan {
  const husky = huskyMajor === 8 ? 'husky install' : 'husky';
  const up = prefix.split('/').map(() => '..').join('/');
  const command = prefix === '' ? husky : `cd ${up} && ${husky} ${prefix}/.husky`;
  // Yarn 2+ never runs `prepare`: husky's docs use postinstall there.
  return { name: pm.yarnBerry ? 'postinstall' : 'prepare', command };
}

function detectIndent(json: string): string | number {
  const match = /^\{\r?\n([ \t]+)/.exec(json);
  return match?.[1] ?? 2;
}
