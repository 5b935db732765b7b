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

/**
 * Scripts, and Vue / Svelte / Astro components: `main.ts` imports `./App.vue`, which imports `./api.ts`;
 * an `.astro` page hydrates `./Counter.tsx` (read by the Astro entry layer; no walk enters an `.astro` file).
 */
const SOURCE = /\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/;
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
  /** The project file an import specifier of `from` names, if any. */
  resolve: (specifier: string, from: string) => string | undefined;
  /** Derived reachability maps, by query name; dropped with the graph. */
  reached: Map<string, Map<string, string>>;
}

const graphByRoot = new Map<string, ModuleGraph>();

/** The `'use client'` file through which `file` ends up in the browser bundle, if any. */
export function clientImporter(root: string, file: string): string | undefined {
  return reachedFrom(root, file, 'use client', (graph) => [...graph.files].filter((f) => directiveOf(graph.text(f)) === 'use client'));
}

/**
 * `from` imports only types from `to` (`import { DownloadJob } from './store'` where the store
 * says `export interface DownloadJob`): TypeScript erases the import, and `to` is not bundled
 * through it.
 */
function takesOnlyTypes(graph: ModuleGraph, from: string, to: string): boolean {
  const names = namesTaken(graph, from, to);
  if (names === undefined || names.length === 0) return false;
  const types = exportedTypes(graph, to);
  return names.every((name) => types.has(name));
}

const EXPORTED_TYPE = /\bexport\s+(?:declare\s+)?(?:type|interface)\s+([\w$]+)/g;
const typesByGraph = new WeakMap<ModuleGraph, Map<string, ReadonlySet<string>>>();

/** The names `file` exports as a type or interface, read once per graph (not a regex per name and edge). */
function exportedTypes(graph: ModuleGraph, file: string): ReadonlySet<string> {
  let byFile = typesByGraph.get(graph);
  if (byFile === undefined) typesByGraph.set(graph, (byFile = new Map()));
  let types = byFile.get(file);
  if (types === undefined) {
    types = new Set(Array.from(graph.text(file).matchAll(EXPORTED_TYPE), (match) => match[1] ?? ''));
    byFile.set(file, types);
  }
  return types;
}

/**
 * The names that client code imports from `file` (`import { a, b as c }` gives `a`, a default
 * import `default`), when `file` is no entry of its own and every client importer names what it
 * takes; undefined when the whole module counts: a namespace or side-effect import, `export *`,
 * a dynamic import or `require`. A function nobody on the client imports or calls is shaken out
 * of the bundle (papermark's `lib/domains.ts`: client components take `getSubdomain`, API routes
 * the functions that call Vercel with a token).
 */
export function clientBindings(root: string, file: string): ReadonlySet<string> | undefined {
  const graph = graphFor(root, path.resolve(file));
  const reached = graph.reached.get('use client');
  const target = path.resolve(file);
  if (reached === undefined || reached.get(target) === target) return undefined;
  const names = new Set<string>();
  for (const importer of reached.keys()) {
    if (!graph.imports(importer).includes(target)) continue;
    const taken = namesTaken(graph, importer, target);
    if (taken === undefined) return undefined;
    for (const name of taken) names.add(name);
  }
  return names;
}

const NAMED_IMPORT = /\b(import|export)\s+(type\s+)?([^'";]*?)\s*\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** One import of a file: the module it names, and the names it takes (undefined: the whole module). */
interface ImportClause {
  target: string;
  names: readonly string[] | undefined;
}

const clausesByGraph = new WeakMap<ModuleGraph, Map<string, ImportClause[]>>();

/** The imports of `file` that reach project files, parsed once per graph. */
function importClauses(graph: ModuleGraph, file: string): ImportClause[] {
  let byFile = clausesByGraph.get(graph);
  if (byFile === undefined) clausesByGraph.set(graph, (byFile = new Map()));
  let clauses = byFile.get(file);
  if (clauses !== undefined) return clauses;
  clauses = [];
  for (const match of graph.text(file).matchAll(NAMED_IMPORT)) {
    const specifier = match[4] ?? match[5] ?? match[6] ?? match[7];
    if (specifier === undefined || match[2] !== undefined) continue; // import type / export type
    const target = graph.resolve(specifier, file);
    if (target === undefined) continue;
    clauses.push({ target, names: match[4] === undefined ? undefined : clauseNames(match[1] === 'import', match[3] ?? '') });
  }
  byFile.set(file, clauses);
  return clauses;
}

/** `a, { b as c, type D }` → [default, b]; undefined for `* as ns` and `export *`. */
function clauseNames(isImport: boolean, clause: string): string[] | undefined {
  const braces = /\{([^}]*)\}/.exec(clause);
  const outside = clause.replace(/\{[^}]*\}/, '').replace(/,/g, ' ').trim();
  if (/\*/.test(outside)) return undefined;
  const names: string[] = [];
  if (isImport && outside !== '') names.push('default');
  for (const part of braces?.[1]?.split(',') ?? []) {
    const name = /^\s*([\w$]+)/.exec(part)?.[1];
    if (name !== undefined && !/^\s*type\s/.test(part)) names.push(name);
  }
  return names;
}

