/**
 * Reading keyguard's config files: `keyguard.config.json`, or the `keyguard` field of a
 * `package.json`. The CLI and the ESLint plugin find the config the same way, so the editor,
 * the pre-commit hook and CI agree. This module touches the file system, so it is a subpath
 * of its own (`@keyguard/core/config-files`): the main entry stays pure.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
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

/** A config found for a folder, and the folders that give its globs their meaning. */
export interface ProjectConfig extends ConfigFile {
  /** The folder `allow.paths` globs are relative to: the folder the config file is in. */
  base: string;
  /** The repository root the search stopped at (the folder holding `.git`); undefined outside a repo. */
  root: string | undefined;
}

export interface FindOptions {
  /** Outside a repository the search stops here (default: the process's cwd). */
  cwd?: string;
  /** How messages name a file (default: as found). */
  nameOf?: (file: string) => string;
  /**
   * Reuse what earlier lookups read (a process that looks up many folders: the ESLint plugin,
   * an editor's language server). Use one cache with one `nameOf`.
   */
  cache?: ConfigLookupCache;
}

/**
 * What `findProjectConfig` read in each folder, for many lookups in one process: a folder's own
 * config is read and parsed once, and reused while its `keyguard.config.json` and `package.json`
 * stat the same (modified and changed time, size, inode; or still absent). A lookup then costs two
 * `stat`s a folder instead of reading every `package.json` up to the repository root, and an
 * edit, a new config or a removed one is seen by the next lookup, also in a language server that
 * lives across edits. The repository root of a folder (where `.git` is) is kept for the cache's
 * life: creating or removing a repository under a running editor is not followed.
 */
export class ConfigLookupCache {
  readonly #folders = new Map<string, { stamp: string; found: ConfigFile | undefined; error?: unknown }>();
  readonly #roots = new Map<string, string | undefined>();

  /** `findConfigIn(folder, nameOf)`, or its earlier answer while the two files are unchanged. */
  configIn(folder: string, nameOf?: (file: string) => string): ConfigFile | undefined {
    const stamp = `${stampOf(join(folder, CONFIG_FILE_NAME))}|${stampOf(join(folder, 'package.json'))}`;
    let entry = this.#folders.get(folder);
    if (entry?.stamp !== stamp) {
      try {
        entry = { stamp, found: findConfigIn(folder, nameOf) };
      } catch (error) {
        entry = { stamp, found: undefined, error };
      }
      this.#folders.set(folder, entry);
    }
    if (entry.error !== undefined) throw entry.error;
    return entry.found;
  }

  repoRootOf(start: string): string | undefined {
    if (!this.#roots.has(start)) this.#roots.set(start, repoRootOf(start));
    return this.#roots.get(start);
  }
}

/** What changes when a file is written, replaced, created or removed; '-' when absent. */
function stampOf(file: string): string {
  try {
    const stats = statSync(file, { throwIfNoEntry: false });
    return stats === undefined ? '-' : `${stats.mtimeMs}:${stats.ctimeMs}:${stats.size}:${stats.ino}:${stats.mode}`;
  } catch {
    return '?';
  }
}

/**
 * The project config of a folder, found the same way by the CLI (from its cwd) and the ESLint
 * plugin (from the linted file's folder): the nearest `keyguard.config.json` or
 * `package.json#keyguard` at or above `dir`, up to the repository root (the nearest folder
 * holding `.git`). Outside a repository the search stops at the cwd when `dir` is under it, else
 * it reads `dir` alone: it never walks to `/`. A `package.json` that is not ours (no `keyguard`
 * field, not JSON, a folder of that name) is passed over; a broken config of ours is a
 * ConfigError naming the file. undefined: no config (the built-in defaults apply).
 */
export function findProjectConfig(dir: string, options: FindOptions = {}): ProjectConfig | undefined {
  const start = resolve(dir);
  const { cache } = options;
  const root = cache ? cache.repoRootOf(start) : repoRootOf(start);
  const cwd = resolve(options.cwd ?? process.cwd());
  const stop = root ?? (isAtOrUnder(start, cwd) ? cwd : start);
  for (let folder = start; ; folder = dirname(folder)) {
    const found = cache ? cache.configIn(folder, options.nameOf) : findConfigIn(folder, options.nameOf);
    if (found) return { ...found, base: folder, root };
    if (folder === stop || dirname(folder) === folder) return undefined;
  }
}

/** The nearest folder at or above `start` holding `.git` (a folder, or a file in a worktree). */
function repoRootOf(start: string): string | undefined {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) return folder;
    if (dirname(folder) === folder) return undefined;
  }
}

