import path from 'node:path';
import { ConfigError, defaultConfig, hasUserRegexes, type KeyguardConfig } from '@keyguard/core';
import { ConfigLookupCache, findProjectConfig } from '@keyguard/core/config-files';
import picomatch from 'picomatch';
import { posixRelative } from './posix-path.js';
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

/**
 * One cache for the process: each folder's config is read once and reused while its files stat
 * the same, so a lint run reads every package.json once, and an editor's language server, which
 * keeps this process across edits, sees a changed, new or removed config at the next lint.
 */
const lookups = new ConfigLookupCache();
/** What a parsed config (or a broken one's error) becomes, made once per version of the file. */
const prepared = new WeakMap<object, ProjectConfig>();

export function projectConfig(file: string, cwd: string): ProjectConfig {
  if (!path.isAbsolute(file)) return DEFAULTS;
  try {
    const found = findProjectConfig(path.dirname(file), { cwd, cache: lookups });
    if (found === undefined) return DEFAULTS;
    let result = prepared.get(found.config);
    if (result === undefined) {
      result = prepare(found.file, found.label, found.base, found.config);
      prepared.set(found.config, result);
    }
    return result;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    let result = prepared.get(error);
    if (result === undefined) {
      result = { ...DEFAULTS, source: error.source, problem: error.message };
      prepared.set(error, result);
    }
    return result;
  }
}

/** A found config, checked for catastrophic regexes; a broken config of ours is a problem to report, not a crash. */
function prepare(file: string, label: string, base: string, config: KeyguardConfig): ProjectConfig {
  if (hasUserRegexes(config)) {
    const problem = regexSafety().configRegexProblem(config);
    if (problem !== undefined) {
      const error = new ConfigError(label, problem);
      return { ...DEFAULTS, source: error.source, problem: error.message };
    }
  }
  return withAllowedPaths(file, base, config);
}

function withAllowedPaths(file: string, base: string, config: KeyguardConfig): ProjectConfig {
  const matches = config.allow.paths.length > 0 ? picomatch([...config.allow.paths], { dot: true }) : undefined;
  return {
    config,
    source: file,
    isAllowedPath: (linted) => matches !== undefined && matches(posixRelative(base, linted)),
  };
}
