import path from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { posixRelative } from '../posix-path.js';
import { astroClientValueVerdict, astroFileVerdict } from './astro.js';
import { clientBindings, clientImporter } from './client-boundary.js';
import { componentVerdict, FRAMEWORK_CONVENTIONS, nameVerdict } from './conventions.js';
import { entryVerdict } from './entries.js';
import { markerVerdict } from './file-markers.js';
import { ALL_PUBLIC_ENV_PREFIXES, findProject, frameworkById, type Framework, type Project } from './frameworks.js';
import { readSettings, type ResolvedSettings } from './settings.js';
import type { Verdict } from './verdict.js';

export type { Verdict } from './verdict.js';

/** What the rules need to know about the file being linted. */
export interface FileEnvironment {
  /** Where the file's code runs; undefined when no layer could tell. Decided at first read. */
  readonly verdict: Verdict | undefined;
  framework: Framework | undefined;
  /** Env names the browser may read: framework prefixes plus settings.keyguard.publicEnvPrefixes. */
  publicEnvPrefixes: readonly string[];
  builtinEnvNames: readonly string[];
  /**
   * Whether a read of the whole env object, or with a computed key, can reach every variable: no
   * known framework limits the client to its public prefixes (a bare webpack or Metro build), or
   * the bundler config defines the env object as a whole. Under Create React App, Vite, Next.js…
   * such a read gets public variables or undefined.
   */
  wholeEnvReachesClient: boolean;
  /** Where client code runs, for messages: a React Native app ships to a device, not a browser. */
  audience: 'browser' | 'device';
}

const GENERIC_BUILTIN_ENV_NAMES = ['NODE_ENV'];

/** All rules of one file share one SourceCode object, so the layers run once per file. */
const environmentBySource = new WeakMap<object, FileEnvironment>();