/** The names `from` takes from `to`; undefined when it takes the whole module. */
function namesTaken(graph: ModuleGraph, from: string, to: string): string[] | undefined {
  const names: string[] = [];
  for (const clause of importClauses(graph, from)) {
    if (clause.target !== to) continue;
    if (clause.names === undefined) return undefined;
    names.push(...clause.names);
  }
  return names;
}

/**
 * The entry through which `file` is reached, following imports from `entries(graph)`
 * (computed once per graph under `query`). A `'use server'` or `server-only` module stops
 * the walk: client code that imports it gets references, not its code. An import of types
 * only is erased by TypeScript and is not followed.
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

/** The project's module graph as the walks above see it (for derived data kept beside a query). */
export function moduleGraph(root: string, file: string): ModuleGraph {
  return graphFor(root, path.resolve(file));
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
  // What a specifier resolves to depends only on it and, when relative, on the importer's folder:
  // each is resolved once per graph (files of one folder import the same modules, and the import
  // list and the import clauses of a file both resolve its specifiers).
  const resolved = new Map<string, string | null>();
  const resolve = (specifier: string, from: string): string | undefined => {
    const key = specifier.startsWith('./') || specifier.startsWith('../') ? `${path.dirname(from)}\0${specifier}` : specifier;
    let target = resolved.get(key);
    if (target === undefined) {
      target = resolveImport(specifier, from, aliases, files) ?? null;
      resolved.set(key, target);
    }
    return target ?? undefined;
  };
  const importsOf = new Map<string, string[]>();
  const imports = (file: string): string[] => {
    let found = importsOf.get(file);
    if (found === undefined) {
      found = [];
      for (const specifier of importSpecifiers(text(file))) {
        const target = resolve(specifier, file);
        if (target !== undefined) found.push(target);
      }
      importsOf.set(file, found);
    }
    return found;
  };
  return { builtAt: Date.now(), files, text, imports, resolve, reached: new Map() };
}

function walk(graph: ModuleGraph, entries: readonly string[], follow: (graph: ModuleGraph, from: string, to: string) => boolean): Map<string, string> {
  const reachedFrom = new Map<string, string>();
  const queue: Array<[string, string]> = entries.map((entry) => [entry, entry]);
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const [file, origin] = next;
    if (reachedFrom.has(file)) continue;
    const text = graph.text(file);
    if (file !== origin && (directiveOf(text) === 'use server' || /['"]server-only['"]/.test(text))) continue;
    // an Astro component's imports are its frontmatter's, which runs on the server
    if (file.endsWith('.astro')) continue;
    reachedFrom.set(file, origin);
    for (const target of graph.imports(file)) {
      if (!reachedFrom.has(target) && follow(graph, file, target) && !takesOnlyTypes(graph, file, target)) queue.push([target, origin]);
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
    const found = firstCandidate(base, files);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The first of `base`, `base` + an extension, `base/index` + an extension and (TypeScript ESM style,
 * `./button.js` written for `./button.tsx`) `base` without its .js + an extension that is a project
 * file, in that order; built one at a time, not as a list per import.
 */
function firstCandidate(base: string, files: ReadonlySet<string>): string | undefined {
  if (files.has(base)) return base;
  for (const ext of EXTENSIONS) if (files.has(base + ext)) return base + ext;
  for (const ext of EXTENSIONS) {
    const index = path.join(base, `index${ext}`);
    if (files.has(index)) return index;
  }
  const withoutJs = base.replace(/\.[cm]?jsx?$/, '');
  if (withoutJs !== base) for (const ext of EXTENSIONS) if (files.has(withoutJs + ext)) return withoutJs + ext;
  return undefined;
}
