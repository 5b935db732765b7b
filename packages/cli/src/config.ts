/**
 * Finding and loading the config: `--config <file>`, else the project config of the cwd as
 * `findProjectConfig` of @keyguard/core finds it (the ESLint plugin finds it with the same code).
 * Every problem is a ConfigError naming the file (exit 2).
 */
import { defaultConfig, hasUserRegexes, type KeyguardConfig } from '@keyguard/core';
import { findProjectConfig, readConfigFile } from '@keyguard/core/config-files';
import { resolve } from 'node:path';
import { relativePosix } from './paths.js';

export interface LoadedConfig {
  config: KeyguardConfig;
  /** The file the config came from, relative to the cwd (undefined: built-in defaults). */
  source?: string;
  /**
   * Where `allow.paths` globs start, as a posix path relative to the repo root (the cwd outside
   * git): the found config's folder; '' for the root itself, for `--config` and for defaults.
   */
  allowBase: string;
}

export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const loaded = findConfig(cwd, explicit);
  // The ReDoS analysis is loaded only for configs that bring regexes: a commit without any does
  // not pay for it.
  if (loaded.source !== undefined && hasUserRegexes(loaded.config)) {
    const { checkConfigRegexes } = await import('@keyguard/core/regex-safety');
    checkConfigRegexes(loaded.config, loaded.source);
  }
  return loaded;
}

function findConfig(cwd: string, explicit?: string): LoadedConfig {
  const nameOf = (file: string) => relativePosix(cwd, file);
  if (explicit !== undefined) {
    const file = resolve(cwd, explicit);
    const { config, label } = readConfigFile(file, nameOf(file));
    return { config, source: label, allowBase: '' };
  }
  const found = findProjectConfig(cwd, { cwd, nameOf });
  if (!found) return { config: defaultConfig, allowBase: '' };
  const base = relativePosix(found.root ?? resolve(cwd), found.base);
  return { config: found.config, source: found.label, allowBase: base === '.' ? '' : base };
}
