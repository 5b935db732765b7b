/**
 * Reading keyguard's config files: `keyguard.config.json`, or the `keyguard` field of a
 * `package.json`. The CLI and the ESLint plugin find the config the same way, so the editor,
 * the pre-commit hook and CI agree. This module touches the file system, so it is a subpath
 * of its own (`@keyguard/core/config-files`): the main entry stays pure.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ConfigError } from './config.js';
import { parseConfig } from './index.js';
import type { KeyguardConfig } from './types.js';

export const CONFIG_FILE_NAME = 'keyguard.config.json';

export interface ConfigFile {
  config: KeyguardConfig;
  /** The file read (as given). */
  file: string;
  /** How messages name it: `name`, or `name#keyguard` for a package.json field. */
  label: string;
}

/**
 * Reads one config file; a `package.json` means its `keyguard` field. `name` is how errors
 * and reports name the file (e.g. relative to the cwd). Every problem is a ConfigError.
 */
export function readConfigFile(file: string, name = file): ConfigFile {
  if (!existsSync(file)) throw new ConfigError(name, 'config file not found');
  const raw = readJson(file, name);
  if (basename(file) !== 'package.json') return { config: parseConfig(raw, name), file, label: name };
  if (!hasKeyguardField(raw)) throw new ConfigError(name, 'has no "keyguard" field');
  const label = `${name}#keyguard`;
  return { config: parseConfig(raw.keyguard, label), file, label };
}

/**
 * The config that `directory` itself holds: its `keyguard.config.json`, else its
 * `package.json#keyguard`; undefined when it holds neither. Searching upward is the caller's.
 */
export function findConfigIn(directory: string, nameOf: (file: string) => string = (file) => file): ConfigFile | undefined {
  const configFile = join(directory, CONFIG_FILE_NAME);
  if (isFile(configFile)) return readConfigFile(configFile, nameOf(configFile));
  const packageFile = join(directory, 'package.json');
  // SvelteKit apps have route folders named `package.json`: only a file is a manifest.
  if (!isFile(packageFile)) return undefined;
  const name = nameOf(packageFile);
  const manifest = readJson(packageFile, name);
  if (!hasKeyguardField(manifest)) return undefined;
  const label = `${name}#keyguard`;
  return { config: parseConfig(manifest.keyguard, label), file: packageFile, label };
}

function isFile(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false; // a folder we may not enter holds no config we can read
  }
}

function hasKeyguardField(value: unknown): value is { keyguard: unknown } {
  return typeof value === 'object' && value !== null && 'keyguard' in value;
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
