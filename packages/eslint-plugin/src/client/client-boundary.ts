import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The Next.js app router's client boundary, seen from one file: a module is client code
 * when a `'use client'` file imports it, directly or through other modules. ESLint sees one
 * file at a time, so this reads the project's sources and follows relative and
 * tsconfig-alias imports from every `'use client'` file. The walk happens once per ESLint
 * process and project, and again only when the file being linted was saved after it (an
 * editor session), at most every few seconds: a CLI run walks once.
 */

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
const SKIPPED_FOLDERS = new Set(['node_modules', '.next', '.git', 'dist', 'build', 'out', 'coverage', '.turbo', '.vercel']);
/** Bounds the walk on giant repositories; past it, the boundary is what was seen. */
const MAX_FILES = 20_000;
const MAX_FILE_BYTES = 1_000_000;
const REBUILD_AT_MOST_EVERY_MS = 2_000;

interface Boundary {
  builtAt: number;
  files: ReadonlySet<string>;
  /** Client module → the 'use client' file it was reached from. */
  reachedFrom: Map<string, string>;
}

const boundaryByRoot = new Map<string, Boundary>();

/** The `'use client'` file through which `file` ends up in the browser bundle, if any. */
export function clientImporter(root: string, file: string): string | undefined {
  const absolute = path.resolve(file);
  let boundary = boundaryByRoot.get(root);
  if (boundary === undefined || (Date.now() - boundary.builtAt > REBUILD_AT_MOST_EVERY_MS && changedSince(absolute, boundary))) {
    boundary = build(root);
    boundaryByRoot.set(root, boundary);
  }
  return boundary.reachedFrom.get(absolute);
}

/** A file saved (or created) after the walk: its imports may have changed. */
function changedSince(file: string, boundary: Boundary): boolean {
  try {
    return !boundary.files.has(file) || statSync(file).mtimeMs > boundary.builtAt;
  } catch {
    return false; // not on disk (an unsaved buffer, a test's virtual file)
  }
}

function build(root: string): Boundary {
  const files = new Set<string>();
  collect(root, files);
  const texts = new Map<string, string>();
  const read = (file: string): string => {
    let text = texts.get(file);
    if (text === undefined) {
      try {
        text = statSync(file).size > MAX_FILE_BYTES ? '' : readFileSync(file, 'utf8');
      } catch {
        text = '';
      }
      texts.set(file, text);
    }
    return text;
  };
  const aliases = readAliases(root);
  const reachedFrom = new Map<string, string>();
  const queue: Array<[string, string]> = [];
  for (const file of files) {
    if (directiveOf(read(file)) === 'use client') queue.push([file, file]);
  }
  while (queue.length > 0) {
    const [file, origin] = queue.shift() as [string, string];
    if (reachedFrom.has(file)) continue;
    const text = read(file);
    // A 'use server' module imported by client code stays on the server (its exports
    // become server-action references); a server-only import is a build error anyway.
    if (file !== origin && (directiveOf(text) === 'use server' || /['"]server-only['"]/.test(text))) continue;
    reachedFrom.set(file, origin);
    for (const specifier of importSpecifiers(text)) {
      const target = resolveImport(specifier, file, aliases, files);
      if (target !== undefined && !reachedFrom.has(target)) queue.push([target, origin]);
    }
  }
  return { builtAt: Date.now(), files, reachedFrom };
}

function collect(folder: string, into: Set<string>): void {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (into.size >= MAX_FILES) return;
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) collect(path.join(folder, entry.name), into);
    } else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      into.add(path.join(folder, entry.name));
    }
  }
}

/** The directive prologue's 'use client' / 'use server', after comments and blank lines. */
export function directiveOf(text: string): 'use client' | 'use server' | undefined {
  const match = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(['"])(use client|use server)\1/.exec(text);
  return match?.[2] as 'use client' | 'use server' | undefined;
}

const IMPORT = /\bimport\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bexport\s+[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importSpecifiers(text: string): string[] {
  const specifiers: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    // `import type` never reaches the bundle.
    if (/^import\s+type\s/.test(match[0])) continue;
    const specifier = match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[5];
    if (specifier !== undefined) specifiers.push(specifier);
  }
  return specifiers;
}

interface Alias {
  prefix: string;
  wildcard: boolean;
  targets: string[];
}

/** `compilerOptions.paths` of tsconfig.json / jsconfig.json (`@/*` → `./src/*`). */
function readAliases(root: string): Alias[] {
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    let config: { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } };
    try {
      config = JSON.parse(stripJsonComments(readFileSync(path.join(root, name), 'utf8'))) as typeof config;
    } catch {
      continue;
    }
    const base = path.resolve(root, config.compilerOptions?.baseUrl ?? '.');
    return Object.entries(config.compilerOptions?.paths ?? {}).map(([key, targets]) => ({
      prefix: key.replace(/\*$/, ''),
      wildcard: key.endsWith('*'),
      targets: targets.map((target) => path.resolve(base, target.replace(/\*$/, ''))),
    }));
  }
  return [];
}

/** tsconfig files are JSONC: drop comments and trailing commas, leaving strings alone. */
export function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (char === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else {
      out += char;
    }
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

function resolveImport(specifier: string, from: string, aliases: readonly Alias[], files: ReadonlySet<string>): string | undefined {
  let bases: string[];
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    bases = [path.resolve(path.dirname(from), specifier)];
  } else {
    const alias = aliases.find((a) => (a.wildcard ? specifier.startsWith(a.prefix) : specifier === a.prefix));
    if (alias === undefined) return undefined;
    const rest = alias.wildcard ? specifier.slice(alias.prefix.length) : '';
    bases = alias.targets.map((target) => path.join(target, rest));
  }
  for (const base of bases) {
    const candidates = [base, ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => path.join(base, `index${ext}`))];
    // TypeScript ESM style: `./button.js` written for `./button.tsx`.
    const withoutJs = base.replace(/\.[cm]?jsx?$/, '');
    if (withoutJs !== base) candidates.push(...EXTENSIONS.map((ext) => withoutJs + ext));
    const found = candidates.find((candidate) => files.has(candidate));
    if (found !== undefined) return found;
  }
  return undefined;
}
