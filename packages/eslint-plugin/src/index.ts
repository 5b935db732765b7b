import type { ESLint, Linter, Rule } from 'eslint';
import { createRequire } from 'node:module';
import { rulesFor } from './configs.js';
import { astroScriptFiles, lintedFiles, parser, svelteModuleFiles, typescriptFiles } from './parser.js';
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
    /**
     * Every keyguard rule meant for all projects, on JS and TS files and on Vue / Svelte / Astro components.
     * An array (flat config flattens it): the rules, a parser for TypeScript files (the project's
     * typescript-eslint parser) and JSX on for `.jsx` files; JavaScript keeps the parser the user's
     * configs give it, and `.vue` / `.svelte` / `.astro` files the framework parser they set (none from keyguard).
     */
    recommended: Linter.Config[];
    /** recommended plus the rules some codebases must opt out of. */
    strict: Linter.Config[];
  };
}

const plugin: KeyguardPlugin = {
  meta: { name, version, namespace: '@keyguard' },
  rules: rules as unknown as Record<string, Rule.RuleModule>,
  configs: {} as KeyguardPlugin['configs'],
};

/**
 * What lets the rules run on files no other config can read, and nothing more: a parser for
 * TypeScript files (the module typescript-eslint's own configs set, so after them it changes
 * nothing; see parser.ts) and JSX on for `.js`/`.jsx` files, which only makes a file with JSX
 * parse under espree (a file without JSX parses the same, and typescript-eslint's parser
 * ignores the flag for these extensions). JavaScript keeps the parser the user's configs give
 * it: before, these configs set espree on JS files and replaced typescript-eslint's parser
 * there, which changed other rules' results (excalidraw: 2 extra no-unused-vars).
 */
const parsing: Linter.Config[] = [
  { name: '@keyguard/typescript-parser', files: typescriptFiles, ignores: [...svelteModuleFiles, ...astroScriptFiles], languageOptions: { parser } },
  { name: '@keyguard/jsx', files: ['**/*.{js,jsx}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
];

for (const level of ['recommended', 'strict'] as const) {
  plugin.configs[level] = [
    ...parsing,
    {
      name: `@keyguard/${level}`,
      files: lintedFiles,
      plugins: { '@keyguard': plugin },
      rules: rulesFor(level),
    },
  ];
}

export default plugin;
