/** Monorepo awareness for `keyguard init`: one root config, and a warning for nested lint-staged configs. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { relativePosix } from '../paths.js';

export const lintStagedConfigFiles = [
  '.lintstagedrc',
  '.lintstagedrc.json',
  '.lintstagedrc.yaml',
  '.lintstagedrc.yml',
  '.lintstagedrc.mjs',
  '.lintstagedrc.cjs',
  '.lintstagedrc.js',
  '.lintstagedrc.mts',
  '.lintstagedrc.cts',
  '.lintstagedrc.ts',
  'lint-staged.config.js',
  'lint-staged.config.mjs',
  'lint-staged.config.cjs',
  'lint-staged.config.ts',
  'lint-staged.config.mts',
  'lint-staged.config.cts',
];

export function isWorkspaceRoot(root: string, manifest: Record<string, unknown>): boolean {
  return existsSync(join(root, 'pnpm-workspace.yaml')) || manifest.workspaces !== undefined;
}

const SKIP = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.next', '.turbo']);

/**
 * lint-staged uses the config closest to each staged file, so a package with its own config
 * takes its files away from the root config. Returns those configs, relative to the root.
 */
export function nestedLintStagedConfigs(root: string, maxDepth = 4): string[] {
  const found: string[] = [];
  const visit = (dir: string, depth: number) => {
    if (depth > maxDepth) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (dir !== root) {
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        if (lintStagedConfigFiles.includes(entry.name)) found.push(relativePosix(root, join(dir, entry.name)));
        if (entry.name === 'package.json' && hasLintStagedField(join(dir, entry.name))) {
          found.push(`${relativePosix(root, join(dir, entry.name))}#lint-staged`);
        }
      }
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIP.has(entry.name)) visit(join(dir, entry.name), depth + 1);
    }
  };
  visit(root, 0);
  return found.sort();
}

function hasLintStagedField(file: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof manifest === 'object' && manifest !== null && 'lint-staged' in manifest;
  } catch {
    return false;
  }
}