function isAtOrUnder(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/**
 * The config that `directory` itself holds: its `keyguard.config.json`, else its
 * `package.json#keyguard`; undefined when it holds neither. A package.json that is not ours (no
 * `keyguard` field, not JSON, a folder of that name) is passed over.
 */
export function findConfigIn(directory: string, nameOf: (file: string) => string = (file) => file): ConfigFile | undefined {
  const configFile = join(directory, CONFIG_FILE_NAME);
  if (isFile(configFile, nameOf(configFile))) return readConfigFile(configFile, nameOf(configFile));
  const packageFile = join(directory, 'package.json');
  // SvelteKit apps have route folders named `package.json`: only a file is a manifest.
  if (!isFile(packageFile)) return undefined;
  let manifest: unknown;
  try {
    const read = readRegularTextFile(packageFile, 16 * MAX_CONFIG_BYTES);
    if (!('text' in read)) return undefined;
    manifest = JSON.parse(read.text);
  } catch {
    // npm's problem, and it may not mention keyguard at all: as if it were not there.
    return undefined;
  }
  if (!hasKeyguardField(manifest)) return undefined;
  const label = `${nameOf(packageFile)}#keyguard`;
  return { config: parseConfig(manifest.keyguard, label), file: packageFile, label };
}

/** Whether `file` is a regular file; a special file is passed over, or with `name` an error naming it. */
function isFile(file: string, name?: string): boolean {
  let stats;
  try {
    stats = statSync(file, { throwIfNoEntry: false });
  } catch {
    return false; // a folder we may not enter holds no config we can read
  }
  if (stats === undefined || stats.isDirectory()) return false;
  // a FIFO, a device (or a symlink to one, such as /dev/zero) is there but never read
  if (!stats.isFile() && name !== undefined) throw new ConfigError(name, NOT_REGULAR);
  return stats.isFile();
}

const NOT_REGULAR = 'is not a regular file (a FIFO, device or socket, or a symlink to one): keyguard reads only regular files';
/** Config files are small; a bigger one is a mistake or an attack (a symlink to /dev/zero). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads a small text file keyguard itself needs (a config, a baseline) the way scanned files are
 * read: opened without blocking (a FIFO cannot hang the run), only if it is a regular file (a
 * symlink to one is fine, to a device is not), and never more than `maxBytes` (a file that grows
 * while read, or reports size 0, cannot exhaust memory). Returns the text or the problem.
 */
export function readRegularTextFile(file: string, maxBytes: number): { text: string } | { problem: string; code?: string } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (process.platform === 'win32' ? 0 : constants.O_NONBLOCK));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { problem: code === 'ENXIO' ? NOT_REGULAR : `cannot read the file (${code})`, code };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { problem: NOT_REGULAR };
    const limit = `is larger than ${Math.round(maxBytes / 1024)} KB, the most keyguard reads of such a file`;
    if (stats.size > maxBytes) return { problem: limit };
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(stats.size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return { problem: limit };
        break;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > maxBytes) return { problem: limit };
    }
    return { text: buffer.subarray(0, length).toString('utf8').replace(/^\uFEFF/, '') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { problem: `cannot read the file (${code})`, code };
  } finally {
    closeSync(fd);
  }
}

function hasKeyguardField(value: unknown): value is { keyguard: unknown } {
  return typeof value === 'object' && value !== null && 'keyguard' in value;
}

function readJson(file: string, name: string): unknown {
  const read = readRegularTextFile(file, basename(file) === 'package.json' ? 16 * MAX_CONFIG_BYTES : MAX_CONFIG_BYTES);
  if (!('text' in read)) throw new ConfigError(name, read.problem);
  try {
    return JSON.parse(read.text);
  } catch (error) {
    const { line, column, problem } = jsonErrorAt(read.text, (error as Error).message);
    throw new ConfigError(`${name}:${line}:${column}`, `invalid JSON: ${problem}`);
  }
}

/**
 * Where a JSON text goes wrong, as an editor's 1-based line:column, with JSON.parse's message
 * minus its offset and minus the text it quotes (`Unexpected token 'g', "ghp_abcdef"... is not
 * valid JSON`: ten characters of what may be a pasted key). Node reports an offset for some
 * errors only (and a line from 22 on), so the place comes from a small scan of the text that
 * stops at the first character JSON forbids.
 */
export function jsonErrorAt(text: string, message: string): { line: number; column: number; problem: string } {
  const problem = message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s+in JSON at position \d+/, '')
    .replace(/,\s*(?:\.\.\.)?"[\s\S]*"(?:\.\.\.)?\s+is not valid JSON$/, '')
    .trim();
  const offset = Math.min(firstJsonError(text), text.length);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column, problem };
}

/** The offset of the first character that makes `text` invalid JSON (its length when it ends too early). */
function firstJsonError(text: string): number {
  let at = 0;
  const fail = (offset = at): never => {
    throw offset;
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const literal = (word: string) => {
    for (const char of word) {
      if (text[at] !== char) fail();
      at++;
    }
  };
  const string = () => {
    at++; // the opening quote
    while (at < text.length) {
      const char = text[at]!;
      if (char === '"') return void at++;
      if (char < ' ') fail();
      if (char === '\\') {
        at++;
        if (text[at] === 'u') {
          for (let i = 1; i <= 4; i++) if (!/[0-9a-fA-F]/.test(text[at + i] ?? '')) fail(at + i);
          at += 5;
          continue;
        }
        if (!'"\\/bfnrt'.includes(text[at] ?? 'x')) fail();
      }
      at++;
    }
    fail();
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at));
    if (!match || match[0] === '' || match[0] === '-') fail();
    at += match![0].length;
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') {
      at++;
      space();
      if (text[at] === '}') return void at++;
      for (;;) {
        space();
        if (text[at] !== '"') fail();
        string();
        space();
        if (text[at] !== ':') fail();
        at++;
        value();
        space();
        if (text[at] === ',') { at++; continue; }
        if (text[at] === '}') return void at++;
        fail();
      }
    }
    if (char === '[') {
      at++;
      space();
      if (text[at] === ']') return void at++;
      for (;;) {
        value();
        space();
        if (text[at] === ',') { at++; continue; }
        if (text[at] === ']') return void at++;
        fail();
      }
    }
    if (char === '"') return string();
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    return number();
  };
  try {
    value();
    space();
    return at < text.length ? at : text.length;
  } catch (offset) {
    return offset as number;
  }
}
