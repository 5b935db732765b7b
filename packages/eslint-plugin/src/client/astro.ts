import type { TSESTree } from '@typescript-eslint/utils';
import path from 'node:path';
import { posixRelative } from '../posix-path.js';
import type { ModuleGraph } from './client-boundary.js';
import type { Verdict } from './verdict.js';

/**
 * Astro components (`.astro`): what runs where is decided inside the file, not by its folder.
 * - The frontmatter (between the `---` fences) and the template run on the server, at build or
 *   request time: a secret read there stays there.
 * - A `<script>` tag is bundled (or, with `is:inline`, written as is) into the page: browser code.
 *   eslint-plugin-astro's processor hands each one to ESLint as a virtual file
 *   `Component.astro/<n>.ts` (`.js` without typescript-eslint).
 * - A framework component rendered with a `client:*` directive is an island: its code, and what it
 *   imports, ship to the browser, and the props given to it are serialized into the page. So are the
 *   values of a `<script define:vars={…}>`.
 * A component rendered without a directive is rendered to HTML on the server and ships no code.
 */

/** A `<script>` tag's virtual file: `src/pages/index.astro/3.ts`. */
const ASTRO_SCRIPT = /\.astro\/[^/]+\.[cm]?[jt]sx?$/;

/** Layer 0 for Astro's own file kinds, a fact of the file format that no convention or glob overrides. */
export function astroFileVerdict(relativePath: string): Verdict | undefined {
  if (relativePath.endsWith('.astro')) {
    return { side: 'server', reason: 'Astro runs a component’s frontmatter and renders its template on the server' };
  }
  if (ASTRO_SCRIPT.test(relativePath)) return { side: 'client', reason: 'an Astro <script> tag ships to the browser' };
  return undefined;
}

/**
 * Inside an `.astro` file (server code as a whole), the nodes whose values reach the browser: a prop
 * of an island (`<Map client:load apiKey={…} />`, serialized into the page for hydration) and the
 * values of `<script define:vars={{ … }}>` (written into the page as script variables).
 */
export function astroClientValueVerdict(node: TSESTree.Node, filename: string): Verdict | undefined {
  if (!filename.endsWith('.astro')) return undefined;
  for (let current: TSESTree.Node | undefined = node; current != null; current = current.parent) {
    if (current.type !== 'JSXAttribute') continue;
    const element = current.parent;
    if (element?.type !== 'JSXOpeningElement') return undefined;
    const attribute = attributeName(current);
    const tag = tagName(element.name);
    if (tag === 'script' && attribute === 'define:vars') {
      return { side: 'client', reason: 'define:vars writes it into the page’s <script>' };
    }
    const directive = element.attributes.map((a) => (a.type === 'JSXAttribute' ? attributeName(a) : '')).find((name) => name.startsWith('client:'));
    if (directive !== undefined && !attribute.startsWith('client:')) {
      return { side: 'client', reason: `it is a prop of <${tag} ${directive}>, an island whose props are serialized into the page` };
    }
    return undefined;
  }
  return undefined;
}

function attributeName(attribute: TSESTree.JSXAttribute): string {
  return attribute.name.type === 'JSXNamespacedName' ? `${attribute.name.namespace.name}:${attribute.name.name.name}` : attribute.name.name;
}

function tagName(name: TSESTree.JSXTagNameExpression): string {
  if (name.type === 'JSXMemberExpression') return `${tagName(name.object)}.${name.property.name}`;
  return name.type === 'JSXNamespacedName' ? `${name.namespace.name}:${name.name.name}` : name.name;
}

/** Why an island entry ships: the `.astro` file that hydrates it or whose `<script>` imports it. */
export interface AstroEntry {
  file: string;
  astroFile: string;
  how: 'island' | 'script';
  directive?: string;
}

