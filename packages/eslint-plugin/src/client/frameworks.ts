import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type FrameworkId =
  | 'next'
  | 'remix'
  | 'sveltekit'
  | 'nuxt'
  | 'astro'
  | 'gatsby'
  | 'expo'
  | 'react-native'
  | 'angular'
  | 'create-react-app'
  | 'vue-cli'
  | 'vite';

export interface Framework {
  id: FrameworkId;
  /** Human name, for messages. */
  name: string;
  /** Env var prefixes the framework's bundler inlines into browser code. */
  publicEnvPrefixes: readonly string[];
  /** Env names the bundler defines for every build; never secrets. */
  builtinEnvNames: readonly string[];
}

export interface Project {
  /** The folder holding the nearest package.json; path conventions are relative to it. */
  root: string;
  framework: Framework | undefined;
  /** Env names the project's bundler config defines (Vite `define`, webpack DefinePlugin): not env reads. */
  definedEnvNames: readonly string[];
  /**
   * The bundler config defines `process.env` (or `import.meta.env`) as a whole
   * (`define: { 'process.env': process.env }`): every variable reaches the client bundle.
   */
  definesWholeEnv: boolean;
}

const VITE_BUILTINS = ['MODE', 'BASE_URL', 'PROD', 'DEV', 'SSR'];
/** What Expo's babel preset and Metro inline into every bundle (and @expo/webpack-config's PUBLIC_URL). */
const EXPO_BUILTINS = ['NODE_ENV', 'EXPO_OS', 'EXPO_BASE_URL', 'EXPO_ROUTER_APP_ROOT', 'EXPO_ROUTER_ABS_APP_ROOT', 'EXPO_ROUTER_IMPORT_MODE', 'EXPO_PROJECT_ROOT', 'PUBLIC_URL'];

/** Most specific first: a Next.js app also depends on react, a Remix app on vite. */
const FRAMEWORKS: ReadonlyArray<Framework & { packages: readonly string[] }> = [
  { id: 'next', name: 'Next.js', packages: ['next'], publicEnvPrefixes: ['NEXT_PUBLIC_'], builtinEnvNames: ['NODE_ENV', 'NEXT_RUNTIME'] },
  {
    id: 'remix',
    name: 'Remix / React Router',
    packages: ['@remix-run/react', '@remix-run/dev', '@react-router/dev'],
    publicEnvPrefixes: ['VITE_'],
    builtinEnvNames: ['NODE_ENV', ...VITE_BUILTINS],
  },
  { id: 'sveltekit', name: 'SvelteKit', packages: ['@sveltejs/kit'], publicEnvPrefixes: ['PUBLIC_', 'VITE_'], builtinEnvNames: ['NODE_ENV', ...VITE_BUILTINS] },
  { id: 'nuxt', name: 'Nuxt', packages: ['nuxt'], publicEnvPrefixes: ['NUXT_PUBLIC_'], builtinEnvNames: ['NODE_ENV', ...VITE_BUILTINS] },
  { id: 'astro', name: 'Astro', packages: ['astro'], publicEnvPrefixes: ['PUBLIC_'], builtinEnvNames: ['NODE_ENV', ...VITE_BUILTINS, 'SITE'] },
  { id: 'gatsby', name: 'Gatsby', packages: ['gatsby'], publicEnvPrefixes: ['GATSBY_'], builtinEnvNames: ['NODE_ENV'] },
  { id: 'expo', name: 'Expo', packages: ['expo'], publicEnvPrefixes: ['EXPO_PUBLIC_'], builtinEnvNames: EXPO_BUILTINS },
  { id: 'react-native', name: 'React Native', packages: ['react-native'], publicEnvPrefixes: [], builtinEnvNames: EXPO_BUILTINS },
  { id: 'angular', name: 'Angular', packages: ['@angular/core'], publicEnvPrefixes: ['NG_APP_'], builtinEnvNames: ['NODE_ENV'] },
  { id: 'create-react-app', name: 'Create React App', packages: ['react-scripts'], publicEnvPrefixes: ['REACT_APP_'], builtinEnvNames: ['NODE_ENV', 'PUBLIC_URL'] },
  { id: 'vue-cli', name: 'Vue CLI', packages: ['@vue/cli-service'], publicEnvPrefixes: ['VUE_APP_'], builtinEnvNames: ['NODE_ENV', 'BASE_URL'] },
  { id: 'vite', name: 'Vite', packages: ['vite'], publicEnvPrefixes: ['VITE_'], builtinEnvNames: ['NODE_ENV', ...VITE_BUILTINS] },
];

