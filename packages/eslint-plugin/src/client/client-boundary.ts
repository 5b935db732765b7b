import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createPathsMatcher, parseTsconfig } from 'get-tsconfig';

/**
 * Client boundaries seen from one file: a module is client code when a client entry
 * imports it, directly or through other modules — a `'use client'` file (Next.js app
 * router), a pages-router page, an Expo Router screen, the scripts of a Vite index.html.
 * ESLint sees one file at a time, so this reads the project's sources once and follows
 * relative and tsconfig-alias imports. The graph is built once per ESLint process and
 * project, and again only when the file being linted was saved after it (an editor
 * session), at most every few seconds: a CLI run builds it once.
 */

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
const SKIPPED_FOLDERS = new Set(['node_modules', '.next', '.git', 'dist', 'build', 'out', 'coverage', '.turbo', '.vercel']);
/** Bounds the walk on giant repositories; past it, the boundary is what was seen. */
const MAX_FILES = 20_000;
const MAX_FILE_BYTES = 1_000_000;
const REBUILD_AT_MOST_EVERY_MS = 2_000;

/** The project's source files and their relative/alias imports, read once per root. */
interface ModuleGraph {
  builtAt: number;
  files: ReadonlySet<string>;
  text: (file: string) => string;
  /** The project files `file` imports at run time (relative and tsconfig-alias specifiers). */
  imports: (file: string) => readonly string[];
  /** Derived reachability maps, by query name; dropped with the graph. */
  reached: Map<string, Map<string, string>>;
}

const graphByRoot = new Map<string, ModuleGraph>();

/** The `'use client'` file through which `file` ends up in the browser bundle, if any. */
export function clientImporter(root: string, file: string): string | undefined {
  return reachedFrom(root, file, 'use client', (graph) => [...graph.files].filter((f) => directiveOf(graph.text(f)) === 'use client'));
}

/**
 * The entry through which `file` is reached, following imports from `entries(graph)`
 * (computed once per graph under `query`). A `'use server'` or `server-only` module stops
 * the walk: client code that imports it gets references, not its code.
 */
export function reachedFrom(
  root: string,
  file: string,
  query: string,
  entries: (graph: ModuleGraph) => readonly string[],
  follow: (graph: ModuleGraph, from: string, to: string) => boolean = () => true,
): string | undefined {
  const graph = graphFor(root, path.resolve(file));
  let reached = graph.reached.get(query);
  if (reached === undefined) {
    reached = walk(graph, entries(graph), follow);
    graph.reached.set(query, reached);
  }
  return reached.get(path.resolve(file));
}

export type { ModuleGraph };

/**
 * Whether `file` is one of the project's files on disk. One that is not (an unsaved editor
 * buffer, a file the walk's bounds left out) cannot be placed by its imports, so callers fall
 * back to folder conventions for it.
 */
export function isOnDisk(root: string, file: string): boolean {
  return graphFor(root, path.resolve(file)).files.has(path.resolve(file));
}

function graphFor(root: string, file: string): ModuleGraph {
  let graph = graphByRoot.get(root);
  if (graph === undefined || (Date.now() - graph.builtAt > REBUILD_AT_MOST_EVERY_MS && changedSince(file, graph))) {
    graph = build(root);
    graphByRoot.set(root, graph);
  }
  return graph;
}

/** A file saved (or created) after the walk: its imports may have changed. */
function changedSince(file: string, graph: ModuleGraph): boolean {
  try {
    return !graph.files.has(file) || statSync(file).mtimeMs > graph.builtAt;
  } catch {
    return false; // not on disk (an unsaved buffer, a test's virtual file)
  }
}

function build(root: string): ModuleGraph {
  const files = new Set<string>();
  collect(root, files);
  const texts = new Map<string, string>();
  const text = (file: string): string => {
    let found = texts.get(file);
    if (found === undefined) {
      try {
        found = statSync(file).size > MAX_FILE_BYTES ? '' : readFileSync(file, 'utf8');
      } catch {
        found = '';
      }
      texts.set(file, found);
    }
    return found;
  };
  const aliases = readAliases(root);
  const importsOf = new Map<string, string[]>();
  const imports = (file: string): string[] => {
    let found = importsOf.get(file);
    if (found === undefined) {
      found = [];
      for (const specifier of importSpecifiers(text(file))) {
        const target = resolveImport(specifier, file, aliases, files);
        if (target !== undefined) found.push(target);
      }
      importsOf.set(file, found);
    }
    return found;
  };
  return { builtAt: Date.now(), files, text, imports, reached: new Map() };
}

function walk(graph: ModuleGraph, entries: readonly string[], follow: (graph: ModuleGraph, from: string, to: string) => boolean): Map<string, string> {
  const reachedFrom = new Map<string, string>();
  const queue: Array<[string, string]> = entries.map((entry) => [entry, entry]);
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const [file, origin] = next;
    if (reachedFrom.has(file)) continue;
    const text = graph.text(file);
    if (file !== origin && (directiveOf(text) === 'use server' || /['"]server-only['"]/.test(text))) continue;
    reachedFrom.set(file, origin);
    for (const target of graph.imports(file)) {
      if (!reachedFrom.has(target) && follow(graph, file, target)) queue.push([target, origin]);
    }
  }
  return reachedFrom;
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

/** The folders an alias specifier may stand for (`@/ui/button` → `<root>/src/ui/button`). */
type Aliases = (specifier: string) => string[];

/**
 * `compilerOptions.paths` (and `baseUrl`) of tsconfig.json / jsconfig.json, read by get-tsconfig:
 * JSONC, and `extends` followed (a Next.js or Nx project often keeps its paths in a base config).
 */
function readAliases(root: string): Aliases {
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const file = path.join(root, name);
    try {
      if (!statSync(file).isFile()) continue;
      return createPathsMatcher({ path: file, config: parseTsconfig(file) }) ?? (() => []);
    } catch {
      continue; // unreadable or broken: no aliases, as if there were no file
    }
  }
  return () => [];
}

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

function resolveImport(specifier: string, from: string, aliases: Aliases, files: ReadonlySet<string>): string | undefined {
  let bases: string[];
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    bases = [path.resolve(path.dirname(from), specifier)];
  } else {
    bases = aliases(specifier);
    if (bases.length === 0) return undefined;
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
