import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, defaultConfig, type KeyguardConfig } from '@keyguard/core';
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
  /**
   * Set when the nearest keyguard config is broken (`file: problem`). The rules then run
   * with the built-in defaults and say so once per file, instead of throwing and taking
   * every other rule's results down with them.
   */
  problem?: string;
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
  try {
    const found = findConfigIn(directory);
    return found && withAllowedPaths(found.file, found.config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // An unreadable or invalid package.json is npm's problem, and may not mention keyguard
    // at all: look further up, as if it were not there.
    if (path.basename(error.source) === 'package.json') return undefined;
    return { ...DEFAULTS, source: error.source, problem: error.message };
  }
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