/** Every prefix some framework inlines into the browser; used where no framework is known. */
export const ALL_PUBLIC_ENV_PREFIXES: readonly string[] = [
  ...new Set([...FRAMEWORKS.flatMap((f) => f.publicEnvPrefixes), 'NUXT_ENV_', 'STORYBOOK_']),
];

export function frameworkById(id: string): Framework | undefined {
  return FRAMEWORKS.find((framework) => framework.id === id);
}

export const FRAMEWORK_IDS: readonly FrameworkId[] = FRAMEWORKS.map((framework) => framework.id);

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/**
 * One entry per folder ever asked about, for the life of the ESLint process: an editor
 * or a CLI run over thousands of files reads each package.json once.
 */
const projectByDirectory = new Map<string, Project | undefined>();

/** The nearest package.json above `file`, and the framework its dependencies name. */
export function findProject(file: string): Project | undefined {
  return projectFor(path.dirname(path.isAbsolute(file) ? file : path.resolve(file)));
}

function projectFor(directory: string): Project | undefined {
  if (projectByDirectory.has(directory)) return projectByDirectory.get(directory);
  let project: Project | undefined;
  const manifest = readPackageJson(path.join(directory, 'package.json'));
  if (manifest !== undefined) {
    const files = listFolder(directory);
    const defines = bundlerDefines(directory, files);
    project = {
      root: directory,
      framework: detectFramework(manifest) ?? frameworkFromConfigFile(files),
      definedEnvNames: defines.names,
      definesWholeEnv: defines.wholeEnv,
    };
  } else {
    const parent = path.dirname(directory);
    project = parent === directory ? undefined : projectFor(parent);
  }
  projectByDirectory.set(directory, project);
  return project;
}

function readPackageJson(file: string): PackageJson | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as PackageJson) : {};
  } catch {
    // A broken manifest is npm's error to report, not ours; treat the folder as a project
    // with no known framework rather than guessing from a parent.
    return {};
  }
}

function detectFramework(manifest: PackageJson): Framework | undefined {
  const names = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.devDependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const found = FRAMEWORKS.find((framework) => framework.packages.some((name) => names.has(name)));
  if (found === undefined) return undefined;
  return { id: found.id, name: found.name, publicEnvPrefixes: found.publicEnvPrefixes, builtinEnvNames: found.builtinEnvNames };
}

function listFolder(directory: string): readonly string[] {
  try {
    return readdirSync(directory);
  } catch {
    return [];
  }
}

/**
 * In a monorepo whose framework is hoisted to the workspace root, the app's own
 * package.json may name none: its framework config file still says which it is.
 */
const CONFIG_FILES: ReadonlyArray<[RegExp, FrameworkId]> = [
  [/^next\.config\.[cm]?[jt]s$/, 'next'],
  [/^(remix|react-router)\.config\.[cm]?[jt]s$/, 'remix'],
  [/^svelte\.config\.[cm]?js$/, 'sveltekit'],
  [/^nuxt\.config\.[cm]?[jt]s$/, 'nuxt'],
  [/^astro\.config\.[cm]?[jt]s$/, 'astro'],
  [/^gatsby-config\.[cm]?[jt]s$/, 'gatsby'],
  [/^angular\.json$/, 'angular'],
  [/^vite\.config\.[cm]?[jt]s$/, 'vite'],
];

function frameworkFromConfigFile(files: readonly string[]): Framework | undefined {
  for (const [pattern, id] of CONFIG_FILES) {
    if (files.some((file) => pattern.test(file))) return frameworkById(id);
  }
  return undefined;
}

/**
 * `process.env.X` / `import.meta.env.X` keys that the project's bundler config replaces at
 * build time (`define: { 'process.env.APP_VERSION': … }`, `new DefinePlugin({ … })`): the
 * bundle holds the configured value, which the config file's own review covers.
 */
function bundlerDefines(directory: string, files: readonly string[]): { names: string[]; wholeEnv: boolean } {
  const names: string[] = [];
  let wholeEnv = false;
  for (const file of files) {
    if (!/^(vite|vitest|next|webpack|rspack|astro|nuxt|svelte)\.config\.[cm]?[jt]s$/.test(file)) continue;
    let text: string;
    try {
      text = readFileSync(path.join(directory, file), 'utf8');
    } catch {
      continue;
    }
    for (const match of text.matchAll(/['"`](?:process|import\.meta)\.env\.([A-Za-z_$][\w$]*)['"`]\s*:/g)) {
      if (match[1] !== undefined) names.push(match[1]);
    }
    if (/['"`](?:process|import\.meta)\.env['"`]\s*:/.test(text)) wholeEnv = true;
  }
  return { names, wholeEnv };
}

