/**
 * Finding and loading the config: `--config <file>`, else the nearest `keyguard.config.json` or
 * `package.json#keyguard` from the cwd upward, stopping at the repo root. Every problem is a
 * ConfigError naming the file (exit 2).
 */
import { defaultConfig, type KeyguardConfig } from '@keyguard/core';
import { CONFIG_FILE_NAME, findConfigIn, readConfigFile } from '@keyguard/core/config-files';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { relativePosix } from './paths.js';

export interface LoadedConfig {
  config: KeyguardConfig;
  /** The file the config came from, relative to the cwd (undefined: built-in defaults). */
  source?: string;
}

export const configFileName = CONFIG_FILE_NAME;

export function loadConfig(cwd: string, explicit?: string): LoadedConfig {
  const nameOf = (file: string) => relativePosix(cwd, file);
  if (explicit !== undefined) {
    const file = resolve(cwd, explicit);
    const { config, label } = readConfigFile(file, nameOf(file));
    return { config, source: label };
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const found = findConfigIn(dir, nameOf);
    if (found) return { config: found.config, source: found.label };
    // The repo root is the last place a project config can live.
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) break;
  }
  return { config: defaultConfig };
}
