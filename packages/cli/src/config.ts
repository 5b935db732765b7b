/**
 * Finding and loading the config: `--config <file>`, else the nearest `keyguard.config.json` or
 * `package.json#keyguard` from the cwd upward, stopping at the repo root. Every problem is a
 * ConfigError naming the file (exit 2).
 */
import { ConfigError, defaultConfig, parseConfig, type KeyguardConfig } from '@keyguard/core';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { relativePosix } from './paths.js';

export interface LoadedConfig {
  config: KeyguardConfig;
  /** The file the config came from, relative to the cwd (undefined: built-in defaults). */
  source?: string;
}

export const configFileName = 'keyguard.config.json';

export function loadConfig(cwd: string, explicit?: string): LoadedConfig {
  if (explicit !== undefined) {
    const file = resolve(cwd, explicit);
    const name = relativePosix(cwd, file);
    if (!existsSync(file)) throw new ConfigError(name, 'config file not found');
    const raw = readJson(file, name);
    // `--config package.json` means its "keyguard" field.
    if (basename(file) === 'package.json') {
      if (typeof raw !== 'object' || raw === null || !('keyguard' in raw)) throw new ConfigError(name, 'has no "keyguard" field');
      const label = `${name}#keyguard`;
      return { config: parseConfig((raw as { keyguard: unknown }).keyguard, label), source: label };
    }
    return { config: parseConfig(raw, name), source: name };
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const configFile = join(dir, configFileName);
    if (existsSync(configFile)) {
      const name = relativePosix(cwd, configFile);
      return { config: parseConfig(readJson(configFile, name), name), source: name };
    }
    const packageFile = join(dir, 'package.json');
    if (existsSync(packageFile)) {
      const name = relativePosix(cwd, packageFile);
      const manifest = readJson(packageFile, name);
      if (typeof manifest === 'object' && manifest !== null && 'keyguard' in manifest) {
        const label = `${name}#keyguard`;
        return { config: parseConfig((manifest as { keyguard: unknown }).keyguard, label), source: label };
      }
    }
    // The repo root is the last place a project config can live.
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) break;
  }
  return { config: defaultConfig };
}

function readJson(file: string, name: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(name, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(name, `invalid JSON: ${(error as Error).message}`);
  }
}
