import path from 'node:path';
import { ConfigError, defaultConfig, hasUserRegexes, type KeyguardConfig } from '@keyguard/core';
import { findProjectConfig } from '@keyguard/core/config-files';
import picomatch from 'picomatch';
import { regexSafety } from './lazy-regex-safety.js';

/**
 * The project's keyguard config, found by `findProjectConfig` of @keyguard/core — the code
 * `keyguard scan` finds it with — from the linted file's folder, as ESLint finds its own
 * config. The editor, the pre-commit hook and CI then agree on disabled rules, allowed values
 * and allowed paths (globs relative to the config's folder, for both).
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

export function projectConfig(file: string, cwd: string): ProjectConfig {
  if (!path.isAbsolute(file)) return DEFAULTS;
  const directory = path.dirname(file);
  const key = `${cwd}\0${directory}`;
  let result = configByDirectory.get(key);
  if (result === undefined) {
    result = configOf(directory, cwd);
    configByDirectory.set(key, result);
  }
  return result;
}

/** The config of a folder; a broken config of ours is a problem to report, not a crash. */
function configOf(directory: string, cwd: string): ProjectConfig {
  try {
    const found = findProjectConfig(directory, { cwd });
    if (found && hasUserRegexes(found.config)) {
      const problem = regexSafety().configRegexProblem(found.config);
      if (problem !== undefined) throw new ConfigError(found.label, problem);
    }
    return found ? withAllowedPaths(found.file, found.base, found.config) : DEFAULTS;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { ...DEFAULTS, source: error.source, problem: error.message };
  }
}

function withAllowedPaths(file: string, base: string, config: KeyguardConfig): ProjectConfig {
  const matches = config.allow.paths.length > 0 ? picomatch([...config.allow.paths], { dot: true }) : undefined;
  return {
    config,
    source: file,
    isAllowedPath: (linted) => matches !== undefined && matches(path.relative(base, linted).split(path.sep).join('/')),
  };
}
