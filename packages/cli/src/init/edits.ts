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

/** `.husky/pre-commit`: keeps every existing line, adds the keyguard scan (first) and lint-staged once. */
export function editPreCommitHook(current: string | undefined, withLintStaged: boolean): Edit<string> {
  const changes: string[] = [];
  const lines = current === undefined || current === '' ? [] : current.replace(/\n$/, '').split('\n');
  const has = (pattern: RegExp) => lines.some((line) => !line.trimStart().startsWith('#') && pattern.test(line));
  if (!has(/\bkeyguard(\.js)?\s+scan\b.*--staged/)) {
    // First, before slower tools: it needs no stash and blocks early. After the preamble
    // (shebang, comments, husky 4–8's `. "$(dirname -- "$0")/_/husky.sh"`).
    const preamble = (line: string) => line.trim() === '' || line.startsWith('#') || line.includes('husky.sh');
    const at = lines.findIndex((line) => !preamble(line));
    lines.splice(at < 0 ? lines.length : at, 0, keyguardHookLine);
    changes.push(`added \`${keyguardHookLine}\``);
  }
  if (withLintStaged && !has(/\blint-staged\b/)) {
    lines.push(lintStagedHookLine);
    changes.push(`added \`${lintStagedHookLine}\``);
  }
  return { value: `${lines.join('\n')}\n`, changes };
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

/** The lint-staged config object: adds the ESLint entry unless some entry already runs ESLint. */
export function editLintStagedConfig(current: Record<string, unknown> | undefined): Edit<Record<string, unknown>> {
  const config = { ...(current ?? {}) };
  const runsEslint = Object.values(config).some((task) => JSON.stringify(task).includes('eslint'));
  if (runsEslint) return { value: config, changes: [] };
  if (eslintGlob in config) return { value: config, changes: [] };
  config[eslintGlob] = eslintTask;
  return { value: config, changes: [`added "${eslintGlob}": "${eslintTask}"`] };
}

export const devDependencyVersions: Record<string, string> = { husky: '^9.1.7', 'lint-staged': '^16.2.0' };

/** package.json: the prepare script; with --no-install also the dev dependencies themselves. */
export function editPackageJson(
  manifest: Record<string, unknown>,
  options: { addDependencies: string[]; lintStaged?: Record<string, unknown> },
): Edit<Record<string, unknown>> {
  const changes: string[] = [];
  const next: Record<string, unknown> = { ...manifest };
  const scripts = { ...((next.scripts as Record<string, string> | undefined) ?? {}) };
  const prepare = scripts.prepare;
  if (prepare === undefined) {
    scripts.prepare = 'husky';
    changes.push('added scripts.prepare "husky"');
  } else if (!/\bhusky\b/.test(prepare)) {
    scripts.prepare = `${prepare} && husky`;
    changes.push('appended "husky" to scripts.prepare');
  }
  next.scripts = scripts;
  if (options.addDependencies.length > 0) {
    const dev = { ...((next.devDependencies as Record<string, string> | undefined) ?? {}) };
    for (const name of options.addDependencies) dev[name] = devDependencyVersions[name] ?? 'latest';
    next.devDependencies = Object.fromEntries(Object.entries(dev).sort(([a], [b]) => (a < b ? -1 : 1)));
    changes.push(`added devDependencies ${options.addDependencies.join(', ')}`);
  }
  if (options.lintStaged !== undefined) {
    const edit = editLintStagedConfig(next['lint-staged'] as Record<string, unknown> | undefined);
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
