import { existsSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig, type KeyguardConfig } from '@keyguard/core';
import { findConfigIn } from '@keyguard/core/config-files';
import picomatch from 'picomatch';

/**
 * The project's keyguard config — `keyguard.config.json`, else `package.json#keyguard` —
 * found the way `keyguard scan` finds it (nearest first, stopping at the repo root), but
 * from the linted file's folder, as ESLint finds its own config. The editor, the
 * pre-commit hook and CI then agree on disabled rules, allowed values and allowed paths.
 */
export interface ProjectConfig {
  config: KeyguardConfig;
  /** Absolute path of the file it came from; undefined for the built-in defaults. */
  source: string | undefined;
  /** True for files under `allow.paths` (globs relative to the config's folder). */
  isAllowedPath: (file: string) => boolean;
}

const DEFAULTS: ProjectConfig = { config: defaultConfig, source: undefined, isAllowedPath: () => false };
const configByDirectory = new Map<string, ProjectConfig>();

export function projectConfig(file: string): ProjectConfig {
  if (!path.isAbsolute(file)) return DEFAULTS;
  return configFor(path.dirname(file));
}

function configFor(directory: string): ProjectConfig {
  const cached = configByDirectory.get(directory);
  if (cached !== undefined) return cached;
  const found = configIn(directory);
  const parent = path.dirname(directory);
  const isRepoRoot = existsSync(path.join(directory, '.git'));
  const result = found ?? (isRepoRoot || parent === directory ? DEFAULTS : configFor(parent));
  configByDirectory.set(directory, result);
  return result;
}

function configIn(directory: string): ProjectConfig | undefined {
  const found = findConfigIn(directory);
  return found && withAllowedPaths(found.file, found.config);
}

function withAllowedPaths(file: string, config: KeyguardConfig): ProjectConfig {
  const base = path.dirname(file);
  const matches = config.allow.paths.length > 0 ? picomatch([...config.allow.paths], { dot: true }) : undefined;
  return {
    config,
    source: file,
    isAllowedPath: (linted) => matches !== undefined && matches(path.relative(base, linted).split(path.sep).join('/')),
  };
}