const FRONTMATTER = /^\s*---\r?\n([\s\S]*?)\r?\n---/;
/** `<Counter client:load`, `<ui.Chart client:visible` — the tag name before the directive in one tag. */
const ISLAND = /<([A-Za-z_$][\w$.-]*)(?:\s[^<]*?)??\s(client:(?:load|idle|visible|media|only))\b/g;
const SCRIPT_TAG = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const IMPORT_BINDINGS = /\bimport\s+(?!type\s)([^'";]*?)\s*\bfrom\s*['"]([^'"]+)['"]/g;

/**
 * The client entries of an Astro project: the components its `.astro` files hydrate with a `client:*`
 * directive (resolved through the frontmatter's imports), and the modules their `<script>` tags import
 * or load with a local `src`. Read from the text with patterns, once per graph.
 */
export function astroEntries(graph: ModuleGraph): AstroEntry[] {
  const entries: AstroEntry[] = [];
  for (const astroFile of graph.files) {
    if (!astroFile.endsWith('.astro')) continue;
    const text = graph.text(astroFile);
    const fenced = FRONTMATTER.exec(text);
    const frontmatter = fenced?.[1] ?? '';
    const template = text.slice(frontmatter === '' ? 0 : (fenced?.[0].length ?? 0));
    const bindings = importBindings(frontmatter);
    for (const match of template.matchAll(ISLAND)) {
      const binding = (match[1] ?? '').split('.')[0] ?? '';
      const specifier = bindings.get(binding);
      const target = specifier === undefined ? undefined : graph.resolve(specifier, astroFile);
      if (target !== undefined) entries.push({ file: target, astroFile, how: 'island', directive: match[2] ?? 'client:load' });
    }
    for (const match of template.matchAll(SCRIPT_TAG)) {
      const attributes = match[1] ?? '';
      if (/\bis:inline\b/.test(attributes)) continue; // written as is: the browser resolves its imports, not the bundler
      const src = /\bsrc\s*=\s*["']([^"']+)["']/.exec(attributes)?.[1];
      const specifiers = src !== undefined ? [src] : Array.from((match[2] ?? '').matchAll(/\bimport\s*(?:[^'";]*?\bfrom\s*)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g), (m) => m[1] ?? m[2] ?? '');
      for (const specifier of specifiers) {
        const target = graph.resolve(specifier, astroFile);
        if (target !== undefined && !target.endsWith('.astro')) entries.push({ file: target, astroFile, how: 'script' });
      }
    }
  }
  return entries;
}

/** `import Counter from './Counter.tsx'`, `import { Chart as C } from '…'` → binding → specifier. */
function importBindings(frontmatter: string): Map<string, string> {
  const bindings = new Map<string, string>();
  for (const match of frontmatter.matchAll(IMPORT_BINDINGS)) {
    const clause = match[1] ?? '';
    const specifier = match[2] ?? '';
    const outside = clause.replace(/\{[^}]*\}/, '').replace(/,/g, ' ').trim();
    const star = /\*\s*as\s+([\w$]+)/.exec(outside);
    if (star?.[1] !== undefined) bindings.set(star[1], specifier);
    else if (outside !== '') bindings.set(outside.split(/\s+/)[0] ?? '', specifier);
    for (const part of /\{([^}]*)\}/.exec(clause)?.[1]?.split(',') ?? []) {
      const names = /^\s*(?:type\s+)?([\w$]+)(?:\s+as\s+([\w$]+))?/.exec(part);
      if (names !== null && !/^\s*type\s/.test(part)) bindings.set(names[2] ?? names[1] ?? '', specifier);
    }
  }
  return bindings;
}

export function describeAstroEntry(entry: AstroEntry, root: string, reachedFile: string): string {
  const astroFile = posixRelative(root, entry.astroFile);
  const through = path.resolve(reachedFile) === entry.file ? '' : ` (through ${posixRelative(root, entry.file)})`;
  return entry.how === 'island'
    ? `${astroFile} hydrates it in the browser with ${entry.directive ?? 'client:*'}${through}`
    : `a <script> tag in ${astroFile} bundles it for the browser${through}`;
}