export function fileEnvironment(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileEnvironment {
  const { sourceCode } = context;
  let environment = environmentBySource.get(sourceCode);
  if (environment === undefined) {
    environment = decide(context);
    environmentBySource.set(sourceCode, environment);
  }
  return environment;
}

/**
 * The decision order (documented in the README):
 * 0. Astro's file kinds: an `.astro` component runs on the server (its frontmatter and template),
 *    a `<script>` tag's virtual file (`X.astro/1.ts`) in the browser;
 * 1. the file's own markers ('use client', 'use server', client-only, server-only);
 * 2. settings.keyguard.serverFiles, then settings.keyguard.clientFiles;
 * 3. names that mean the same everywhere (*.server.*, *.client.*, *.config.*, lib/server/);
 * 4. in a Next.js project, being imported (directly or not) by a 'use client' file;
 * 5. the path conventions of the framework found in the nearest package.json (its server folders
 *    first, then: a Vue or Svelte component ships to the browser, except in Astro);
 * 6. what the framework's client entries import (Expo screens, a Vite index.html, Next.js
 *    pages and Remix routes through their components);
 * otherwise unknown, and the client-side rules stay quiet.
 */
function decide(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileEnvironment {
  const settings = readSettings(context.settings);
  const filename = context.filename;
  const hasRealFile = path.isAbsolute(filename);
  const project = hasRealFile ? findProject(filename) : undefined;
  const shared = projectShared(project, settings);
  const { framework } = shared;

  // Where the file runs is the costly part (the client-boundary walks read the project's files):
  // decided at its first read, which most files never make (no env read, no header write, no key).
  const verdict = (): Verdict | undefined => {
    const fromRoot = posixRelative(project?.root ?? context.cwd, filename);
    const hasGlobs = settings.clientFiles.length > 0 || settings.serverFiles.length > 0;
    const fromCwd = hasGlobs && project !== undefined ? posixRelative(context.cwd, filename) : fromRoot;
    // the framework's server folders first, then what a component file is, then its client folders
    const conventionOrComponent = (): Verdict | undefined => {
      const convention = framework !== undefined ? FRAMEWORK_CONVENTIONS[framework.id](fromRoot) : undefined;
      return convention?.side === 'server' ? convention : (componentVerdict(fromRoot, framework?.id) ?? convention);
    };
    return (
      astroFileVerdict(fromRoot) ??
      markerVerdict(context.sourceCode.ast) ??
      (settings.isServerFile(fromCwd) || settings.isServerFile(fromRoot)
        ? { side: 'server', reason: 'it matches settings.keyguard.serverFiles' }
        : undefined) ??
      (settings.isClientFile(fromCwd) || settings.isClientFile(fromRoot)
        ? { side: 'client', reason: 'it matches settings.keyguard.clientFiles' }
        : undefined) ??
      nameVerdict(fromRoot) ??
      (framework?.id === 'next' && project !== undefined ? boundaryVerdict(project.root, filename) : undefined) ??
      conventionOrComponent() ??
      (framework !== undefined && project !== undefined ? entryVerdict(framework.id, project.root, filename) : undefined)
    );
  };

  let decided: { verdict: Verdict | undefined } | undefined;
  return {
    get verdict() {
      decided ??= { verdict: verdict() };
      return decided.verdict;
    },
    ...shared,
  };
}

type SharedEnvironment = Omit<FileEnvironment, 'verdict'>;

/**
 * What every file of one project under one `settings.keyguard` shares (framework, prefixes, built-in
 * names, audience), built once per pair instead of once per file. A project is the same object for
 * the life of the process (findProject's cache) and so are resolved settings; files outside any
 * project share one entry per settings.
 */
const sharedByProject = new WeakMap<object, WeakMap<object, SharedEnvironment>>();
const NO_PROJECT = {};

function projectShared(project: Project | undefined, settings: ResolvedSettings): SharedEnvironment {
  let bySettings = sharedByProject.get(project ?? NO_PROJECT);
  if (bySettings === undefined) sharedByProject.set(project ?? NO_PROJECT, (bySettings = new WeakMap()));
  let shared = bySettings.get(settings);
  if (shared === undefined) {
    const framework = settings.framework !== undefined ? frameworkById(settings.framework) : project?.framework;
    shared = {
      framework,
      publicEnvPrefixes: [...(framework?.publicEnvPrefixes ?? ALL_PUBLIC_ENV_PREFIXES), ...settings.publicEnvPrefixes],
      builtinEnvNames: [...(framework?.builtinEnvNames ?? GENERIC_BUILTIN_ENV_NAMES), ...(project?.definedEnvNames ?? [])],
      wholeEnvReachesClient: project?.definesWholeEnv === true || framework === undefined || framework.publicEnvPrefixes.length === 0,
      audience: framework?.id === 'expo' || framework?.id === 'react-native' ? 'device' : 'browser',
    };
    bySettings.set(settings, shared);
  }
  return shared;
}

function boundaryVerdict(root: string, filename: string): Verdict | undefined {
  const importer = clientImporter(root, filename);
  if (importer === undefined) return undefined;
  const bindings = clientBindings(root, filename);
  const reason = `a 'use client' file, ${posixRelative(root, importer)}, imports it`;
  return bindings === undefined ? { side: 'client', reason } : { side: 'client', reason, clientBindings: bindings };
}


/** How messages name where client code runs and what ships there. */
export function audienceWords(environment: FileEnvironment): { runtime: string; bundle: string; client: string } {
  return environment.audience === 'device'
    ? { runtime: 'on the device', bundle: 'the app bundle', client: 'the app' }
    : { runtime: 'in the browser', bundle: 'the browser bundle', client: 'the browser' };
}

/**
 * Where the code at `node` runs, when that is the client: the file's verdict, or, in an `.astro` file
 * (server code), the browser for an island's props and a `<script define:vars>`'s values.
 */
export function clientVerdictAt(environment: FileEnvironment, node: TSESTree.Node, filename: string): Verdict | undefined {
  if (isClient(environment)) return environment.verdict;
  return astroClientValueVerdict(node, filename);
}

export function isClient(environment: FileEnvironment): environment is FileEnvironment & { verdict: Verdict & { side: 'client' } } {
  return environment.verdict?.side === 'client';
}
