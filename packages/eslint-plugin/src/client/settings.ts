import picomatch from 'picomatch';
import { FRAMEWORK_IDS, type FrameworkId } from './frameworks.js';

/** `settings.keyguard` in the ESLint config. */
export interface KeyguardSettings {
  /** Globs (relative to ESLint's cwd) of files that run in the browser. */
  clientFiles: readonly string[];
  /** Globs of files that run only on the server; they win over clientFiles. */
  serverFiles: readonly string[];
  /** Extra env var prefixes your bundler inlines (e.g. a custom Vite `envPrefix`). */
  publicEnvPrefixes: readonly string[];
  /** Skip package.json detection and use this framework's conventions. */
  framework: FrameworkId | undefined;
}

export interface ResolvedSettings extends KeyguardSettings {
  isClientFile: (relativePath: string) => boolean;
  isServerFile: (relativePath: string) => boolean;
}

const resolvedBySettings = new WeakMap<object, ResolvedSettings>();
const EMPTY = resolve({});

/**
 * Reads and checks `settings.keyguard`; compiled once per settings object, so the globs
 * are built once per config, not once per file.
 */
export function readSettings(settings: Record<string, unknown>): ResolvedSettings {
  const raw = settings['keyguard'];
  if (raw === undefined) return EMPTY;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(`keyguard: settings.keyguard must be an object, got ${describe(raw)}.`);
  }
  let resolved = resolvedBySettings.get(raw);
  if (resolved === undefined) {
    resolved = resolve(raw as Record<string, unknown>);
    resolvedBySettings.set(raw, resolved);
  }
  return resolved;
}

const KNOWN_KEYS = new Set(['clientFiles', 'serverFiles', 'publicEnvPrefixes', 'framework']);

function resolve(raw: Record<string, unknown>): ResolvedSettings {
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new Error(`keyguard: unknown key settings.keyguard.${key}; expected one of ${[...KNOWN_KEYS].join(', ')}.`);
    }
  }
  const clientFiles = stringList(raw, 'clientFiles');
  const serverFiles = stringList(raw, 'serverFiles');
  const publicEnvPrefixes = stringList(raw, 'publicEnvPrefixes');
  const framework = raw['framework'];
  if (framework !== undefined && !FRAMEWORK_IDS.includes(framework as FrameworkId)) {
    throw new Error(`keyguard: settings.keyguard.framework must be one of ${FRAMEWORK_IDS.join(', ')}, got ${describe(framework)}.`);
  }
  return {
    clientFiles,
    serverFiles,
    publicEnvPrefixes,
    framework: framework as FrameworkId | undefined,
    isClientFile: matcher(clientFiles),
    isServerFile: matcher(serverFiles),
  };
}

function stringList(raw: Record<string, unknown>, key: string): readonly string[] {
  const value = raw[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new Error(`keyguard: settings.keyguard.${key} must be an array of strings, got ${describe(value)}.`);
  }
  return value as string[];
}

function matcher(globs: readonly string[]): (relativePath: string) => boolean {
  if (globs.length === 0) return () => false;
  return picomatch([...globs], { dot: true });
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
