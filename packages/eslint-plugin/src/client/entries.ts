import { readFileSync } from 'node:fs';
import path from 'node:path';
import { posixRelative } from '../posix-path.js';
import { isOnDisk, moduleGraph, reachedFrom, type ModuleGraph } from './client-boundary.js';
import { astroEntries, describeAstroEntry, type AstroEntry } from './astro.js';
import type { FrameworkId } from './frameworks.js';
import type { Verdict } from './verdict.js';

/**
 * Layer 5: what the bundler's entry points reach. A framework bundles for the browser (or
 * the device) the modules its client entries import, not every file in the folder: a
 * library that only uses Vite to test has no index.html, an Expo config plugin is never
 * imported by a screen, and a page's `lib/db.ts` is tree-shaken with getServerSideProps.
 * Files that no entry reaches get no verdict here, and the client-side rules stay quiet.
 */
export function entryVerdict(framework: FrameworkId, root: string, file: string): Verdict | undefined {
  switch (framework) {
    case 'expo':
    case 'react-native':
      return expo(root, file);
    case 'vite':
      return vite(root, file);
    case 'next':
      return viaComponents(root, file, 'next-pages', isNextPage, 'a pages-router page');
    case 'remix':
      return viaComponents(root, file, 'remix-routes', isRemixRoute, 'a route module');
    case 'astro':
      return astro(root, file);
    default:
      return undefined;
  }
}

const SCRIPT = /\.[cm]?[jt]sx?$/;
/** `app/api/chat+api.ts`, `app/+middleware.ts`, `app/+html.tsx`. */
const EXPO_SERVER_FILE = /(\+api|(^|\/)\+middleware|(^|\/)\+html)\.[cm]?[jt]sx?$/;


function expo(root: string, file: string): Verdict | undefined {
  const entry = reachedFrom(root, file, 'expo-client', (graph) => expoClientEntries(graph, root), (_graph, _from, to) => !EXPO_SERVER_FILE.test(to));
  if (entry !== undefined) {
    return { side: 'client', reason: `it is in the app bundle that ships to the device (reached from ${posixRelative(root, entry)})` };
  }
  const serverEntry = reachedFrom(root, file, 'expo-server', (graph) => [...graph.files].filter((f) => EXPO_SERVER_FILE.test(posixRelative(root, f))));
  if (serverEntry !== undefined) {
    return { side: 'server', reason: `only Expo Router server files import it (${posixRelative(root, serverEntry)})` };
  }
  if (!isOnDisk(root, file) && !/^(scripts|server)\//.test(posixRelative(root, file))) {
    return { side: 'client', reason: 'an Expo / React Native app ships its code to the device' };
  }
  return undefined;
}

/** Expo Router screens and layouts (app/, src/app/), App.*, index.* and package.json#main. */
function expoClientEntries(graph: ModuleGraph, root: string): string[] {
  const main = readMain(root);
  return [...graph.files].filter((file) => {
    const name = posixRelative(root, file);
    if (EXPO_SERVER_FILE.test(name)) return false;
    if (/^(src\/)?app\//.test(name)) return true;
    if (/^(App|index)\.[cm]?[jt]sx?$/.test(name)) return true;
    return main !== undefined && (name === main || name.replace(SCRIPT, '') === main.replace(SCRIPT, ''));
  });
}

function readMain(root: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main?: unknown };
    return typeof manifest.main === 'string' && manifest.main.startsWith('.') ? path.posix.normalize(manifest.main) : undefined;
  } catch {
    return undefined;
  }
}

function vite(root: string, file: string): Verdict | undefined {
  const entry = reachedFrom(root, file, 'vite-html', () => htmlScripts(root));
  if (entry !== undefined) return { side: 'client', reason: `index.html loads it (through ${posixRelative(root, entry)})` };
  if (!isOnDisk(root, file) && /^src\//.test(posixRelative(root, file))) return { side: 'client', reason: 'Vite bundles src/ for the browser' };
  return undefined;
}

/** `<script type="module" src="/src/main.tsx">` of the project's index.html. */
export function htmlScripts(root: string): string[] {
  let html: string;
  try {
    html = readFileSync(path.join(root, 'index.html'), 'utf8');
  } catch {
    return [];
  }
  const scripts: string[] = [];
  for (const match of html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)) {
    const src = match[1] ?? '';
    if (/^[a-z]+:|^\/\//i.test(src)) continue;
    scripts.push(path.join(root, src.replace(/^\//, '').replace(/[?#].*$/, '')));
  }
  return scripts;
}

const astroEntriesByGraph = new WeakMap<ModuleGraph, Map<string, AstroEntry>>();

/**
 * Astro ships a component's code only when an `.astro` file hydrates it (`client:load`, `client:idle`,
 * `client:visible`, `client:media`, `client:only`), and the modules its `<script>` tags import: those
 * are the entries, and what they import ships too. The walk never enters an `.astro` file (its
 * frontmatter runs on the server); a module nothing reaches gets no verdict.
 */
function astro(root: string, file: string): Verdict | undefined {
  const byEntry = (graph: ModuleGraph): Map<string, AstroEntry> => {
    let found = astroEntriesByGraph.get(graph);
    if (found === undefined) {
      found = new Map();
      for (const entry of astroEntries(graph)) if (!found.has(entry.file)) found.set(entry.file, entry);
      astroEntriesByGraph.set(graph, found);
    }
    return found;
  };
  const entry = reachedFrom(root, file, 'astro-islands', (graph) => [...byEntry(graph).keys()], (_graph, _from, to) => !to.endsWith('.astro'));
  const found = entry === undefined ? undefined : byEntry(moduleGraph(root, file)).get(entry);
  if (found === undefined) return undefined;
  return { side: 'client', reason: describeAstroEntry(found, root, file) };
}

function isNextPage(name: string): boolean {
  return /^(src\/)?pages\//.test(name) && !/^(src\/)?pages\/api\//.test(name) && !/^(src\/)?pages\/_document\./.test(name);
}

function isRemixRoute(name: string): boolean {
  return /^app\/(routes\/|root\.|entry\.client\.)/.test(name) && !/\.server\./.test(name);
}

/**
 * From a page or route module, only components are followed: the module's server
 * exports (getServerSideProps, loader, action) are stripped from the browser build, and
 * with them the helpers only they import, which keyguard cannot tell apart by name. A
 * component (a .jsx/.tsx file or one under components/) renders in the browser, and so
 * does everything it imports.
 */
function viaComponents(root: string, file: string, query: string, isEntry: (name: string) => boolean, what: string): Verdict | undefined {
  const entry = reachedFrom(
    root,
    file,
    query,
    (graph) => [...graph.files].filter((f) => isEntry(posixRelative(root, f))),
    (_graph, from, to) => !isEntry(posixRelative(root, from)) || isComponent(posixRelative(root, to)),
  );
  if (entry === undefined || path.resolve(file) === entry) return undefined;
  return { side: 'client', reason: `${what}, ${posixRelative(root, entry)}, renders it in the browser` };
}

function isComponent(name: string): boolean {
  return /\.[jt]sx$/.test(name) || /(^|\/)components\//.test(name);
}
