import type { ESLint, Linter, Rule } from 'eslint';
import { createRequire } from 'node:module';
import { rulesFor } from './configs.js';
import { lintedFiles, parser } from './parser.js';
import { rules } from './rules/index.js';

export type { KeyguardSettings } from './client/settings.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

/**
 * The plugin, typed with ESLint's own types so `defineConfig` (eslint/config) and
 * typescript-eslint's `config()` accept its configs, and so the published types need nothing
 * but `eslint`.
 */
export interface KeyguardPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, Rule.RuleModule>;
  configs: {
    /** Every keyguard rule meant for all projects, on JS and TS files (with their parser). */
    recommended: Linter.Config;
    /** recommended plus the rules some codebases must opt out of. */
    strict: Linter.Config;
  };
}

const plugin: KeyguardPlugin = {
  meta: { name, version, namespace: '@keyguard' },
  rules: rules as unknown as Record<string, Rule.RuleModule>,
  configs: {} as KeyguardPlugin['configs'],
};

for (const level of ['recommended', 'strict'] as const) {
  plugin.configs[level] = {
    name: `@keyguard/${level}`,
    files: lintedFiles,
    languageOptions: { parser },
    plugins: { '@keyguard': plugin },
    rules: rulesFor(level),
  };
}

export default plugin;
