import { readFileSync } from 'node:fs';
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
}

const VITE_BUILTINS = ['MODE', 'BASE_URL', 'PROD', 'DEV', 'SSR'];

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
  { id: 'expo', name: 'Expo', packages: ['expo'], publicEnvPrefixes: ['EXPO_PUBLIC_'], builtinEnvNames: ['NODE_ENV'] },
  { id: 'react-native', name: 'React Native', packages: ['react-native'], publicEnvPrefixes: [], builtinEnvNames: ['NODE_ENV'] },
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
    project = { root: directory, framework: detectFramework(manifest) };
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

/** For tests that rewrite package.json files between cases. */
export function clearProjectCache(): void {
  projectByDirectory.clear();
}
